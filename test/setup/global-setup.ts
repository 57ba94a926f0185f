// The two files directly, not @switchboard/testing: its index loads the whole app, which Vitest's global-setup
// loader (no SWC decorators or type-only import elision there) cannot evaluate.
// eslint-disable-next-line switchboard/lib-boundaries -- the testing index cannot load in globalSetup (above)
import { resolveChromium } from '../../libs/testing/src/browser';
// eslint-disable-next-line switchboard/lib-boundaries -- likewise
import { ensureTestServer } from '../../libs/testing/src/test-server';

/**
 * Runs once before the test workers start: picks the PostgreSQL server (starting an embedded one when nothing
 * answers) and unpacks the browser, then hands both to the workers through the environment they inherit.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const started = Date.now();
  const server = await ensureTestServer();
  process.env.TEST_DATABASE_URL = server.url;
  process.env.CHROMIUM_PATH = await resolveChromium();
  const where = server.embedded
    ? `embedded PostgreSQL at ${new URL(server.url).host}`
    : new URL(server.url).host;
  process.stdout.write(
    `test setup: database server ${where}, Chromium ${process.env.CHROMIUM_PATH} (${Date.now() - started} ms)\n`,
  );
  return async () => {
    await server.stop();
  };
}
