import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { indexJs, packageJson, pluginSource, pluginSpec, ScaffoldKind } from './plugin-template';

/** Writes a working plugin with its test under `<root>/plugins/<id>`; refuses to overwrite anything. */
export function scaffoldPlugin(root: string, id: string, kind: ScaffoldKind): string[] {
  if (!/^[a-z][a-z0-9-]{1,49}$/.test(id))
    throw new Error(`plugin name "${id}": use lowercase letters, digits and - (2 to 50 characters)`);
  const dir = join(root, 'plugins', id);
  if (existsSync(dir)) throw new Error(`${dir} already exists`);
  mkdirSync(join(dir, 'src'), { recursive: true });
  const files: [string, string][] = [
    ['package.json', packageJson(id)],
    ['index.js', indexJs(id)],
    ['src/index.ts', pluginSource(id, kind)],
    [`src/${id}.spec.ts`, pluginSpec(id, kind)],
  ];
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.map(([name]) => join('plugins', id, name));
}
