/** Latency and throughput figures of one measured run. */
export interface RunFigures {
  ops: number;
  opsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** The q-quantile (0..1) of sorted samples, nearest-rank. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('no samples');
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}

/** Middle and interquartile range of a small sample, ms: the spread says how far to trust the middle. */
export interface Spread {
  median: number;
  p25: number;
  p75: number;
}

/** The median and p25–p75 of `samples`, rounded to `digits` so that printed and stored figures agree. */
export function spread(samples: readonly number[], digits = 2): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: round(quantile(sorted, 0.5), digits),
    p25: round(quantile(sorted, 0.25), digits),
    p75: round(quantile(sorted, 0.75), digits),
  };
}

export function summarize(latenciesMs: readonly number[], elapsedMs: number): RunFigures {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    ops: sorted.length,
    opsPerSecond: round((sorted.length / elapsedMs) * 1000),
    p50Ms: round(quantile(sorted, 0.5), 3),
    p95Ms: round(quantile(sorted, 0.95), 3),
    p99Ms: round(quantile(sorted, 0.99), 3),
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
