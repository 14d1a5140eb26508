import { performance } from 'node:perf_hooks';
import { summarize, type RunFigures } from '../stats.js';

export interface LoadOptions {
  /** Measured operations (after warm-up). */
  count: number;
  /** Operations in flight at once. */
  concurrency: number;
  /** Unmeasured operations first, so JIT and connection pools are warm. */
  warmup: number;
}

/**
 * Runs `operation(i)` `warmup + count` times with `concurrency` workers and measures the
 * `count` measured calls. Bounded in count, so it always ends.
 */
export async function measureLoad(operation: (i: number) => Promise<unknown>, options: LoadOptions): Promise<RunFigures> {
  await runWorkers(options.warmup, options.concurrency, operation, () => {});
  const latencies: number[] = [];
  const started = performance.now();
  await runWorkers(
    options.count,
    options.concurrency,
    (i) => operation(options.warmup + i),
    (ms) => latencies.push(ms),
  );
  return summarize(latencies, performance.now() - started);
}

async function runWorkers(
  total: number,
  concurrency: number,
  operation: (i: number) => Promise<unknown>,
  record: (ms: number) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      await operation(i);
      record(performance.now() - start);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}
