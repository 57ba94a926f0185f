import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/** Debian's package path; used when present and CHROMIUM_PATH is unset. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium the SPA tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else the binary shipped
 * inside the `@sparticuz/chromium` npm package (unpacked on first use), so a fresh machine needs no browser
 * install. The suite's global setup resolves it once and exports CHROMIUM_PATH, so parallel test workers never
 * unpack it concurrently.
 */
export async function resolveChromium(systemChromium = SYSTEM_CHROMIUM): Promise<string> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new Error(`CHROMIUM_PATH is set to ${configured}, which does not exist`);
    return configured;
  }
  if (existsSync(systemChromium)) return systemChromium;
  try {
    const { default: shipped } = await import('@sparticuz/chromium');
    return await shipped.executablePath();
  } catch (e) {
    throw new Error(
      `no Chromium found: CHROMIUM_PATH is unset, ${systemChromium} is absent and @sparticuz/chromium could not be unpacked (${(e as Error).message})`,
    );
  }
}

/** A headless Chromium for SPA tests: the resolved one unless a binary is named. */
export async function launchBrowser(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? (await resolveChromium()),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
