import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface NestProject {
  type: 'application' | 'library';
  root: string;
  sourceRoot: string;
  entryFile: string;
  compilerOptions: { tsConfigPath: string };
}

const config = JSON.parse(readFileSync('nest-cli.json', 'utf8')) as {
  monorepo: boolean;
  projects: Record<string, NestProject>;
};
const folders = (parent: string) =>
  readdirSync(parent, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(parent, d.name, 'package.json')))
    .map((d) => d.name);

describe('nest-cli.json describes the monorepo', () => {
  it('lists every Node app and every lib as a project of the right type', () => {
    expect(config.monorepo).toBe(true);
    // The web app is built by Vite, not by Nest.
    for (const app of folders('apps').filter((a) => a !== 'web'))
      expect(config.projects[app], `apps/${app}`).toMatchObject({ type: 'application', root: `apps/${app}` });
    for (const lib of folders('libs'))
      expect(config.projects[lib], `libs/${lib}`).toMatchObject({ type: 'library', root: `libs/${lib}` });
  });

  it('points each project at a tsconfig and an entry file that exist', () => {
    for (const [name, p] of Object.entries(config.projects)) {
      expect(existsSync(p.compilerOptions.tsConfigPath), `${name} tsconfig`).toBe(true);
      expect(existsSync(join(p.sourceRoot, `${p.entryFile}.ts`)), `${name} entry`).toBe(true);
    }
  });
});
