/** A stored row (a routing rule, an SLA policy...) an admin wrote or a plugin declared. */
export interface PluginItemRow {
  source: 'admin' | 'plugin';
  pluginId: string | null;
}

/** What keeping a department's `plugin` rows equal to its plugin's declared items takes. */
export interface PluginItemsPlan<Row, Item> {
  /** Plugin rows of another plugin, or of a key the plugin no longer declares. */
  stale: Row[];
  /** Declared items with no row of this plugin (nor an admin's row of their key). */
  missing: Item[];
  /** Declared items whose row differs from what they store as (an upgraded plugin). */
  changed: [Row, Item][];
  /** Declared keys an admin's row already holds: the admin's row applies. */
  shadowed: string[];
  /** stale + missing + changed: 0 when nothing needs writing. */
  size: number;
}

/** Key order aside (jsonb reorders keys), the same JSON value. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

const canonical = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(canonical)
    : v && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
        )
      : v;

/**
 * Compares a department's rows with its plugin's declared items (`pluginId` null: it runs none). `keyOf` reads a
 * row's item key; `toStored` turns an item into the fields its row stores, each compared as JSON. Writes nothing:
 * each lib applies the plan to its own table.
 */
export function planPluginItems<Row extends PluginItemRow, Item extends { key: string }>(
  pluginId: string | null,
  declared: readonly Item[],
  current: readonly Row[],
  keyOf: (row: Row) => string | null,
  toStored: (item: Item) => Partial<Row>,
): PluginItemsPlan<Row, Item> {
  const existing = current.filter((r) => r.source === 'plugin');
  const adminKeys = new Set(current.filter((r) => r.source === 'admin').map(keyOf));
  const stale = existing.filter((r) => r.pluginId !== pluginId || !declared.some((d) => d.key === keyOf(r)));
  const wanted = declared.filter((d) => !adminKeys.has(d.key));
  const mine = (d: Item) => existing.find((r) => r.pluginId === pluginId && keyOf(r) === d.key);
  const missing = wanted.filter((d) => !mine(d));
  const changed: [Row, Item][] = [];
  for (const d of wanted) {
    const row = mine(d);
    if (!row) continue;
    const want: Partial<Row> = toStored(d);
    const stored = row as Partial<Row>;
    if ((Object.keys(want) as (keyof Row)[]).some((k) => !sameJson(stored[k], want[k])))
      changed.push([row, d]);
  }
  const shadowed = declared.filter((d) => adminKeys.has(d.key)).map((d) => d.key);
  return { stale, missing, changed, shadowed, size: stale.length + missing.length + changed.length };
}
