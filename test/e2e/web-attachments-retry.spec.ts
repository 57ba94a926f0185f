import {
  createTestEnvironment,
  launchBrowser,
  signInPage,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const PDF = Buffer.from('%PDF-1.4 contrato revisado\n%%EOF\n');

describe('a failed send of an attachment is retried with the same upload, in a real browser', () => {
  let env: TestEnvironment;
  let browser: Browser;

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  it('the first send fails, the agent sends again: one upload, one document at the customer', async () => {
    const waId = '5511966660001';
    await env.sandbox.customer(waId, { name: 'Lia Moraes' }).text('Pode mandar o contrato?');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Interception on from the start (see web-attachments.spec.ts).
    page.on('filechooser', () => undefined);
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && /\/api\/conversations\/[^/]+\/media$/.test(r.url())) uploads.push(r.url());
    });
    // The first reply never reaches the api: the line drops it, as a flaky network would.
    let failed = 0;
    await page.route(/\/api\/conversations\/[^/]+\/messages$/, async (route) => {
      if (route.request().method() === 'POST' && failed === 0) {
        failed++;
        await route.abort('connectionreset');
        return;
      }
      await route.continue();
    });
    try {
      await signInPage(page, env.url, env.users.salesAgent);
      await page.locator('button.row', { hasText: 'Lia Moraes' }).click();
      await page.locator('li.message', { hasText: 'Pode mandar o contrato?' }).waitFor();
      const [conversation] = await env.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
        [waId],
      );

      const attachButton = page.getByRole('button', { name: 'Attach a file' });
      await expect.poll(() => attachButton.isEnabled()).toBe(true);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), attachButton.click()]);
      await chooser.setFiles({ name: 'contrato.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.locator('.attachment', { hasText: 'contrato.pdf' }).waitFor();
      const send = page.getByRole('button', { name: 'Send', exact: true });

      await send.click();
      await expect
        .poll(() => page.locator('p.error[role=alert]').textContent())
        .toContain('cannot be reached');
      // The file is still chosen, ready to send again.
      await page.locator('.attachment', { hasText: 'contrato.pdf' }).waitFor();
      expect(failed).toBe(1);

      await expect.poll(() => send.isEnabled()).toBe(true);
      await send.click();
      const sent = await waitFor(
        () =>
          env.sandbox
            .sent(env.numbers.sales.phoneNumberId)
            .filter((s) => s.kind === 'message' && s.waId === waId && s.type === 'document' && s.wamid),
        { what: 'the customer received the document' },
      );
      await expect.poll(() => page.locator('.attachment').count()).toBe(0);
      // A later message as the marker: once the customer has it, a second send of the document would have come.
      const composer = page.locator('textarea[name=composer]');
      await composer.fill('Segue o contrato acima');
      await composer.press('Enter');
      const messages = await waitFor(
        () => {
          const all = env.sandbox
            .sent(env.numbers.sales.phoneNumberId)
            .filter((s) => s.kind === 'message' && s.waId === waId && s.wamid);
          return all.some((s) => s.type === 'text') ? all : null;
        },
        { what: 'the marker text at the sandbox' },
      );
      expect(messages.filter((s) => s.type === 'document')).toHaveLength(1);

      // One upload from the page and one kept by the api, and that one is the file sent.
      expect(uploads).toHaveLength(1);
      const kept = await env.query<{ meta_media_id: string; sent_at: Date | null }>(
        'select meta_media_id, sent_at from media_uploads where conversation_id = $1',
        [conversation.id],
      );
      expect(kept).toHaveLength(1);
      expect((sent[0].request as { document: { id: string } }).document.id).toBe(kept[0].meta_media_id);
      expect(kept[0].sent_at).not.toBeNull();
    } finally {
      await page.close();
    }
  }, 60_000);
});
