/**
 * mulberry32: a small, fast, seeded generator of numbers in [0, 1). The same seed gives the same
 * sequence anywhere, so a corpus is the same in every run and a failing generated case can be
 * run again from its seed.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
