import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { launchBrowser, resolveChromium } from './browser';

describe('resolveChromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    process.env.CHROMIUM_PATH = saved;
  });

  it('names a CHROMIUM_PATH that does not exist instead of falling back silently', async () => {
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    await expect(resolveChromium()).rejects.toThrow('CHROMIUM_PATH is set to /nowhere/chromium');
  });

  it('finds a browser with nothing configured: the system one, else the one shipped in the npm package', async () => {
    delete process.env.CHROMIUM_PATH;
    const path = await resolveChromium();
    expect(existsSync(path)).toBe(true);
  });

  it('without CHROMIUM_PATH or a system browser, launches the Chromium shipped in the npm package', async () => {
    delete process.env.CHROMIUM_PATH;
    const shipped = await resolveChromium('/nowhere/system-chromium');
    expect(shipped).not.toBe('/nowhere/system-chromium');
    const browser = await launchBrowser(shipped);
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="marker">rendered</p>');
      expect(await page.textContent('#marker')).toBe('rendered');
    } finally {
      await browser.close();
    }
  });
});
