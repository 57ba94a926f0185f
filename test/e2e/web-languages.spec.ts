import {
  axeViolations,
  createTestEnvironment,
  cspViolations,
  launchBrowser,
  recordCspViolations,
  TestEnvironment,
  waitFor,
} from '@switchboard/testing';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const webDist = resolve(process.cwd(), 'apps/web/dist');
const LIVE = { timeout: 15_000 };

type Locale = 'en' | 'pt-BR' | 'es';
type Screen = 'login' | 'inbox' | 'conversation' | 'board' | 'dashboard' | 'admin' | 'profile';

/**
 * What each screen must say in each language, written by hand (not read from the app's messages): a phrase of the
 * screen itself, and the English it replaces, which must then be absent (a key missing in pt-BR or es would fall
 * back to it).
 */
const SAYS: Record<Screen, Record<Locale, string[]>> = {
  login: { en: ['Sign in'], 'pt-BR': ['Entrar'], es: ['Iniciar sesión'] },
  inbox: {
    en: ['Mine', 'Unassigned', 'All'],
    'pt-BR': ['Minhas', 'Sem responsável', 'Todas'],
    es: ['Mías', 'Sin asignar', 'Todas'],
  },
  conversation: {
    en: ['Internal note', 'Send'],
    'pt-BR': ['Nota interna', 'Enviar'],
    es: ['Nota interna', 'Enviar'],
  },
  board: { en: ['Board'], 'pt-BR': ['Quadro'], es: ['Tablero'] },
  dashboard: {
    en: ['Backlog per stage', 'SLA met'],
    'pt-BR': ['Pendências por etapa', 'SLA cumprido'],
    es: ['Pendientes por etapa', 'SLA cumplido'],
  },
  admin: { en: ['Administration'], 'pt-BR': ['Administração'], es: ['Administración'] },
  profile: {
    en: ['Your profile', 'Password'],
    'pt-BR': ['Seu perfil', 'Senha'],
    es: ['Tu perfil', 'Contraseña'],
  },
};
const ENGLISH_ONLY: Record<Screen, string[]> = {
  login: ['Sign in'],
  inbox: ['Unassigned'],
  conversation: ['Internal note'],
  board: ['Board'],
  dashboard: ['Backlog per stage', 'Messages per number and hour'],
  admin: ['Administration'],
  profile: ['Your profile', 'Two-step sign-in'],
};
/** Where each screen's own content is, for axe (the shell around it is checked on the inbox). */
const CONTENT: Record<Screen, string> = {
  login: 'main',
  inbox: 'body',
  conversation: '.pane',
  board: '.board-screen',
  dashboard: '.dashboard',
  admin: '.admin',
  profile: '.profile',
};
// A message key shown instead of its text (missing in every language): `inbox.tabs.mine`, `chat.send`…
const RAW_KEY =
  /\b(?:nav|auth|inbox|chat|board|dashboard|admin|profile|availability|common|errors?)\.[a-z][A-Za-z]*(?:\.[a-zA-Z]+)*\b/;

describe('every screen in English, Brazilian Portuguese and Spanish', () => {
  let env: TestEnvironment;
  let browser: Browser;
  let conversationId = '';

  beforeAll(async () => {
    expect(
      existsSync(resolve(webDist, 'index.html')),
      'build the web app first: npm run build:web (npm test does)',
    ).toBe(true);
    env = await createTestEnvironment({ config: { server: { webDist } } });
    await env.sandbox.customer('5511944440001', { name: 'Lúcia Idioma' }).text('Bom dia!');
    const [row] = await waitFor(
      () =>
        env.query<{ id: string }>(
          `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
          ['5511944440001'],
        ),
      { what: 'the conversation' },
    );
    conversationId = row.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  /** The screen's text, once what it must say is there. */
  async function shown(page: Page, screen: Screen, locale: Locale): Promise<string> {
    for (const phrase of SAYS[screen][locale])
      await page.getByText(phrase, { exact: true }).filter({ visible: true }).first().waitFor(LIVE);
    return (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  }

  for (const locale of ['en', 'pt-BR', 'es'] as const)
    it(`${locale}: sign-in, inbox, conversation, board, dashboard, admin and profile speak it and pass axe`, async () => {
      const page = await browser.newPage({ locale, viewport: { width: 1280, height: 800 } });
      await recordCspViolations(page);
      const problems: string[] = [];
      const check = async (screen: Screen) => {
        const text = await shown(page, screen, locale);
        const raw = RAW_KEY.exec(text);
        if (raw) problems.push(`${screen}: shows the key ${raw[0]}`);
        if (locale !== 'en')
          for (const english of ENGLISH_ONLY[screen])
            if (text.includes(english)) problems.push(`${screen}: shows "${english}" in English`);
        problems.push(...(await axeViolations(page, CONTENT[screen])).map((v) => `${screen}: ${v}`));
      };
      try {
        await page.goto(`${env.url}/login`);
        expect(await page.locator('html').getAttribute('lang')).toBe(locale);
        await check('login');
        await page.locator('#email').fill(env.users.admin.email);
        await page.locator('#password').fill(env.users.admin.password);
        await page.locator('form button[type=submit]').click();
        await page.waitForURL(/\/inbox$/);
        await page.locator('[data-connection="live"]').waitFor();
        await page.locator('button.row', { hasText: 'Lúcia Idioma' }).waitFor(LIVE);
        await check('inbox');
        await page.goto(`${env.url}/inbox/${conversationId}`);
        await page.locator('ol.messages li.message', { hasText: 'Bom dia!' }).waitFor(LIVE);
        await check('conversation');
        await page.goto(`${env.url}/board`);
        await page.locator('section.column').first().waitFor(LIVE);
        await check('board');
        await page.goto(`${env.url}/dashboard`);
        await page.locator('[data-tile="open"] dd').waitFor(LIVE);
        await check('dashboard');
        await page.goto(`${env.url}/admin`);
        await page.locator('.admin').waitFor(LIVE);
        await check('admin');
        await page.goto(`${env.url}/profile`);
        await page.locator('.profile').waitFor(LIVE);
        await check('profile');
        expect(problems).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
});
