import { databaseBefore } from '@switchboard/testing';
import { describe, expect, it } from 'vitest';

const MIGRATION = 'Migration20261129500000_inbound_event_numbers';
const ids = {
  dept: '01900000-0000-7000-8000-000000000001',
  numberA: '01900000-0000-7000-8000-0000000000a1',
  numberB: '01900000-0000-7000-8000-0000000000b1',
  onlyA: '01900000-0000-7000-8000-0000000000e1',
  aAndUnknown: '01900000-0000-7000-8000-0000000000e2',
  bOfOtherApp: '01900000-0000-7000-8000-0000000000e3',
  notJson: '01900000-0000-7000-8000-0000000000e4',
  pendingA: '01900000-0000-7000-8000-0000000000e5',
};

/** A webhook body naming these phone number ids, one change each. */
const naming = (...phoneNumberIds: string[]) =>
  JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'waba',
        changes: phoneNumberIds.map((p) => ({
          field: 'messages',
          value: { metadata: { phone_number_id: p } },
        })),
      },
    ],
  });

describe(`migration ${MIGRATION}`, () => {
  it('gives every processed delivery the registered numbers of its app that it names, and leaves pending ones', async () => {
    const db = await databaseBefore(MIGRATION);
    const { pg } = db;
    try {
      await db.insertDepartment(ids.dept);
      // Number A belongs to the app with fingerprint "f", number B to the app with fingerprint "g".
      for (const [id, phoneNumberId, appSecretFingerprint] of [
        [ids.numberA, 'phone-A', 'f'],
        [ids.numberB, 'phone-B', 'g'],
      ])
        await db.insertNumber({ id, phoneNumberId, appSecretFingerprint, departmentId: ids.dept });
      for (const [id, body, status] of [
        [ids.onlyA, naming('phone-A'), 'processed'],
        [ids.aAndUnknown, naming('phone-A', 'phone-unknown'), 'partial'],
        [ids.bOfOtherApp, naming('phone-B'), 'failed'],
        [ids.notJson, 'not json', 'failed'],
        [ids.pendingA, naming('phone-A'), 'pending'],
      ])
        await pg.query(
          `insert into inbound_events (id, received_at, raw_body, secret_fingerprint, status)
           values ($1, now(), $2, 'f', $3)`,
          [id, body, status],
        );

      await db.up();

      const rows = (
        await pg.query<{ id: string; number_ids: string[] | null; names_unowned_number: boolean | null }>(
          'select id, number_ids, names_unowned_number from inbound_events order by id',
        )
      ).rows;
      expect(rows).toEqual([
        { id: ids.onlyA, number_ids: [ids.numberA], names_unowned_number: false },
        { id: ids.aAndUnknown, number_ids: [ids.numberA], names_unowned_number: true },
        { id: ids.bOfOtherApp, number_ids: [], names_unowned_number: true },
        { id: ids.notJson, number_ids: [], names_unowned_number: false },
        { id: ids.pendingA, number_ids: null, names_unowned_number: null },
      ]);
    } finally {
      await db.close();
    }
  });
});
