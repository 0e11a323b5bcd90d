import type { Aggregates } from './aggregates.js';

// Small helpers for the analysers that write into Aggregates.system (BundleResults.system): counters that add up
// over several files (two PostgreSQL logs, dmesg and syslog), lists merged by a key, and per-bundle scratch state
// that must not reach the results (seen OOM pids). Everything stays bounded.

/** adds counters into system[key] (an object of numbers), creating it on first use */
export function addCounts(into: Aggregates, key: string, counts: Record<string, number>): void {
  const current = (into.system[key] as Record<string, number> | undefined) ?? {};
  for (const [name, n] of Object.entries(counts)) {
    if (n) current[name] = (current[name] ?? 0) + n;
  }
  into.system[key] = current;
}

/** sets system[key] only when the file said something */
export function setSystem(into: Aggregates, key: string, value: unknown): void {
  if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return;
  into.system[key] = value;
}

/** merges a list in system[key] by an identity, the newer entry winning, then keeps the first `max` by `order` */
export function mergeList<T>(
  into: Aggregates,
  key: string,
  items: T[],
  identity: (item: T) => string,
  max: number,
  order?: (a: T, b: T) => number,
): void {
  const byId = new Map<string, T>();
  for (const item of (into.system[key] as T[] | undefined) ?? []) byId.set(identity(item), item);
  for (const item of items) byId.set(identity(item), item);
  let list = [...byId.values()];
  if (order) list.sort(order);
  list = list.slice(0, max);
  if (list.length > 0) into.system[key] = list;
}

const scratch = new WeakMap<Aggregates, Map<string, unknown>>();

/** state kept per bundle (per Aggregates) across files, never written into the results */
export function bundleScratch<T>(into: Aggregates, name: string, make: () => T): T {
  let map = scratch.get(into);
  if (!map) {
    map = new Map();
    scratch.set(into, map);
  }
  let value = map.get(name) as T | undefined;
  if (value === undefined) {
    value = make();
    map.set(name, value);
  }
  return value;
}

/** the last path segment, lower case, without a .txt/.out/.log extension: what gitlabsos names a command's output */
export function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return name.replace(/\.(txt|out|log)$/, '');
}

/** keeps the `n` largest of a running list: cheap for small n (slowest calls, slowest commands) */
export function keepLargest<T>(list: T[], item: T, n: number, by: (t: T) => number): void {
  if (list.length < n) {
    list.push(item);
    if (list.length === n) list.sort((a, b) => by(b) - by(a));
    return;
  }
  const last = list[n - 1];
  if (last === undefined || by(item) <= by(last)) return;
  // insert in order, drop the smallest
  let i = n - 1;
  while (i > 0 && by(list[i - 1] as T) < by(item)) i--;
  list.splice(i, 0, item);
  list.pop();
}

/** a list kept by keepLargest, sorted (it sorts only once full) */
export function largestFirst<T>(list: T[], by: (t: T) => number): T[] {
  return [...list].sort((a, b) => by(b) - by(a));
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
