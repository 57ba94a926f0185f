import { createTestEnvironment, TestEnvironment } from '@switchboard/testing';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The web app's typed client is generated from the running api's OpenAPI document. `npm run gen:api` runs this
// spec with SWITCHBOARD_WRITE_API_SCHEMA=1 to rewrite the checked-in file; otherwise any drift fails it.
const schemaFile = resolve(process.cwd(), 'apps/web/src/api/schema.d.ts');
const write = process.env.SWITCHBOARD_WRITE_API_SCHEMA === '1';
const HEADER = "// Generated from the api's OpenAPI document by `npm run gen:api`. Do not edit.\n";

/** The generated text per API path (the `paths` interface's members), in document order. */
function pathBlocks(source: string): Map<string, string> {
  const blocks = new Map<string, string>();
  let current: string | null = null;
  for (const line of source.split('\n')) {
    const start = /^ {2}['"](\/[^'"]*)['"]: \{$/.exec(line);
    if (start) current = start[1];
    else if (/^\}/.test(line)) current = null;
    if (current) blocks.set(current, `${blocks.get(current) ?? ''}${line}\n`);
  }
  return blocks;
}

/** The first API path whose generated types differ, or a note that only shared schemas differ. */
function firstDifference(committed: string, generated: string): string {
  const before = pathBlocks(committed);
  const after = pathBlocks(generated);
  for (const [path, block] of after) {
    if (!before.has(path)) return `${path} (new in the api)`;
    if (before.get(path) !== block) return `${path} (changed)`;
  }
  for (const path of before.keys()) if (!after.has(path)) return `${path} (gone from the api)`;
  return 'no path differs: a shared schema (components) changed';
}

describe('the web app typed API client', () => {
  let env: TestEnvironment;

  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('is generated from the running api and has not drifted', async () => {
    const doc = (await env.anonymous().get('/api/docs/openapi.json').expect(200)).body as OpenAPI3;
    // Formatted as the repository's prettier settings say, so `npm run check` accepts the checked-in file.
    const generated = await format(HEADER + astToString(await openapiTS(doc, { alphabetize: true })), {
      ...(await resolveConfig(schemaFile)),
      filepath: schemaFile,
    });
    if (write) writeFileSync(schemaFile, generated);
    const committed = readFileSync(schemaFile, 'utf8');
    if (committed !== generated) {
      expect.fail(
        `apps/web/src/api/schema.d.ts differs from the api's OpenAPI document at ${firstDifference(committed, generated)}; run npm run gen:api`,
      );
    }
    // The routes the web app calls are in the document (a renamed route would break the build, not only this).
    expect([...pathBlocks(generated).keys()]).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/refresh', '/api/conversations']),
    );
  });
});
