import { databaseBefore } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';

const MIGRATION = 'Migration20261129600000_message_number';
const ids = {
  dept: '01900000-0000-7000-8000-000000000001',
  numA: '01900000-0000-7000-8000-0000000000a1',
  numB: '01900000-0000-7000-8000-0000000000b1',
  contactA: '01900000-0000-7000-8000-0000000000c1',
  contactB: '01900000-0000-7000-8000-0000000000c2',
  convA: '01900000-0000-7000-8000-0000000000d1',
  convB: '01900000-0000-7000-8000-0000000000d2',
  inA: '01900000-0000-7000-8000-0000000000e1',
  outB: '01900000-0000-7000-8000-0000000000e2',
  queuedB: '01900000-0000-7000-8000-0000000000e3',
  stray: '01900000-0000-7000-8000-0000000000e4',
  noConversation: '01900000-0000-7000-8000-0000000000f1',
};

describe(`migration ${MIGRATION}`, () => {
  it('gives every message its conversation’s number and makes a wamid unique per number', async () => {
    const db = await databaseBefore(MIGRATION);
    const { pg } = db;
    const message = (id: string, wamid: string | null, conversationId: string, direction: 'in' | 'out') =>
      pg.query(
        `insert into messages (id, wamid, conversation_id, direction, type, content, status, status_rank, created_at, updated_at)
         values ($1, $2, $3, $4, 'text', '{}', 'received', 0, now(), now())`,
        [id, wamid, conversationId, direction],
      );
    try {
      await db.insertDepartment(ids.dept);
      for (const [id, wabaId] of [
        [ids.numA, 'waba-A'],
        [ids.numB, 'waba-B'],
      ])
        await db.insertNumber({ id, wabaId, departmentId: ids.dept });
      await pg.query(
        `insert into contacts (id, waba_id, wa_id, created_at, updated_at)
           values ($1, 'waba-A', '5511900000001', now(), now()), ($2, 'waba-B', '5511900000001', now(), now())`,
        [ids.contactA, ids.contactB],
      );
      await pg.query(
        `insert into conversations (id, number_id, department_id, contact_id, status, created_at, updated_at)
           values ($1, $3, $5, $6, 'open', now(), now()), ($2, $4, $5, $7, 'open', now(), now())`,
        [ids.convA, ids.convB, ids.numA, ids.numB, ids.dept, ids.contactA, ids.contactB],
      );
      await message(ids.inA, 'wamid.IN-A', ids.convA, 'in');
      await message(ids.outB, 'wamid.OUT-B', ids.convB, 'out');
      await message(ids.queuedB, null, ids.convB, 'out');
      // A message whose conversation is gone: its number cannot be known, so the upgrade stops and names it.
      await message(ids.stray, 'wamid.STRAY', ids.noConversation, 'in');

      await expect(db.up()).rejects.toThrow(
        `messages without a conversation (e.g. id ${ids.stray}) have no number`,
      );
      await pg.query('delete from messages where id = $1', [ids.stray]);
      await db.up();

      const rows = (await pg.query<{ id: string; number_id: string }>('select id, number_id from messages'))
        .rows;
      expect(Object.fromEntries(rows.map((r) => [r.id, r.number_id]))).toEqual({
        [ids.inA]: ids.numA,
        [ids.outB]: ids.numB,
        [ids.queuedB]: ids.numB,
      });
      // The same wamid on another number is another message; on the same number it is refused.
      await pg.query(
        `insert into messages (id, wamid, conversation_id, number_id, direction, type, content, status, status_rank, created_at, updated_at)
         values (gen_random_uuid(), 'wamid.IN-A', $1, $2, 'in', 'text', '{}', 'received', 0, now(), now())`,
        [ids.convB, ids.numB],
      );
      await expect(
        pg.query(
          `insert into messages (id, wamid, conversation_id, number_id, direction, type, content, status, status_rank, created_at, updated_at)
           values (gen_random_uuid(), 'wamid.IN-A', $1, $2, 'in', 'text', '{}', 'received', 0, now(), now())`,
          [ids.convA, ids.numA],
        ),
      ).rejects.toThrow(/messages_wamid_number_id_unique/);
    } finally {
      await db.close();
    }
  });
});
