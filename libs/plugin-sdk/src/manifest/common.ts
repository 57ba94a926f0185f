import { z } from 'zod';

/** Keys of stages, fields, templates…: stable identifiers used in data and URLs. */
export const keySchema = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lowercase letters, digits and _ only');

/** A locale tag like en, pt-BR or es. */
export const localeSchema = z.string().regex(/^[a-z]{2}(?:-[A-Z]{2})?$/, 'a locale like en, pt-BR or es');

/** Text in several languages; English is the fallback every plugin must ship. */
export const localizedText = (max: number) =>
  z
    .record(localeSchema, z.string().min(1).max(max))
    .refine((v) => typeof v.en === 'string', 'needs at least an "en" text (the fallback)');

export type LocalizedText = Record<string, string>;
