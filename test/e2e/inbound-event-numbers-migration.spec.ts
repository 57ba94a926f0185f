import { MikroORM } from '@mikro-orm/postgresql';
import { CORE_ENTITIES } from '@switchboard/api';
import { buildOrmConfig, ENGINE_ENTITIES } from '@switchboard/engine';
import { createTestDatabase } from '@switchboard/testing';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';

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

describe('migration Migration20261129500000_inbound_event_numbers', () => {
  it('gives every processed delivery the registered numbers of its app that it names, and leaves pending ones', async () => {
    const db = await createTestDatabase();
    const orm = await MikroORM.init(
      buildOrmConfig({ url: db.url, poolMax: 1, entities: [...ENGINE_ENTITIES, ...CORE_ENTITIES] }),
    );
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      await orm.getMigrator().up({ to: 'Migration20261129300000_identity_hardening' });
      await pg.query(`insert into departments (id, key, name, created_at) values ($1, 'd', 'D', now())`, [
        ids.dept,
      ]);
      // Number A belongs to the app with fingerprint "f", number B to the app with fingerprint "g".
      for (const [id, phone, fingerprint] of [
        [ids.numberA, 'phone-A', 'f'],
        [ids.numberB, 'phone-B', 'g'],
      ])
        await pg.query(
          `insert into whatsapp_numbers (id, phone_number_id, display_phone_number, waba_id, department_id, graph_base_url,
             graph_version, access_token_sealed, app_secret_sealed, app_secret_fingerprint, verify_token_sealed,
             verify_token_digest, created_at, updated_at)
           values ($1, $2, '1555', 'waba', $3, 'http://x', 'v24.0', 's', 's', $4, 's', $2, now(), now())`,
          [id, phone, ids.dept, fingerprint],
        );
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

      await orm.getMigrator().up({ to: 'Migration20261129500000_inbound_event_numbers' });

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
      await pg.end();
      await orm.close(true);
      await db.drop();
    }
  });
});
