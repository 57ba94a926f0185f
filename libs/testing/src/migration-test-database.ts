import { MikroORM } from '@mikro-orm/postgresql';
import { CORE_ENTITIES } from '@switchboard/api';
import { buildOrmConfig, ENGINE_ENTITIES } from '@switchboard/engine';
import { Client } from 'pg';
import { createTestDatabase } from './test-database';

/** A `whatsapp_numbers` fixture row; what a test leaves out gets a placeholder. */
export interface NumberRow {
  id: string;
  departmentId: string;
  /** Defaults to the id (unique, as the column must be). */
  phoneNumberId?: string;
  wabaId?: string;
  appSecretFingerprint?: string;
}

/** A database migrated up to just before one migration, for testing what that migration does to existing rows. */
export interface MigrationTestDatabase {
  /** A plain connection, for fixture rows and for reading what the migration left. */
  pg: Client;
  /** Runs the migration under test. */
  up(): Promise<void>;
  insertDepartment(id: string): Promise<void>;
  /** Inserts a number in the columns it has before the migrations tested here; credentials are placeholders. */
  insertNumber(row: NumberRow): Promise<void>;
  /** Closes the connections and drops the database. */
  close(): Promise<void>;
}

/** A fresh database with every migration before `migration` applied (and neither it nor any after it). */
export async function databaseBefore(migration: string): Promise<MigrationTestDatabase> {
  const db = await createTestDatabase();
  const orm = await MikroORM.init(
    buildOrmConfig({ url: db.url, poolMax: 1, entities: [...ENGINE_ENTITIES, ...CORE_ENTITIES] }),
  );
  const pg = new Client({ connectionString: db.url });
  const close = async () => {
    await pg.end();
    await orm.close(true);
    await db.drop();
  };
  try {
    await pg.connect();
    const pending = (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
    const at = pending.indexOf(migration);
    if (at < 1) throw new Error(`${migration} is not a registered migration with one before it`);
    await orm.getMigrator().up({ to: pending[at - 1] });
  } catch (e) {
    await close();
    throw e;
  }
  return {
    pg,
    up: async () => {
      await orm.getMigrator().up({ to: migration });
    },
    insertDepartment: async (id) => {
      await pg.query(`insert into departments (id, key, name, created_at) values ($1, 'd', 'D', now())`, [
        id,
      ]);
    },
    insertNumber: async ({
      id,
      departmentId,
      phoneNumberId = id,
      wabaId = 'waba',
      appSecretFingerprint = 'f',
    }) => {
      await pg.query(
        `insert into whatsapp_numbers (id, phone_number_id, display_phone_number, waba_id, department_id, graph_base_url,
           graph_version, access_token_sealed, app_secret_sealed, app_secret_fingerprint, verify_token_sealed,
           verify_token_digest, created_at, updated_at)
         values ($1, $2, '1555', $3, $4, 'http://x', 'v24.0', 's', 's', $5, 's', $2, now(), now())`,
        [id, phoneNumberId, wabaId, departmentId, appSecretFingerprint],
      );
    },
    close,
  };
}
