import { EntityManager } from '@mikro-orm/postgresql';
import { sql } from '@switchboard/engine';

/** Whether a synced template of this name and language exists (for other libs' rule checks). */
export async function templateExists(em: EntityManager, name: string, language: string): Promise<boolean> {
  const rows = await sql<{ id: string }>(
    em,
    'select id from message_templates where name = ? and language = ? limit 1',
    [name, language],
  );
  return rows.length > 0;
}
