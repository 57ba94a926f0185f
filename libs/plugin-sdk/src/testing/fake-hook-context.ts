import { renderTemplate } from '../render-template';
import type { PluginDefinition } from '../define-plugin';
import type { HookContext, JsonValue } from '../hook-context';

/** A template the plugin sent; `text` is what the runtime would send, in the installation's language. */
type Sent = { conversationId: string; templateKey: string; values?: Record<string, string>; text: string };

/**
 * For plugin unit tests (no test runner imported): a HookContext that records what the plugin
 * sends and keeps a store whose expiry follows `clock.now` (ms), which the test moves. `store.add` is atomic
 * set-if-absent like the runtime's; `faults.sends = n` makes the next n sends throw. Anything else throws.
 */
export function fakeHookContext<S extends { language: string }>(
  plugin: PluginDefinition<S>,
  settings: Partial<S> = {},
) {
  const parsed = plugin.settings?.parse(settings) as S;
  const templates = plugin.manifest.contributes?.templates ?? [];
  const sent: Sent[] = [];
  const clock = { now: 0 };
  const faults = { sends: 0 };
  const stored = new Map<string, { value: JsonValue; expiresAt: number }>();
  const live = (key: string) => ((stored.get(key)?.expiresAt ?? 0) > clock.now ? stored.get(key) : undefined);
  const put = (key: string, value: JsonValue, o?: { ttlSeconds?: number }) =>
    stored.set(key, { value, expiresAt: o?.ttlSeconds ? clock.now + o.ttlSeconds * 1000 : Infinity }) && true;
  const unexpected = (what: string) => () => Promise.reject(new Error(`unexpected call: ${what}`));

  const ctx: HookContext<S> = {
    pluginId: plugin.manifest.id,
    numberId: 'number-1',
    departmentId: 'department-1',
    settings: parsed,
    log: () => undefined,
    cards: {
      get: unexpected('cards.get'),
      updateFields: unexpected('cards.updateFields'),
      move: unexpected('cards.move'),
      addNote: unexpected('cards.addNote'),
    },
    messages: {
      sendText: unexpected('messages.sendText'),
      sendTemplate: async (conversationId, templateKey, values) => {
        if (faults.sends > 0 && faults.sends--) throw new Error('send failed (fault injected by the test)');
        const template = templates.find((t) => t.key === templateKey);
        if (!template) throw new Error(`no template ${templateKey}`);
        const text = renderTemplate(template.text, parsed.language, values);
        return { messageId: `message-${sent.push({ conversationId, templateKey, values, text })}` };
      },
    },
    jobs: { enqueue: unexpected('jobs.enqueue') },
    store: {
      get: async <T extends JsonValue = JsonValue>(key: string) => live(key)?.value as T | undefined,
      set: async (key, value, options) => void put(key, value, options),
      add: async (key, value, options) => !live(key) && put(key, value, options),
      delete: async (key) => void stored.delete(key),
    },
    http: { fetch: unexpected('http.fetch') },
    credentials: { get: unexpected('credentials.get') },
  };
  return { ctx, sent, stored, clock, faults };
}
