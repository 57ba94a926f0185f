import { describe, expect, it } from 'vitest';
import {
  createQuickReplyRequest,
  unknownPlaceholders,
  updateQuickReplyRequest,
} from './quick-reply.contract';

describe('quick reply placeholders', () => {
  it('knows {{contact.name}} and {{agent.name}}, with or without spaces inside the braces', () => {
    expect(unknownPlaceholders('Olá {{contact.name}}, aqui é {{ agent.name }}.')).toEqual([]);
    expect(unknownPlaceholders('{{contact.phone}} and {{ }}')).toEqual(['contact.phone', '']);
  });

  it('an unclosed {{ followed by many spaces is refused at once (it took 2 s at 2,000 spaces before)', () => {
    const started = performance.now();
    const body = { shortcut: 'x', title: 'x', text: `{{${' '.repeat(1990)}x` };
    expect(createQuickReplyRequest.safeParse(body).success).toBe(true);
    const huge = { shortcut: 'x', title: 'x', text: `{{${' '.repeat(200_000)}x` };
    expect(createQuickReplyRequest.safeParse(huge).success).toBe(false);
    expect(unknownPlaceholders(`${'{{'.repeat(50_000)}${' '.repeat(50_000)}`)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('an update must change something', () => {
    const empty = updateQuickReplyRequest.safeParse({});
    expect(empty.success).toBe(false);
    expect(empty.error?.issues[0]?.message).toBe('give at least one of shortcut, title or text');
    expect(updateQuickReplyRequest.safeParse({ title: 'Hi' }).success).toBe(true);
  });
});
