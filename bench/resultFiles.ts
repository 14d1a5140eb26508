import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyChartSvg } from './chart.js';
import type { BenchOptions } from './cliOptions.js';
import type { BenchResults } from './benchResults.js';

/** The committed results: the history `git log bench/results` shows. Only --record writes here. */
export const RECORDED_DIR = fileURLToPath(new URL('./results/', import.meta.url));
/** Everyday runs land here, git-ignored, so a noisy run never shows up as a change to commit. */
export const LOCAL_DIR = join(RECORDED_DIR, 'local');

export function resultsDirFor(options: BenchOptions): string {
  if (options.outDir) return options.outDir;
  if (options.record) return RECORDED_DIR;
  return options.quick ? join(LOCAL_DIR, 'quick') : LOCAL_DIR;
}

/** Writes latest.json and latency.svg into `dir`; returns their paths, for printing. */
export function writeResultFiles(dir: string, results: BenchResults): string[] {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'latest.json');
  const svg = join(dir, 'latency.svg');
  writeWhole(json, `${JSON.stringify(results, null, 2)}\n`);
  const concurrency = Math.max(...results.settings.concurrencies);
  writeWhole(
    svg,
    latencyChartSvg(
      `Latency per operation at concurrency ${concurrency}: endpoint vs raw DynamoDB`,
      results.endpointVsRaw.filter((c) => c.concurrency === concurrency),
    ),
  );
  return [json, svg].map(shortPath);
}

/** Relative to the working directory when inside it (`bench/results/local/latest.json`), else absolute. */
function shortPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}

/** Write then rename: a reader, or another run writing the same folder, never sees half a file. */
function writeWhole(path: string, content: string): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, content);
  renameSync(partial, path);
}
