import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  signInPage,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const shots = resolve(process.cwd(), 'docs/screenshots');

const HOSTILE_NAME = '<img src=x onerror=alert(1)>.pdf';
const PDF = Buffer.from('%PDF-1.4 orçamento aprovado\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 9)]);

describe('attachments in the conversation composer, in a real browser', () => {
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

  const screenshot = async (page: Page, name: string) => {
    if (process.env.SCREENSHOTS !== '1') return;
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: resolve(shots, `${name}.png`) });
  };

  /** The sales number's sends of a type to the customer, as the sandbox received them. */
  const sent = (waId: string, type: string) =>
    env.sandbox
      .sent(env.numbers.sales.phoneNumberId)
      .filter((s) => s.kind === 'message' && s.waId === waId && s.type === type && s.wamid)
      .map((s) => s.request as Record<string, { id?: string; caption?: string; filename?: string }>);

  /** Chooses a file through the attach button, operated from the keyboard. */
  async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
    const attachButton = page.getByRole('button', { name: 'Attach a file' });
    await expect.poll(() => attachButton.isEnabled()).toBe(true);
    await attachButton.focus();
    // Browser-side code as a string: the specs compile without the DOM's types.
    await expect
      .poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('aria-label') ?? null`))
      .toBe('Attach a file');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('Enter')]);
    await chooser.setFiles(file);
  }

  it('an agent attaches a file and sends it; the customer receives it; the history shows it; hostile names stay text', async () => {
    const waId = '5511955550001';
    await env.sandbox.customer(waId, { name: 'Rui Tavares' }).text('Pode mandar o orçamento?');
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Playwright turns on file-chooser interception without waiting for the browser's answer; a listener
    // from the start makes sure it is on before the first Enter, however slow the machine.
    page.on('filechooser', () => undefined);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await recordCspViolations(page);
    try {
      await signInPage(page, env.url, env.users.salesAgent);
      await page.locator('button.row', { hasText: 'Rui Tavares' }).click();
      await page.locator('li.message', { hasText: 'Pode mandar o orçamento?' }).waitFor();

      // A type WhatsApp does not take: the api's reason is shown, nothing is sent.
      await attach(page, { name: 'pagina.html', mimeType: 'text/html', buffer: Buffer.from('<p>oi</p>') });
      await page.locator('.attachment', { hasText: 'pagina.html' }).waitFor();
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await expect
        .poll(() => page.locator('.attach-error[role=alert]').textContent())
        .toContain('WhatsApp does not take files of type text/html');
      await page.getByRole('button', { name: 'Remove the attachment pagina.html' }).click();
      await expect.poll(() => page.locator('.attachment').count()).toBe(0);

      // The document with a hostile name: shown as text with its size, captioned, sent.
      await attach(page, { name: HOSTILE_NAME, mimeType: 'application/pdf', buffer: PDF });
      const chosen = page.locator('.attachment');
      await expect.poll(() => chosen.locator('.file-name').textContent()).toBe(`📎 ${HOSTILE_NAME}`);
      await expect.poll(() => chosen.locator('.file-size').textContent()).toBe(`${PDF.length} B`);
      expect(await axeViolations(page, '.composer')).toEqual([]);
      await screenshot(page, 'conversation-attachment');
      const caption = page.locator('textarea[name=composer]');
      expect(await caption.getAttribute('placeholder')).toBe('Add a caption (optional)');
      await caption.fill('Segue o orçamento');
      await caption.press('Enter');

      const [doc] = await waitFor(() => (sent(waId, 'document').length ? sent(waId, 'document') : null), {
        what: 'the customer received the document',
      });
      expect(doc.document).toMatchObject({ caption: 'Segue o orçamento', filename: HOSTILE_NAME });
      expect(doc.document.id).toEqual(expect.any(String));

      // The history shows the sent document with its stored copy (a download link named as sent) and caption.
      const shown = page.locator('li.message.out[data-type=document]');
      await shown.locator('a.file').waitFor();
      expect(await shown.locator('a.file').textContent()).toBe(`📄 ${HOSTILE_NAME}`);
      expect(await shown.locator('a.file').getAttribute('download')).toBe(HOSTILE_NAME);
      expect(await shown.locator('.caption').textContent()).toBe('Segue o orçamento');
      await expect.poll(() => page.locator('.attachment').count()).toBe(0);

      // An image: previewed in the history from the stored copy.
      await attach(page, { name: 'foto.png', mimeType: 'image/png', buffer: PNG });
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await waitFor(() => sent(waId, 'image')[0] ?? null, { what: 'the customer received the image' });
      const image = page.locator('li.message.out[data-type=image] img');
      await image.waitFor();
      expect(await image.getAttribute('src')).toMatch(/^blob:/);

      // Nothing the names carried ran or became markup.
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(dialogs).toEqual([]);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
    // Three uploads and sends, each waited for at the sandbox and in the page.
  }, 120_000);
});
