/** The ids in their new order after moving the one at `index` by `delta` places (unchanged at either end). */
export function moved<T extends { id: string }>(items: T[], index: number, delta: -1 | 1): string[] {
  const ids = items.map((i) => i.id);
  const target = index + delta;
  if (target < 0 || target >= ids.length) return ids;
  [ids[index], ids[target]] = [ids[target], ids[index]];
  return ids;
}
