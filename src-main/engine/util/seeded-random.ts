/**
 * A small seedable PRNG (mulberry32) so that weight initialisation, shuffling and dropout masks are
 * reproducible: same seed + same backend = same result. Math.random cannot be seeded, and tfjs
 * reuses one fixed mask when a random op is given a constant seed, so we draw our own numbers.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A fresh 32-bit seed derived from this stream, for a sub-stream (e.g. one per layer). */
  fork(): number;
}

export function createRandom(seed: number): SeededRandom {
  let state = seed >>> 0 || 0x9e3779b9;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    normal() {
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(n) {
      return Math.floor(next() * n);
    },
    fork() {
      return Math.floor(next() * 4294967296) >>> 0;
    },
  };
}

/** Fisher-Yates shuffle of 0..n-1 with the given stream. */
export function shuffledIndices(n: number, random: SeededRandom): Uint32Array {
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const tmp = order[i]!;
    order[i] = order[j]!;
    order[j] = tmp;
  }
  return order;
}
