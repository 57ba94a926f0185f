import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';

// Records every Content-Security-Policy violation the page reports, from before any script of ours runs.
const RECORD_CSP = `
  window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
`;

/** From now on, every page of `target` records its Content-Security-Policy violations (read with cspViolations). */
export async function recordCspViolations(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript({ content: RECORD_CSP });
}

/** The violations the page recorded since it loaded: directive, blocked URI and where. */
export const cspViolations = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { __csp: string[] }).__csp);

let axeSource: string | undefined;

interface AxeResult {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/**
 * WCAG 2 A and AA problems axe-core finds inside `selector` (a screen; the shell around it is checked on its own),
 * as "rule: element, element". axe-core runs in the page, injected from node_modules.
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  axeSource ??= readFileSync(resolve(process.cwd(), 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async (context) => {
    const { axe } = globalThis as unknown as {
      axe: { run: (context: string, options: unknown) => Promise<AxeResult> };
    };
    const result = await axe.run(context, { runOnly: ['wcag2a', 'wcag2aa'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, selector);
}

/** Signs in through the login form and waits for the inbox, where every role lands. */
export async function signInPage(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/login`);
  await page.locator('#email').fill(who.email);
  await page.locator('#password').fill(who.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/inbox$/);
}
