import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scaffoldPlugin } from './scaffold-plugin';

/** Formats the new files with the repository's Prettier, so they pass `npm run check` whatever the name's length. */
async function format(files: string[]): Promise<void> {
  const prettier = await import('prettier');
  for (const file of files.filter((f) => f.endsWith('.ts') || f.endsWith('.json'))) {
    const path = resolve(file);
    const options = (await prettier.resolveConfig(path)) ?? {};
    writeFileSync(path, await prettier.format(readFileSync(path, 'utf8'), { ...options, filepath: path }));
  }
}

/** `npm run plugin:new -- <name> --kind department|connector` */
async function main(argv: string[]): Promise<void> {
  const kindAt = argv.indexOf('--kind');
  const kind = kindAt >= 0 ? argv[kindAt + 1] : 'department';
  const name = argv.find((a, i) => !a.startsWith('--') && (kindAt < 0 || i !== kindAt + 1));
  if (!name || (kind !== 'department' && kind !== 'connector')) {
    process.stderr.write('usage: npm run plugin:new -- <name> --kind department|connector\n');
    process.exit(2);
  }
  const files = scaffoldPlugin(process.cwd(), name, kind);
  await format(files);
  process.stdout.write(
    `created ${files.join(', ')}\nnext: npm run build && npx vitest run plugins/${name}\n` +
      `then list ./plugins/${name} in plugins.enabled and install it on a number (docs/plugins.md)\n`,
  );
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
