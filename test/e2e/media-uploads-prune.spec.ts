import { UnsentUploadsPrune } from '@switchboard/channels';
import { APP_CONFIG, AppConfig, Clock } from '@switchboard/engine';
import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { join, resolve } from 'node:path';
import type request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Uploads no reply sent are pruned after media.unsentRetentionHours (24 h by default) on the engine clock, row and
 * bytes; sent ones and young ones stay. On the controllable clock, in Sales:
 *   09:00 day 1   the customer writes; "antigo.pdf" is uploaded and never sent; "enviado.pdf" is uploaded and sent
 *   08:00 day 2   the customer writes again; "recente.pdf" is uploaded (23 h later), not sent
 *   09:01 day 2   the prune runs: 24 h and 1 min after the first uploads
 */
const DAY1 = '2030-05-01T09:00:00Z';
const LATER = '2030-05-02T08:00:00Z';
const PRUNE_AT = '2030-05-02T09:01:00Z';

/** Reads a binary answer whole (supertest parses only text by default). */
const binary = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (d: Buffer) => chunks.push(d));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('unsent uploads are pruned after their retention', () => {
  let env: TestEnvironment;
  let clock: Clock;
  let conversation: string;
  let storageDir: string;
  let n = 0;
  const waId = '5511977770001';

  const mediaIds: Record<'old' | 'sent' | 'young', string> = { old: '', sent: '', young: '' };
  let sentMessage = '';

  async function customerWrites(text: string): Promise<void> {
    await env.sandbox.customer(waId).withNumber(env.numbers.sales.phoneNumberId).text(text);
    await waitFor(() => env.query('select 1 from messages where body = $1', [text]), {
      what: `message "${text}" stored`,
    });
  }

  const pdf = (text: string) => Buffer.from(`%PDF-1.4 ${text} ${n++}\n%%EOF\n`);

  async function upload(name: string): Promise<string> {
    const res = await env
      .as('salesAgent')
      .post(`/api/conversations/${conversation}/media`)
      .attach('file', pdf(name), { filename: name, contentType: 'application/pdf' })
      .expect(201);
    return res.body.mediaId as string;
  }

  const sendDocument = async (mediaId: string): Promise<string> =>
    (
      await env
        .as('salesAgent')
        .post(`/api/conversations/${conversation}/messages`)
        .send({ type: 'document', media: { mediaId } })
        .expect(202)
    ).body.id as string;

  /** The stored uploads among `ids`, by Meta media id, each with whether its bytes are on disk. */
  async function kept(ids: string[]): Promise<Record<string, boolean>> {
    const rows = await env.query<{ meta_media_id: string; storage_key: string }>(
      'select meta_media_id, storage_key from media_uploads where meta_media_id = any($1::text[])',
      [ids],
    );
    return Object.fromEntries(
      rows.map((r) => [r.meta_media_id, existsSync(join(storageDir, r.storage_key))]),
    );
  }

  /** Every storage key ever given to these uploads (read before the prune, to look for their files after it). */
  async function keysOf(ids: string[]): Promise<string[]> {
    const rows = await env.query<{ storage_key: string }>(
      'select storage_key from media_uploads where meta_media_id = any($1::text[]) order by meta_media_id',
      [ids],
    );
    return rows.map((r) => r.storage_key);
  }

  beforeAll(async () => {
    const shared: { clock?: Clock } = {};
    env = await createTestEnvironment({
      config: { testing: { clock: 'controllable' } },
      sandbox: { now: () => shared.clock?.now().getTime() ?? Date.now() },
    });
    clock = env.app.get(Clock);
    shared.clock = clock;
    storageDir = resolve(env.app.get<AppConfig>(APP_CONFIG).media.storageDir);

    clock.set(new Date(DAY1));
    await customerWrites('Bom dia, pode mandar a proposta?');
    const [row] = await env.query<{ id: string }>(
      `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
      [waId],
    );
    conversation = row.id;
    mediaIds.old = await upload('antigo.pdf');
    mediaIds.sent = await upload('enviado.pdf');
    sentMessage = await sendDocument(mediaIds.sent);
    await waitFor(
      () =>
        env.sandbox
          .sent(env.numbers.sales.phoneNumberId)
          .find((s) => s.type === 'document' && s.wamid && JSON.stringify(s.request).includes(mediaIds.sent)),
      { what: 'the sent document at the sandbox' },
    );

    clock.set(new Date(LATER));
    await customerWrites('Ainda estou aguardando');
    mediaIds.young = await upload('recente.pdf');
  }, 120_000);
  afterAll(async () => {
    await env?.close();
  });

  it('deletes the old unsent upload and its bytes; the sent one and the young one stay', async () => {
    const all = [mediaIds.old, mediaIds.sent, mediaIds.young];
    expect(await kept(all)).toEqual({ [mediaIds.old]: true, [mediaIds.sent]: true, [mediaIds.young]: true });
    const [oldKey] = await keysOf([mediaIds.old]);

    clock.set(new Date(PRUNE_AT));
    expect(await env.app.get(UnsentUploadsPrune).prune()).toBe(1);
    expect(await kept(all)).toEqual({ [mediaIds.sent]: true, [mediaIds.young]: true });
    expect(existsSync(join(storageDir, oldKey))).toBe(false);
    // Pruned again: nothing more is old enough.
    expect(await env.app.get(UnsentUploadsPrune).prune()).toBe(0);

    // The sent document's history still serves its bytes.
    const file = await binary(env.as('salesAgent').get(`/api/messages/${sentMessage}/media`)).expect(200);
    expect(String(file.body)).toContain('enviado.pdf');
    // The pruned one sent now still reaches the customer (Meta keeps the id) but has no stored copy any more.
    const late = await sendDocument(mediaIds.old);
    await env.as('salesAgent').get(`/api/messages/${late}/media`).expect(404);
    // The young one sent now brings its copy.
    const young = await sendDocument(mediaIds.young);
    const youngFile = await binary(env.as('salesAgent').get(`/api/messages/${young}/media`)).expect(200);
    expect(String(youngFile.body)).toContain('recente.pdf');
  });

  it('an upload a reply is marking sent is skipped, never waited for, and stays once sent', async () => {
    const [held, free] = [await upload('em-envio.pdf'), await upload('abandonado.pdf')];
    const [heldKey] = await keysOf([held]);
    clock.advance(24 * 3_600_000 + 60_000);
    // A reply's transaction has marked `held` sent and not committed yet (it holds the row).
    const reply = new Client({ connectionString: env.app.get<AppConfig>(APP_CONFIG).database.url });
    await reply.connect();
    try {
      await reply.query('begin');
      await reply.query('update media_uploads set sent_at = now() where meta_media_id = $1', [held]);
      const prune = env.app.get(UnsentUploadsPrune);
      expect(await prune.prune()).toBe(1);
      await reply.query('commit');
      expect(await prune.prune()).toBe(0);
    } finally {
      await reply.end();
    }
    expect(await kept([held, free])).toEqual({ [held]: true });
    expect(existsSync(join(storageDir, heldKey))).toBe(true);
  });

  it('a stored file that cannot be removed does not stop the prune: its row goes, the others go with theirs', async () => {
    const [stuck, next] = [await upload('preso.pdf'), await upload('seguinte.pdf')];
    const [stuckKey, nextKey] = await keysOf([stuck, next]);
    // A directory with a file inside where the upload's bytes were: removing it fails on every try.
    rmSync(join(storageDir, stuckKey));
    mkdirSync(join(storageDir, stuckKey));
    writeFileSync(join(storageDir, stuckKey, 'inside'), 'x');
    clock.advance(24 * 3_600_000 + 60_000);
    expect(await env.app.get(UnsentUploadsPrune).prune()).toBe(2);
    expect(await kept([stuck, next])).toEqual({});
    expect(existsSync(join(storageDir, nextKey))).toBe(false);
    expect(await env.app.get(UnsentUploadsPrune).prune()).toBe(0);
  });
});
