import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
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

  it('nest build compiles an app from its project entry, and the output runs', () => {
    // The real project and its tsconfig, compiled into a scratch folder so the shared dist/ is left alone. The
    // Nest CLI reads -c relative to the working directory, so the folder lives in the (ignored) test-results/.
    mkdirSync('test-results', { recursive: true });
    const dir = mkdtempSync(join('test-results', 'nest-build-'));
    try {
      const project = config.projects['wa-sandbox'];
      const tsconfig = join(dir, 'tsconfig.json');
      writeFileSync(
        tsconfig,
        JSON.stringify({
          extends: resolve(project.compilerOptions.tsConfigPath),
          compilerOptions: { outDir: resolve(dir, 'dist'), tsBuildInfoFile: resolve(dir, 'tsbuildinfo') },
        }),
      );
      const nestCli = join(dir, 'nest-cli.json');
      const projects = {
        ...config.projects,
        'wa-sandbox': { ...project, compilerOptions: { tsConfigPath: tsconfig } },
      };
      writeFileSync(nestCli, JSON.stringify({ ...config, projects }));
      const build = spawnSync('npx', ['nest', 'build', 'wa-sandbox', '-c', nestCli], { encoding: 'utf8' });
      expect(build.status, build.stdout + build.stderr).toBe(0);
      const entry = join(dir, 'dist', project.sourceRoot, `${project.entryFile}.js`);
      expect(existsSync(entry), entry).toBe(true);
      const run = spawnSync(process.execPath, [entry], { encoding: 'utf8' });
      expect(run.stderr).toContain('wa-sandbox');
      expect(run.status).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
