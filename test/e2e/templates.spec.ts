import { createTestEnvironment, freePort, TestEnvironment, waitFor } from '@switchboard/testing';
import { SandboxHandle, SandboxTemplate, startSandbox } from '@switchboard/wa-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSignedWebhook, unixNow } from './helpers';

interface TemplateBody {
  id: string;
  wabaId: string;
  metaId: string;
  name: string;
  language: string;
  category: string;
  status: string;
  qualityScore: string | null;
  components: unknown[];
  parameterFormat: string;
  syncedAt: string;
  deletedAt: string | null;
}
interface SyncBody {
  wabaId: string;
  attemptedAt: string;
  syncedAt: string | null;
  error: { code: number | null; subcode: number | null; message: string } | null;
}
interface ListBody {
  items: TemplateBody[];
  sync: SyncBody | null;
}

/** Numbers Meta has and Switchboard does not yet: registered by the tests. */
const PAGED = {
  phoneNumberId: '310000000000001',
  displayPhoneNumber: '15557780001',
  wabaId: '410000000000001',
  accessToken: 'templates-access-token-1',
  appSecret: 'templates-app-secret-1',
  verifyToken: 'templates-verify-token-1',
};
const SMALL = {
  phoneNumberId: '310000000000002',
  displayPhoneNumber: '15557780002',
  wabaId: '410000000000002',
  accessToken: 'templates-access-token-2',
  appSecret: 'templates-app-secret-2',
  verifyToken: 'templates-verify-token-2',
};

/** More templates than several of Graph's pages hold, whatever page size the sync asks for (Meta caps it). */
const MANY = 230;
const pagedTemplate = (i: number): SandboxTemplate => ({
  id: String(7_000_000_000 + i),
  wabaId: PAGED.wabaId,
  name: `notice_${String(i).padStart(3, '0')}`,
  language: i % 2 ? 'pt_BR' : 'en_US',
  status: 'APPROVED',
  category: i % 3 ? 'UTILITY' : 'MARKETING',
  qualityScore: 'GREEN',
  parameterFormat: i % 5 ? 'POSITIONAL' : 'NAMED',
  components: [{ type: 'BODY', text: i % 5 ? `Notice ${i} for {{1}}` : `Notice ${i} for {{customer_name}}` }],
});
const SMALL_TEMPLATES: SandboxTemplate[] = [
  {
    id: '8000000001',
    wabaId: SMALL.wabaId,
    name: 'receipt',
    language: 'en_US',
    status: 'APPROVED',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: 'Receipt {{1}}' }],
  },
  {
    id: '8000000002',
    wabaId: SMALL.wabaId,
    name: 'promo',
    language: 'es',
    status: 'PENDING',
    category: 'MARKETING',
    components: [{ type: 'BODY', text: 'Oferta {{1}}' }],
  },
];

