/**
 * `/a/b///` → `/a/b`, in one backwards scan. Replaces `.replace(/\/+$/, '')`, which a backtracking engine runs in
 * quadratic time on a path of many slashes that does not end in one.
 */
export function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 47) end--;
  return path.slice(0, end);
}
