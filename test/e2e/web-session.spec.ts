import { createTestEnvironment, launchBrowser, TestEnvironment, waitFor } from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const ACCESS_TTL_SECONDS = 30; // the shortest the config allows

describe('web app session when the access token expires', () => {
  let env: TestEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({
      config: { server: { webDist }, auth: { accessTokenTtlSeconds: ACCESS_TTL_SECONDS } },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('renews the token once when the list, the messages and the socket all find it expired together', async () => {
    const dora = env.sandbox.customer('5511977770401', { name: 'Dora Expirada' });
    const first = await dora.text('Primeira mensagem');
    await waitFor(() => env.query('select 1 from messages where wamid = $1', [first.wamid]));

    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    const refreshes: string[] = [];
    let bearer = '';
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().endsWith('/api/auth/refresh'))
        refreshes.push(request.url());
      const authorization = request.headers()['authorization'];
      if (authorization?.startsWith('Bearer ')) bearer = authorization;
    });
    // Lets the socket through; once armed, drops it right after the next new message reaches the page, so
    // the reconnect happens while the inbox reads the list and the messages.
    let dropAfterMessage = false;
    await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        ws.send(message);
        if (dropAfterMessage && String(message).includes('"message.created"')) {
          dropAfterMessage = false;
          void ws.close();
        }
      });
    });

    try {
      await page.goto(`${env.url}/login`);
      await page.locator('#email').fill(env.users.salesAgent.email);
      await page.locator('#password').fill(env.users.salesAgent.password);
      await page.locator('form button[type=submit]').click();
      await page.locator('[data-connection="live"]').waitFor();
      await page.locator('button.row', { hasText: 'Dora Expirada' }).click();
      const bodies = page.locator('ol.messages li .body');
      await expect.poll(() => bodies.allTextContents()).toEqual(['Primeira mensagem']);
      expect(bearer, 'the page sent its access token').not.toBe('');
      expect(refreshes, 'signing in needs no renewal').toEqual([]);

      // Until the api refuses the page's access token.
      await waitFor(
        async () =>
          (await fetch(`${env.url}/api/conversations`, { headers: { authorization: bearer } })).status ===
          401,
        { timeoutMs: (ACCESS_TTL_SECONDS + 15) * 1000, intervalMs: 1000, what: 'the access token to expire' },
      );

      dropAfterMessage = true;
      await dora.text('Ainda está aí?');
      await expect
        .poll(() => bodies.allTextContents(), { timeout: 15_000 })
        .toEqual(['Primeira mensagem', 'Ainda está aí?']);
      await page.locator('[data-connection="live"]').waitFor({ timeout: 15_000 });
      expect(dropAfterMessage, 'the socket was dropped after the message').toBe(false);

      // Still signed in and live: a later message arrives over the new socket without a sign-in prompt.
      await dora.text('Terceira');
      await expect
        .poll(() => bodies.allTextContents(), { timeout: 15_000 })
        .toEqual(['Primeira mensagem', 'Ainda está aí?', 'Terceira']);
      expect(await page.getByText('Your session has ended').count()).toBe(0);
      expect(refreshes).toHaveLength(1);
      const revoked = await env.query<{ revoked_reason: string }>(
        'select revoked_reason from sessions where revoked_at is not null',
      );
      expect(revoked).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
