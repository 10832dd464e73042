/**
 * Deterministic randomness for the benchmark data set: mulberry32, seeded
 * from a string. Every entity draws from its own stream (`stream(seed,
 * "posts", threadIndex)`), so the data does not depend on the order in which
 * the loader happens to generate it.
 */

/** FNV-1a over the parts, as a 32-bit seed. */
function hashSeed(parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  for (const char of parts.join("\u0000")) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** An index in [0, length) skewed toward 0: the "active few" who write most. */
  skewed(length: number, power = 2): number {
    return Math.min(length - 1, Math.floor(length * this.next() ** power));
  }

  /** Picks by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [item, weight] of items) {
      roll -= weight;
      if (roll < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** `count` distinct integers from [0, n), in the order drawn (partial Fisher–Yates on a sparse map). */
  sample(n: number, count: number): number[] {
    const take = Math.min(count, n);
    const swapped = new Map<number, number>();
    const result: number[] = [];
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      const atJ = swapped.get(j) ?? j;
      swapped.set(j, swapped.get(i) ?? i);
      result.push(atJ);
    }
    return result;
  }

  /** Exponentially distributed, with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
}

/** The stream for one entity of the data set. */
export function stream(seed: string, ...parts: (string | number)[]): Rng {
  return new Rng(hashSeed([seed, ...parts]));
}
