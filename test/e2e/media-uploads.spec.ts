import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Uploaded {
  mediaId: string;
  type: string;
  mimeType: string;
  fileName: string | null;
  size: number;
}

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64, 7)]);
const PDF = Buffer.from('%PDF-1.4 proposta comercial 2026\n%%EOF\n');

/** Reads a binary answer whole (supertest parses only text by default). */
const binary = (r: request.Test) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (d: Buffer) => chunks.push(d));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

describe('attachments by upload: POST /api/conversations/:id/media, then a reply with the media id', () => {
  let env: TestEnvironment;
  let sales: string;
  let support: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    sales = await conversationWith('5511944440001', 'sales');
    support = await conversationWith('5511944440002', 'support');
  });
  afterAll(async () => {
    await env?.close();
  });

  async function conversationWith(waId: string, number: 'sales' | 'support'): Promise<string> {
    await env.sandbox.customer(waId).withNumber(env.numbers[number].phoneNumberId).text('Olá');
    const rows = await waitFor(() =>
      env.query<{ id: string }>(
        `select c.id from conversations c join contacts k on k.id = c.contact_id where k.wa_id = $1`,
        [waId],
      ),
    );
    return rows[0].id;
  }

  const upload = (
    conversationId: string,
    file: Buffer,
    name: string,
    contentType: string,
    as: 'salesAgent' | 'supportAgent' | 'viewer' = 'salesAgent',
  ) =>
    env
      .as(as)
      .post(`/api/conversations/${conversationId}/media`)
      .attach('file', file, { filename: name, contentType });

  /** The bytes Meta (the sandbox) holds under a media id, read the way Meta serves them. */
  async function atMeta(mediaId: string): Promise<Buffer> {
    const n = env.numbers.sales;
    const auth = { Authorization: `Bearer ${n.accessToken}` };
    const info = await request(env.sandbox.url)
      .get(`/${env.sandbox.graphVersion}/${mediaId}?phone_number_id=${n.phoneNumberId}`)
      .set(auth)
      .expect(200);
    const res = await binary(request(String(info.body.url)).get('').set(auth)).expect(200);
    return res.body as Buffer;
  }

  it('uploads an image to Meta and answers what to send', async () => {
    const res = await upload(sales, PNG, 'vitrine.png', 'image/png').expect(201);
    const body = res.body as Uploaded;
    expect(body).toEqual({
      mediaId: expect.any(String),
      type: 'image',
      mimeType: 'image/png',
      fileName: 'vitrine.png',
      size: PNG.length,
    });
    expect(Buffer.compare(await atMeta(body.mediaId), PNG)).toBe(0);
  });

  it('uploads a document, sends it, the customer receives it and the history serves the bytes', async () => {
    const up = (await upload(sales, PDF, 'proposta 2026.pdf', 'application/pdf').expect(201))
      .body as Uploaded;
    expect(up).toMatchObject({ type: 'document', mimeType: 'application/pdf', size: PDF.length });

    const sent = await env
      .as('salesAgent')
      .post(`/api/conversations/${sales}/messages`)
      .send({ type: 'document', media: { mediaId: up.mediaId, caption: 'Segue a proposta' } })
      .expect(202);
    const messageId = sent.body.id as string;

    // Meta got the media id, and the file name of the upload (none was given with the reply).
    const record = await waitFor(
      () => env.sandbox.sent(env.numbers.sales.phoneNumberId).find((r) => r.type === 'document' && r.wamid),
      { what: 'the document send at the sandbox' },
    );
    expect(record.request).toMatchObject({
      type: 'document',
      to: '5511944440001',
      document: { id: up.mediaId, caption: 'Segue a proposta', filename: 'proposta 2026.pdf' },
    });

    const page = await env.as('salesAgent').get(`/api/conversations/${sales}/messages`).expect(200);
    const shown = (page.body.items as { id: string; type: string; media: Record<string, unknown> }[]).find(
      (m) => m.id === messageId,
    );
    expect(shown).toMatchObject({
      type: 'document',
      media: { state: 'stored', mimeType: 'application/pdf', filename: 'proposta 2026.pdf' },
    });

    const file = await binary(env.as('salesAgent').get(`/api/messages/${messageId}/media`)).expect(200);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain('attachment');
  });

  it('an image upload sent as an image shows as an image with its bytes', async () => {
    const up = (await upload(sales, PNG, 'foto.png', 'image/png').expect(201)).body as Uploaded;
    const sent = await env
      .as('salesAgent')
      .post(`/api/conversations/${sales}/messages`)
      .send({ type: 'image', media: { mediaId: up.mediaId } })
      .expect(202);
    await waitFor(
      () => env.sandbox.sent(env.numbers.sales.phoneNumberId).find((r) => r.type === 'image' && r.wamid),
      { what: 'the image send at the sandbox' },
    );
    const file = await binary(env.as('salesAgent').get(`/api/messages/${sent.body.id}/media`)).expect(200);
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);
  });

  it('refuses sending an uploaded file as another kind, naming the kind it is', async () => {
    const up = (await upload(sales, PNG, 'foto.png', 'image/png').expect(201)).body as Uploaded;
    const res = await env
      .as('salesAgent')
      .post(`/api/conversations/${sales}/messages`)
      .send({ type: 'sticker', media: { mediaId: up.mediaId } })
      .expect(422);
    expect(res.body.message).toContain('media.mediaId');
    expect(res.body.message).toContain('"image"');
  });

  it('refuses a MIME type WhatsApp does not take with 415, and keeps nothing', async () => {
    const before = await keptUploads();
    const res = await upload(sales, Buffer.from('<html></html>'), 'page.html', 'text/html').expect(415);
    expect(res.body.message).toContain('text/html');
    const exe = await upload(sales, Buffer.alloc(32, 1), 'setup.exe', 'application/octet-stream').expect(415);
    expect(exe.body.message).toContain('application/octet-stream');
    expect(await keptUploads()).toBe(before);
  });

  it("refuses a file over Meta's limit for its kind with 413, naming the limit", async () => {
    const before = await keptUploads();
    // 5 MB is Meta's image limit: one byte more is refused; a document of that size is fine.
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x41);
    const res = await upload(sales, big, 'huge.png', 'image/png').expect(413);
    expect(res.body.message).toContain('5 MB');
    expect(await keptUploads()).toBe(before);
    await upload(sales, big, 'big.txt', 'text/plain').expect(201);
  });

  it('refuses an empty file, a request without a file part, and a JSON body', async () => {
    await upload(sales, Buffer.alloc(0), 'empty.pdf', 'application/pdf').expect(422);
    const noFile = await env
      .as('salesAgent')
      .post(`/api/conversations/${sales}/media`)
      .field('note', 'no file here')
      .expect(400);
    expect(noFile.body.message).toContain('file');
    await env.as('salesAgent').post(`/api/conversations/${sales}/media`).send({ file: 'x' }).expect(415);
  });

  it("another department's agent gets 404, a viewer 403, and nothing is kept", async () => {
    const before = await keptUploads();
    await upload(sales, PNG, 'x.png', 'image/png', 'supportAgent').expect(404);
    await upload(support, PNG, 'x.png', 'image/png', 'salesAgent').expect(404);
    await upload(sales, PNG, 'x.png', 'image/png', 'viewer').expect(403);
    expect(await keptUploads()).toBe(before);
  });

  it("an upload made for one conversation does not bring its file to another conversation's message", async () => {
    const other = await conversationWith('5511944440003', 'sales');
    const up = (await upload(sales, PNG, 'only-here.png', 'image/png').expect(201)).body as Uploaded;
    const sent = await env
      .as('salesAgent')
      .post(`/api/conversations/${other}/messages`)
      .send({ type: 'image', media: { mediaId: up.mediaId } })
      .expect(202);
    await env.as('salesAgent').get(`/api/messages/${sent.body.id}/media`).expect(404);
  });

  /** Uploads Switchboard kept (each one went to Meta). */
  async function keptUploads(): Promise<number> {
    const rows = await env.query<{ n: string }>('select count(*) as n from media_uploads');
    return Number(rows[0].n);
  }
});
