import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { round, spread, type Spread } from '../stats.js';

export interface BundleFigures {
  bytes: number;
  gzipBytes: number;
  /** Wall time of `node <bundle>` (loading and initialising the handler module), ms. */
  loadMs: Spread;
  /** Wall time of a bare `node -e 0`, run alternately with the bundle: the baseline `ratio` divides by. */
  baselineMs: Spread;
  /** loadMs.median ÷ baselineMs.median. */
  ratio: number;
}

/**
 * Cold-start proxy: how long a fresh Node process takes to load a handler bundle, against a bare
 * `node -e 0`, runs interleaved so machine noise hits both alike. Lambda's own init adds to both.
 */
export function measureBundle(bundlePath: string, runs: number, env: Record<string, string>): BundleFigures {
  const bytes = readFileSync(bundlePath);
  const bundleTimes: number[] = [];
  const bareTimes: number[] = [];
  const childEnv = { PATH: process.env.PATH ?? '', ...env };
  for (let run = 0; run < runs; run++) {
    bareTimes.push(timeNode(['-e', '0'], childEnv));
    bundleTimes.push(timeNode([bundlePath], childEnv));
  }
  const loadMs = spread(bundleTimes);
  const baselineMs = spread(bareTimes);
  return {
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes).length,
    loadMs,
    baselineMs,
    // From the rounded medians, the ones printed, so a reader recomputing it gets the same figure.
    ratio: round(loadMs.median / baselineMs.median, 2),
  };
}

function timeNode(args: string[], env: Record<string, string>): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString().slice(0, 500)}`);
  return elapsed;
}
