import type { PluginSettingFieldView, PluginText } from '@switchboard/contracts';
import type { LoadedPlugin } from '@switchboard/engine';
import { z } from 'zod';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A label or description as the plugin gave it: one string (taken as English) or text per language with `en`. */
function textOf(value: unknown): PluginText | null {
  if (typeof value === 'string' && value) return { en: value };
  if (!isRecord(value) || typeof value.en !== 'string') return null;
  return Object.fromEntries(
    Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

const numberOr = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/**
 * One top-level setting as a form field. The plugin's zod schema is read as JSON Schema (input side, so a key
 * with a default is optional); labels come from `.meta({ label, hint, optionLabels })`, else the key.
 */
function settingField(key: string, schema: Json, required: boolean): PluginSettingFieldView {
  const base = {
    key,
    label: textOf(schema.label) ?? textOf(schema.title) ?? { en: key },
    // zod types `description` as one string: text per language goes in `hint`.
    description: textOf(schema.hint) ?? textOf(schema.description),
    required,
    secret: false,
    options: null,
    minimum: null,
    maximum: null,
    integer: false,
    default: schema.default ?? null,
  };
  const values = schema.enum;
  if (Array.isArray(values) && values.length && values.every((v): v is string => typeof v === 'string')) {
    const labels = isRecord(schema.optionLabels) ? schema.optionLabels : {};
    return {
      ...base,
      type: 'select',
      options: values.map((value) => ({ value, label: textOf(labels[value]) ?? { en: value } })),
    };
  }
  if (schema.type === 'boolean') return { ...base, type: 'boolean' };
  if (schema.type === 'number' || schema.type === 'integer')
    return {
      ...base,
      type: 'number',
      minimum: numberOr(schema.minimum),
      maximum: numberOr(schema.maximum),
      integer: schema.type === 'integer',
    };
  if (schema.type === 'string') return { ...base, type: 'text' };
  return { ...base, type: 'json' };
}

/**
 * The settings' JSON Schema; `any` for what it cannot say (a transform, a custom check): such a setting becomes a
 * JSON field. A schema the conversion fails on gives no setting fields (the credentials are still listed) rather
 * than failing the whole panel for every plugin.
 */
function jsonSchemaOf(schema: NonNullable<LoadedPlugin['plugin']['settings']>): Json {
  try {
    return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  } catch {
    return {};
  }
}

/** The settings form of a plugin: each top-level setting, then each credential the manifest declares (write-only). */
export function settingsFormOf(plugin: LoadedPlugin): PluginSettingFieldView[] {
  const fields: PluginSettingFieldView[] = [];
  const schema = plugin.plugin.settings;
  if (schema) {
    const json = jsonSchemaOf(schema);
    const required = new Set(Array.isArray(json.required) ? json.required : []);
    for (const [key, property] of Object.entries(isRecord(json.properties) ? json.properties : {}))
      if (isRecord(property)) fields.push(settingField(key, property, required.has(key)));
  }
  for (const c of plugin.manifest.credentials)
    fields.push({
      key: c.key,
      type: 'secret',
      label: { en: c.label },
      description: null,
      required: !c.optional,
      secret: true,
      options: null,
      minimum: null,
      maximum: null,
      integer: false,
      default: null,
    });
  return fields;
}
