/** "Did you mean …": the known names closest to what was typed. */

/** Optimal-string-alignment distance: edits, with a swap of two neighbours counted as one (`lsit` → `list`). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The names in `known` close to `typed`, best first: within about a third of the length in
 * edits (at least 2), or starting with what was typed. At most three, so a typo gets an answer
 * rather than a list.
 */
export function suggest(typed: string, known: readonly string[]): string[] {
  const wanted = typed.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return known
    .map((name) => ({ name, distance: name.startsWith(wanted) && wanted.length >= 2 ? 0.5 : editDistance(wanted, name) }))
    .filter((c) => c.distance <= limit)
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name))
    .slice(0, 3)
    .map((c) => c.name);
}

/** ` Did you mean "a" or "b"?` or the empty string; `quote: false` for names already formatted. */
export function didYouMean(names: readonly string[], quote = true): string {
  if (names.length === 0) return '';
  const quoted = quote ? names.map((n) => `"${n}"`) : names;
  return ` Did you mean ${quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`}?`;
}
