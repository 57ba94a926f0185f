import { describe, expect, it } from 'vitest';
import { dbErrorReason } from './db-error-reason';

describe('dbErrorReason', () => {
  it('keeps the reason and drops the SQL and the failing row', () => {
    const e = Object.assign(
      new Error(
        `insert into messages (body) values ('segredo do cliente') - new row for relation "messages" violates check constraint "x"\n - detail: Failing row contains (segredo do cliente).`,
      ),
      { code: '23514' },
    );
    expect(dbErrorReason(e)).toBe(
      'new row for relation "messages" violates check constraint "x" (SQLSTATE 23514)',
    );
    expect(dbErrorReason(e)).not.toContain('segredo');
  });
});
