import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { HookContext, JsonValue } from '@switchboard/plugin-sdk';
import { sql } from '../persistence/sql';

const MAX_KEY = 200;
const MAX_VALUE_BYTES = 64 * 1024;

/** The key-value store behind ctx.store: one namespace per installation (plugin × number), in PostgreSQL. */
@Injectable()
export class PluginStoreService {
  constructor(private readonly em: EntityManager) {}

  for(pluginId: string, numberId: string): HookContext['store'] {
    const checkKey = (key: string) => {
      if (!key || key.length > MAX_KEY) throw new Error(`store key must be 1 to ${MAX_KEY} characters`);
    };
    /** Writes the entry; with `onlyIfAbsent` a live entry wins. True when this call wrote. */
    const write = async (
      key: string,
      value: JsonValue,
      ttlSeconds: number | undefined,
      onlyIfAbsent: boolean,
    ): Promise<boolean> => {
      checkKey(key);
      const json = JSON.stringify(value);
      if (Buffer.byteLength(json) > MAX_VALUE_BYTES)
        throw new Error(`store value for "${key}" is over ${MAX_VALUE_BYTES} bytes`);
      const rows = await sql(
        this.em,
        `insert into plugin_store (plugin_id, number_id, key, value, expires_at, updated_at)
         values (?, ?, ?, ?::jsonb, case when ?::int is null then null else now() + make_interval(secs => ?::int) end, now())
         on conflict (plugin_id, number_id, key) do update
           set value = excluded.value, expires_at = excluded.expires_at, updated_at = now()
           ${onlyIfAbsent ? 'where plugin_store.expires_at is not null and plugin_store.expires_at <= now()' : ''}
         returning 1`,
        [pluginId, numberId, key, json, ttlSeconds ?? null, ttlSeconds ?? null],
      );
      return rows.length > 0;
    };
    return {
      get: async <T extends JsonValue = JsonValue>(key: string) => {
        checkKey(key);
        const [row] = await sql<{ value: JsonValue }>(
          this.em,
          `select value from plugin_store
            where plugin_id = ? and number_id = ? and key = ? and (expires_at is null or expires_at > now())`,
          [pluginId, numberId, key],
        );
        return row?.value as T | undefined;
      },
      set: async (key, value, options) => {
        await write(key, value, options?.ttlSeconds, false);
      },
      add: (key, value, options) => write(key, value, options?.ttlSeconds, true),
      delete: async (key) => {
        checkKey(key);
        await sql(this.em, 'delete from plugin_store where plugin_id = ? and number_id = ? and key = ?', [
          pluginId,
          numberId,
          key,
        ]);
      },
    };
  }
}
