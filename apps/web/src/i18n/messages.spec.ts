import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en';
import es from './locales/es';
import ptBR from './locales/pt-BR';
import { pickLocale } from './locale';

const locales: Record<string, object> = { en, 'pt-BR': ptBR, es };
const src = resolve(__dirname, '..');

/** Every key of a message tree, dotted, with its text. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith('locales') ? [] : sourceFiles(path);
    return /\.(vue|ts)$/.test(name) && !name.endsWith('.spec.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The keys the app's code names: any quoted literal starting with a section of the messages (`'inbox.empty'`), in
 * t() calls and in maps of keys alike. Keys are always written out whole so that this finds them.
 */
function usedKeys(): Set<string> {
  const sections = Object.keys(en).join('|');
  const literal = new RegExp(`['"\`]((?:${sections})\\.[A-Za-z0-9_.]+)['"\`]`, 'g');
  const used = new Set<string>();
  for (const file of sourceFiles(src))
    for (const match of readFileSync(file, 'utf8').matchAll(literal)) used.add(match[1]);
  return used;
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('web app messages', () => {
  const reference = flatten(en);

  it.each(['pt-BR', 'es'])('%s has exactly the English keys, with the same placeholders', (locale) => {
    const messages = flatten(locales[locale]);
    expect(
      [...reference.keys()].filter((k) => !messages.has(k)),
      'missing',
    ).toEqual([]);
    expect(
      [...messages.keys()].filter((k) => !reference.has(k)),
      'extra',
    ).toEqual([]);
    for (const [key, text] of reference)
      expect(placeholders(messages.get(key) ?? ''), `${locale} ${key}`).toEqual(placeholders(text));
    for (const [key, text] of messages) expect(text.trim(), `${locale} ${key} is empty`).not.toBe('');
  });

  it('every key the code names exists, and every key is named by the code', () => {
    const used = usedKeys();
    expect(
      [...used].filter((k) => !reference.has(k)),
      'named in code but missing',
    ).toEqual([]);
    expect(
      [...reference.keys()].filter((k) => !used.has(k)),
      'never used',
    ).toEqual([]);
  });

  it('picks the first wanted language it has, by tag then by language', () => {
    expect(pickLocale(['pt-BR', 'en'])).toBe('pt-BR');
    expect(pickLocale(['pt-PT'])).toBe('pt-BR');
    expect(pickLocale(['es-MX', 'en'])).toBe('es');
    expect(pickLocale(['fr-FR', 'es'])).toBe('es');
    expect(pickLocale(['de'])).toBe('en');
    expect(pickLocale([])).toBe('en');
  });
});
