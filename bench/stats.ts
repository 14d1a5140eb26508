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

export function median(samples: readonly number[]): number {
  return quantile([...samples].sort((a, b) => a - b), 0.5);
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
