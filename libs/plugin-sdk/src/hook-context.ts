/** A card as plugins see it. Field values are keyed by field key. */
export interface PluginCard {
  id: string;
  conversationId: string;
  departmentId: string;
  pipelineKey: string;
  stageKey: string;
  title: string;
  fields: Record<string, unknown>;
  createdAt: string;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * What every hook, automation and job handler receives. Everything is scoped to the number the event came from:
 * cards and conversations of other departments are out of reach, outbound HTTP goes through the egress guard,
 * the store and credentials are the installation's own.
 */
export interface HookContext<Settings = unknown> {
  pluginId: string;
  numberId: string;
  departmentId: string;
  /** The installation's settings, validated by the plugin's schema. */
  settings: Settings;
  log(message: string): void;
  cards: {
    get(cardId: string): Promise<PluginCard | null>;
    /** Validated like an edit in the app; a wrong value throws with the field named. */
    updateFields(cardId: string, fields: Record<string, unknown>): Promise<PluginCard>;
    /** Stage rules (required fields, WIP limit) apply as for people. */
    move(cardId: string, stageKey: string): Promise<PluginCard>;
    addNote(cardId: string, text: string): Promise<void>;
  };
  messages: {
    sendText(conversationId: string, text: string): Promise<{ messageId: string }>;
    /** One of the plugin's templates, in the installation's `language` setting (falls back to English). */
    sendTemplate(
      conversationId: string,
      templateKey: string,
      values?: Record<string, string>,
    ): Promise<{ messageId: string }>;
  };
  jobs: {
    /** Runs the plugin's `jobs[name]` handler later, on a worker, with the same context. */
    enqueue(name: string, data: Record<string, JsonValue>, options?: { delayMs?: number }): Promise<void>;
  };
  /** Key-value storage of this installation (plugin × number). */
  store: {
    get<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined>;
    set(key: string, value: JsonValue, options?: { ttlSeconds?: number }): Promise<void>;
    /** Sets the key only when it is absent (or expired), atomically; true when this call set it. */
    add(key: string, value: JsonValue, options?: { ttlSeconds?: number }): Promise<boolean>;
    delete(key: string): Promise<void>;
  };
  /** fetch() through the egress guard: only allow-listed hosts, no private addresses. */
  http: { fetch(url: string, init?: RequestInit): Promise<Response> };
  /** The installation's credentials (manifest.credentials), decrypted on demand. */
  credentials: { get(key: string): Promise<string | undefined> };
}
