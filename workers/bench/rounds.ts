// Interleaved paired rounds. These machines drift ±20–40 % within minutes, so a contender is
// never compared with a run from another minute: each round runs every contender once, a ratio
// is taken inside the round against the reference run beside it (bare sharp, same job and N),
// and the median of the per-round ratios is reported. The order rotates every round so that no
// contender always runs first (cold caches) or right after the heaviest one.

export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = ((by % items.length) + items.length) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

export function median(values: readonly number[]): number | null {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
}

export interface Groupable {
  id: string;
  job: string;
  workers: number;
}

/**
 * The run order of every round. Contenders race in groups of the same job and N (so a pair's
 * two runs are minutes apart at most, not the length of a round); both the groups and the order
 * inside each group rotate with the round. `groupOf` groups otherwise, e.g. by job alone when
 * every configuration of a job is compared with every other.
 */
export function schedule<C extends Groupable>(
  contenders: readonly C[],
  rounds: number,
  groupOf: (c: C) => string = (c) => `${c.job} ${c.workers}`,
): C[][] {
  const groups = new Map<string, C[]>();
  for (const c of contenders) {
    const key = groupOf(c);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const list = [...groups.values()];
  return Array.from({ length: rounds }, (_, r) => rotate(list, r).flatMap((g) => rotate(g, r)));
}

/** One timed run: which round, which contender, and its wall time (undefined if it failed). */
export interface Timed {
  round: number;
  id: string;
  wallSeconds?: number;
}

/**
 * Median over rounds of speed(a) ÷ speed(b) = time(b) ÷ time(a), both taken in the same round.
 * > 1 means `a` is faster. Rounds where either run failed are left out; null if none is left.
 */
export function pairedRatio(runs: readonly Timed[], a: string, b: string): number | null {
  const byRound = new Map<number, { a?: number; b?: number }>();
  for (const r of runs) {
    if (r.wallSeconds === undefined || (r.id !== a && r.id !== b)) continue;
    const slot = byRound.get(r.round) ?? {};
    if (r.id === a) slot.a = r.wallSeconds;
    else slot.b = r.wallSeconds;
    byRound.set(r.round, slot);
  }
  const ratios = [...byRound.values()].flatMap((s) => (s.a && s.b ? [s.b / s.a] : []));
  return median(ratios);
}

/** Median of one contender's figure across its rounds (failed runs have no figures). */
export function medianOf<R extends { id: string }>(
  runs: readonly R[],
  id: string,
  pick: (r: R) => number | null | undefined,
): number | null {
  return median(
    runs
      .filter((r) => r.id === id)
      .flatMap((r) => {
        const v = pick(r);
        return v === null || v === undefined ? [] : [v];
      }),
  );
}
