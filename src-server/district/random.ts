/**
 * A small seeded PRNG for the demo district. We carry our own (mulberry32) instead of a library
 * or Math.random so that one seed gives byte-identical files on every machine and after every
 * dependency upgrade: the committed resources are checked against a fresh generation.
 *
 * Each stage draws from its own named stream (`new Random(seed, 'cameras')`), so changing how
 * many components are generated does not move the cameras or rename the users.
 */
export class Random {
  private state: number;

  constructor(seed: number, stream: string) {
    this.state = (fnv1a(stream) ^ Math.imul(seed >>> 0, 0x9e3779b1)) >>> 0;
  }

  /** Uniform in [0, 1). mulberry32 by Tommy Ettinger (public domain). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  float(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Picks indices in proportion to weights: cumulative sums + binary search, so drawing 168k
 * components over 1,650 grids stays cheap.
 */
export class WeightedPicker {
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new Error('weights must have a positive sum');
    this.total = sum;
  }

  pick(random: Random): number {
    const target = random.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * Splits `total` into integer shares proportional to `weights` (largest remainder), each share
 * at least `min`. Ties break by index, so the result is deterministic.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (w / sum) * total);
  const shares = quotas.map((q) => Math.max(min, Math.floor(q)));
  let left = total - shares.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((q, i) => ({ i, r: q - Math.floor(q) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % byRemainder.length) {
    const i = (byRemainder[k] as { i: number }).i;
    shares[i] = (shares[i] as number) + 1;
    left--;
  }
  // The minimum may overshoot: take back from the shares furthest above their quota.
  while (left < 0) {
    let worst = -1;
    for (let i = 0; i < shares.length; i++) {
      const s = shares[i] as number;
      if (s <= min) continue;
      const over = s - (quotas[i] as number);
      if (worst < 0 || over > (shares[worst] as number) - (quotas[worst] as number)) worst = i;
    }
    if (worst < 0) throw new Error(`cannot apportion ${total} with minimum ${min}`);
    shares[worst] = (shares[worst] as number) - 1;
    left++;
  }
  return shares;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
