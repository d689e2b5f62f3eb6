/**
 * Binary search over sorted arrays, and changes merged into a sorted list of pairs. Light: no imports.
 */

/** The first index in [lo, hi) of sorted `xs` whose value is not below `x` (hi when there is none; the whole array by default). */
export function lowerBound<T extends number | string>(xs: ArrayLike<T>, x: T, lo = 0, hi = xs.length): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index from `from` in a list sorted by key whose key is not below `key`. */
function keyBound<V>(list: ReadonlyArray<[string, V]>, key: string, from: number): number {
  let [lo, hi] = [from, list.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]![0] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to this many changed keys, mergeSorted changes the list in place (one splice each) rather than copying it. */
const SPLICE_MAX = 256;

/**
 * A list sorted by key (by `<`) with the entries of the changed keys given by `f` (null: none), in order;
 * the other entries are kept as they are (the same pairs). The list itself is changed and returned when
 * few keys changed (each found by binary search), else copied in runs between the changed keys.
 */
export function mergeSorted<V, D>(list: Array<[string, V]>, changed: ReadonlyMap<string, D>, f: (value: V | undefined, change: D) => V | null): Array<[string, V]> {
  const keys = [...changed.keys()].sort(); // by UTF-16 code units, as `<` compares
  if (keys.length <= SPLICE_MAX) {
    for (let k = keys.length - 1; k >= 0; k--) {
      const key = keys[k]!;
      const at = keyBound(list, key, 0);
      const has = at < list.length && list[at]![0] === key;
      const value = f(has ? list[at]![1] : undefined, changed.get(key)!);
      if (value === null) {
        if (has) list.splice(at, 1);
      } else if (has) list[at] = [key, value];
      else list.splice(at, 0, [key, value]);
    }
    return list;
  }
  const runs: Array<Array<[string, V]>> = [];
  let from = 0;
  for (const key of keys) {
    const at = keyBound(list, key, from);
    const has = at < list.length && list[at]![0] === key;
    runs.push(list.slice(from, at));
    const value = f(has ? list[at]![1] : undefined, changed.get(key)!);
    if (value !== null) runs.push([[key, value]]);
    from = has ? at + 1 : at;
  }
  runs.push(list.slice(from));
  return joined(runs);
}

/** Arrays joined into one (concat, a bounded number of arguments at a time). */
function joined<T>(runs: T[][]): T[] {
  if (runs.length === 1) return runs[0]!;
  let out: T[] = [];
  for (let i = 0; i < runs.length; i += 4096) out = out.concat(...runs.slice(i, i + 4096));
  return out;
}
