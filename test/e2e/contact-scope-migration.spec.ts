import { databaseBefore } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';

const MIGRATION = 'Migration20261129100000_contact_scope';
const ids = {
  dept: '01900000-0000-7000-8000-000000000001',
  salesA: '01900000-0000-7000-8000-0000000000a1',
  salesA2: '01900000-0000-7000-8000-0000000000a2',
  hrB: '01900000-0000-7000-8000-0000000000b1',
  ana: '01900000-0000-7000-8000-0000000000c1',
  bia: '01900000-0000-7000-8000-0000000000c2',
  orphan: '01900000-0000-7000-8000-0000000000c3',
  convA: '01900000-0000-7000-8000-0000000000d1',
  convA2: '01900000-0000-7000-8000-0000000000d2',
  convB: '01900000-0000-7000-8000-0000000000d3',
  convBia: '01900000-0000-7000-8000-0000000000d4',
  outB: '01900000-0000-7000-8000-0000000000e1',
};

describe(`migration ${MIGRATION}`, () => {
  it('gives each contact its WABA, splits one shared by two WABAs, and gives stored statuses their number', async () => {
    const db = await databaseBefore(MIGRATION);
    const { pg } = db;
    const rows = async <T>(text: string, params: unknown[] = []) =>
      (await pg.query(text, params)).rows as T[];
    try {
      await db.insertDepartment(ids.dept);
      for (const [id, wabaId] of [
        [ids.salesA, 'waba-A'],
        [ids.salesA2, 'waba-A'],
        [ids.hrB, 'waba-B'],
      ])
        await db.insertNumber({ id, wabaId, departmentId: ids.dept });
      await pg.query(
        `insert into contacts (id, wa_id, bsuid, profile_name, created_at, updated_at) values
           ($1, '5511900000001', 'BR.1', 'Ana', now() - interval '1 day', now()),
           ($2, '5511900000002', null, 'Bia', now(), now()),
           ($3, '5511900000003', null, 'Nobody', now(), now())`,
        [ids.ana, ids.bia, ids.orphan],
      );
      await pg.query(
        `insert into conversations (id, number_id, department_id, contact_id, status, created_at, updated_at) values
           ($1, $5, $8, $9, 'open', now(), now()), ($2, $6, $8, $9, 'open', now(), now()),
           ($3, $7, $8, $9, 'open', now(), now()), ($4, $7, $8, $10, 'open', now(), now())`,
        [
          ids.convA,
          ids.convA2,
          ids.convB,
          ids.convBia,
          ids.salesA,
          ids.salesA2,
          ids.hrB,
          ids.dept,
          ids.ana,
          ids.bia,
        ],
      );
      await pg.query(
        `insert into messages (id, wamid, conversation_id, direction, type, content, status, status_rank, created_at, updated_at)
         values ($1, 'wamid.OUT-B', $2, 'out', 'text', '{}', 'accepted', 1, now(), now())`,
        [ids.outB, ids.convB],
      );
      await pg.query(
        `insert into message_status_events (id, wamid, status, occurred_at, payload, applied_at, created_at) values
           (gen_random_uuid(), 'wamid.OUT-B', 'read', now(), '{}', now(), now()),
           (gen_random_uuid(), 'wamid.NEVER-SEEN', 'sent', now(), '{}', null, now())`,
      );

      await db.up();

      const contacts = await rows<{
        id: string;
        waba_id: string;
        wa_id: string;
        bsuid: string | null;
        profile_name: string;
      }>('select id, waba_id, wa_id, bsuid, profile_name from contacts order by wa_id, waba_id');
      expect(contacts.map(({ id: _id, ...c }) => c)).toEqual([
        { waba_id: 'waba-A', wa_id: '5511900000001', bsuid: 'BR.1', profile_name: 'Ana' },
        { waba_id: 'waba-B', wa_id: '5511900000001', bsuid: 'BR.1', profile_name: 'Ana' },
        { waba_id: 'waba-B', wa_id: '5511900000002', bsuid: null, profile_name: 'Bia' },
      ]);
      // The lowest WABA keeps the row; the other gets a new one (a uuidv7), and its conversation follows it.
      const [anaA, anaB] = contacts;
      expect(anaA.id).toBe(ids.ana);
      expect(anaB.id).not.toBe(ids.ana);
      expect(anaB.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const owners = await rows<{ id: string; contact_id: string }>(
        'select id, contact_id from conversations',
      );
      expect(Object.fromEntries(owners.map((o) => [o.id, o.contact_id]))).toEqual({
        [ids.convA]: ids.ana,
        [ids.convA2]: ids.ana,
        [ids.convB]: anaB.id,
        [ids.convBia]: ids.bia,
      });

      const statuses = await rows<{ wamid: string; number_id: string | null }>(
        'select wamid, number_id from message_status_events order by wamid',
      );
      expect(statuses).toEqual([
        { wamid: 'wamid.NEVER-SEEN', number_id: null },
        { wamid: 'wamid.OUT-B', number_id: ids.hrB },
      ]);

      // Unique within a WABA, not across WABAs.
      await expect(
        pg.query(
          `insert into contacts (id, waba_id, wa_id, created_at, updated_at) values (gen_random_uuid(), 'waba-A', '5511900000001', now(), now())`,
        ),
      ).rejects.toThrow(/contacts_waba_wa_id_unique/);
      await pg.query(
        `insert into contacts (id, waba_id, wa_id, created_at, updated_at) values (gen_random_uuid(), 'waba-C', '5511900000001', now(), now())`,
      );
    } finally {
      await db.close();
    }
  });
});
