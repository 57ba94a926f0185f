import { createTestEnvironment, TestEnvironment, waitFor } from '@switchboard/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('smoke: inbound text becomes a card', () => {
  let env: TestEnvironment;
  beforeAll(async () => {
    env = await createTestEnvironment();
  });
  afterAll(async () => {
    await env?.close();
  });

  it('stores a text message and opens a card in stage new', async () => {
    const { wamid, result } = await env.sandbox
      .customer('5511987654321', { name: 'Ana Souza' })
      .text('Olá! Vocês abrem no sábado? 😮');
    expect(result.status).toBe(200);
    const rows = await waitFor(() => env.query('select * from messages where wamid = $1', [wamid]), {
      what: 'message stored',
    });
    expect(rows[0].body).toBe('Olá! Vocês abrem no sábado? 😮');
    const list = await env.api().get('/api/conversations').expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      contact: { waId: '5511987654321', name: 'Ana Souza' },
      department: { key: 'sales' },
      card: { stageKey: 'new' },
      ballInCourt: 'customer_waiting',
      window: { open: true, templateOnly: false },
    });
  });
});