describe('message templates', () => {
  let env: TestEnvironment;
  let meta: SandboxHandle;
  let port: number;
  const seen: string[] = [];
  let seq = 0;
  const api = () => env.api();

  /** "Meta" at the Graph address the app is configured with, holding these templates. */
  const startMeta = async (templates: SandboxTemplate[]) => {
    meta = await startSandbox({
      port,
      numbers: [PAGED, SMALL].map((n) => ({ ...n, webhookUrl: `${env.url}/webhooks/whatsapp` })),
      templates,
    });
  };
  const register = async (n: typeof PAGED) => {
    const department = (
      await api()
        .post('/api/departments')
        .send({ key: `templates-${++seq}`, name: `Templates ${seq}` })
        .expect(201)
    ).body.id as string;
    const r = await api().post('/api/numbers').send({
      phoneNumberId: n.phoneNumberId,
      wabaId: n.wabaId,
      departmentId: department,
      accessToken: n.accessToken,
      appSecret: n.appSecret,
      verifyToken: n.verifyToken,
    });
    seen.push(r.text);
    expect(r.status, r.text).toBe(201);
    return r.body.id as string;
  };
  const templates = async (numberId: string, query = '') => {
    const r = await api().get(`/api/numbers/${numberId}/templates${query}`);
    seen.push(r.text);
    expect(r.status, r.text).toBe(200);
    return r.body as ListBody;
  };
  const sync = async (numberId: string) => {
    const r = await api().post(`/api/numbers/${numberId}/templates/sync`);
    seen.push(r.text);
    return r;
  };

  let pagedNumber: string;

  beforeAll(async () => {
    port = await freePort();
    env = await createTestEnvironment({ config: { whatsapp: { graphBaseUrl: `http://127.0.0.1:${port}` } } });
    await startMeta([...Array.from({ length: MANY }, (_, i) => pagedTemplate(i)), ...SMALL_TEMPLATES]);
  });
  afterAll(async () => {
    await meta?.close();
    await env?.close();
    for (const text of seen)
      for (const n of [PAGED, SMALL])
        for (const secret of [n.accessToken, n.appSecret, n.verifyToken]) expect(text).not.toContain(secret);
  });

  it("registering a number syncs its WABA's templates from every page of Meta's list", async () => {
    pagedNumber = await register(PAGED);
    const list = await templates(pagedNumber);
    expect(list.sync?.error).toBeNull();
    expect(list.sync?.syncedAt).not.toBeNull();
    expect(list.items.map((t) => t.name).sort()).toEqual(
      Array.from({ length: MANY }, (_, i) => pagedTemplate(i).name).sort(),
    );
    // The last one Meta lists (on its last page) is stored with every field as Meta gave it.
    const last = pagedTemplate(MANY - 1);
    expect(list.items.find((t) => t.name === last.name)).toMatchObject({
      wabaId: PAGED.wabaId,
      metaId: last.id,
      language: last.language,
      category: last.category,
      status: 'APPROVED',
      qualityScore: 'GREEN',
      parameterFormat: last.parameterFormat,
      components: last.components,
      deletedAt: null,
    });
    expect(list.items.find((t) => t.name === pagedTemplate(225).name)?.parameterFormat).toBe('NAMED');
    // Another WABA's templates are not this number's.
    expect(list.items.some((t) => t.wabaId !== PAGED.wabaId)).toBe(false);
    // Filters.
    const one = await templates(pagedNumber, `?name=${pagedTemplate(7).name}`);
    expect(one.items.map((t) => t.name)).toEqual([pagedTemplate(7).name]);
    expect((await templates(pagedNumber, '?status=PENDING')).items).toEqual([]);
    expect((await templates(pagedNumber, '?status=APPROVED')).items).toHaveLength(MANY);
    const bad = await api().get(`/api/numbers/${pagedNumber}/templates?status=${encodeURIComponent('a b')}`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('status');
  });

  it('a re-sync marks a template Meta no longer lists as deleted, keeps its row, and takes the others as listed', async () => {
    const before = await templates(pagedNumber);
    const removed = pagedTemplate(5);
    const paused = pagedTemplate(10);
    await meta.close();
    await startMeta([
      ...Array.from({ length: MANY }, (_, i) => pagedTemplate(i))
        .filter((t) => t.name !== removed.name)
        .map((t) => (t.name === paused.name ? { ...t, status: 'PAUSED' as const } : t)),
      ...SMALL_TEMPLATES,
    ]);
    const r = await sync(pagedNumber);
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ wabaId: PAGED.wabaId, error: null, listed: MANY - 1, markedDeleted: 1 });

    const after = await templates(pagedNumber);
    expect(after.items).toHaveLength(MANY);
    const gone = after.items.find((t) => t.name === removed.name);
    expect(gone?.deletedAt).not.toBeNull();
    expect(gone?.id).toBe(before.items.find((t) => t.name === removed.name)?.id);
    expect(after.items.find((t) => t.name === paused.name)).toMatchObject({
      status: 'PAUSED',
      deletedAt: null,
    });
    expect(after.items.filter((t) => t.deletedAt !== null).map((t) => t.name)).toEqual([removed.name]);
    expect((await templates(pagedNumber, '?status=PAUSED')).items.map((t) => t.name)).toEqual([paused.name]);
  });

  it("a sync Meta refuses (token 190) answers 502 with Meta's code, is kept on the sync state, and changes no template", async () => {
    const number = await register(SMALL);
    const before = await templates(number);
    expect(before.items.map((t) => [t.name, t.language, t.status, t.category])).toEqual([
      ['promo', 'es', 'PENDING', 'MARKETING'],
      ['receipt', 'en_US', 'APPROVED', 'UTILITY'],
    ]);

    meta.setTokenValid(SMALL.phoneNumberId, false);
    const r = await sync(number);
    expect(r.status, r.text).toBe(502);
    expect(r.body.message).toContain('#190');
    expect(r.body.sync.error).toMatchObject({ code: 190 });

    const after = await templates(number);
    expect(after.items).toEqual(before.items);
    expect(after.sync?.error?.code).toBe(190);
    expect(after.sync?.syncedAt).toBe(before.sync?.syncedAt);
    // The other WABA's templates are untouched too.
    expect((await templates(pagedNumber)).items.filter((t) => t.deletedAt !== null)).toHaveLength(1);

    // A working token again: the next sync clears the error.
    meta.setTokenValid(SMALL.phoneNumberId, true);
    expect((await sync(number)).status).toBe(200);
    expect((await templates(number)).sync?.error).toBeNull();
  });

  it('a sync never overwrites a status webhook Meta sent after the sync began fetching', async () => {
    const sales = env.numbers.sales;
    expect((await sync(sales.id)).status).toBe(200);
    const target = (await templates(sales.id)).items.find((t) => t.status === 'APPROVED' && !t.deletedAt);
    if (!target) throw new Error('the sandbox lists no APPROVED template for the sales WABA');
    // Meta is slow to list: the webhook below arrives while the sync waits for the listing, which (read before the
    // pause, as far as the sync can tell) still says APPROVED.
    const listing = `${sales.wabaId}/message_templates`;
    env.sandbox.setGraphFaults([{ method: 'GET', path: listing, delayMs: 2000, times: 1 }]);
    let syncEnded = false;
    const syncing = sync(sales.id).then((r) => {
      syncEnded = true;
      return r;
    });
    await waitFor(
      async () => {
        const res = await fetch(`${env.sandbox.url}/_sim/faults`);
        return ((await res.json()) as { rules: { fired: number }[] }).rules[0]?.fired === 1;
      },
      { what: "the sync's listing request reached Meta" },
    );
    const webhook = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: sales.wabaId,
          time: Number(unixNow()),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event: 'PAUSED',
                message_template_id: Number(target.metaId),
                message_template_name: target.name,
                message_template_language: target.language,
                reason: null,
                other_info: { title: 'FIRST_PAUSE', description: 'Paused for low quality.' },
              },
            },
          ],
        },
      ],
    });
    await postSignedWebhook(env, webhook).expect(200);
    const status = async () =>
      (await templates(sales.id, `?name=${target.name}`)).items.find((t) => t.id === target.id);
    await waitFor(async () => (await status())?.status === 'PAUSED', { what: 'the PAUSED webhook applied' });
    // The webhook must have landed while the sync was still waiting, or this test proves nothing.
    expect(syncEnded, 'the sync ended before the webhook was applied: lengthen the delay').toBe(false);
    const synced = await syncing;
    expect(synced.status, synced.text).toBe(200);
    expect(await status()).toMatchObject({ status: 'PAUSED', deletedAt: null });

    // A later sync's listing is newer than the webhook: Meta's list is the truth again.
    env.sandbox.setGraphFaults([]);
    expect((await sync(sales.id)).status).toBe(200);
    expect((await status())?.status).toBe('APPROVED');
  });

  it('an unknown number answers 404 on both routes', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await api().get(`/api/numbers/${unknown}/templates`).expect(404);
    await api().post(`/api/numbers/${unknown}/templates/sync`).expect(404);
  });
});
