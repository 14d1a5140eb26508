import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { spread, type Spread } from '../stats.js';

const RUNNER = fileURLToPath(new URL('./warmRunner.mjs', import.meta.url));
const RESULT_MARK = '@@warm-calls ';

export interface WarmCalls {
  /** CPU time (user + system) of the process from exec to the first result, ms. */
  coldCpuMs: number;
  /** From the process's time origin to the first result, ms. */
  coldResultMs: number;
  /** Each warm call after the first, ms, in order. */
  warmMs: number[];
  /** What the first invocation returned. */
  result: unknown;
  /** Every other line the process wrote to stdout (on Lambda: the function's log stream). */
  outputLines: string[];
}

/**
 * One fresh `node` (environment: `env` and PATH only) loading `bundle`, invoking it once and then
 * `calls` more times with the event in `eventFile` (bench/observability/warmRunner.mjs).
 */
export function runWarmCalls(bundle: string, eventFile: string, calls: number, env: Record<string, string>): Promise<WarmCalls> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, bundle, eventFile, String(calls)], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code) => {
      const lines = stdout.split('\n').filter((line) => line !== '');
      const mark = lines.find((line) => line.startsWith(RESULT_MARK));
      if (code !== 0 || !mark) return reject(new Error(`warm calls of ${bundle} exited ${code}: ${stderr}${stdout.slice(-500)}`));
      const figures = JSON.parse(mark.slice(RESULT_MARK.length)) as Omit<WarmCalls, 'outputLines'>;
      resolve({ ...figures, outputLines: lines.filter((line) => line !== mark) });
    });
  });
}

export interface WarmFigures {
  /** CPU time to the first result, ms, over the rounds. */
  coldCpuMs: Spread;
  /** Every warm call of every round, ms. */
  warmMs: Spread;
}

/**
 * `runs` rounds of runWarmCalls, `calls` warm calls each, the bundles taking turns within each
 * round (as the first-response measurement does, so that machine noise hits them alike);
 * `check` throws on a wrong first result. Figures in the order of `bundles`.
 */
export async function warmCallRounds(
  bundles: readonly string[],
  eventFile: string,
  options: { runs: number; calls: number; env: Record<string, string>; check: (result: unknown) => void },
): Promise<WarmFigures[]> {
  const samples = bundles.map(() => ({ coldCpuMs: [] as number[], warmMs: [] as number[] }));
  for (let run = 0; run < options.runs; run++) {
    for (const [index, bundle] of bundles.entries()) {
      const calls = await runWarmCalls(bundle, eventFile, options.calls, options.env);
      options.check(calls.result);
      samples[index]!.coldCpuMs.push(calls.coldCpuMs);
      samples[index]!.warmMs.push(...calls.warmMs);
    }
  }
  return samples.map(({ coldCpuMs, warmMs }) => ({ coldCpuMs: spread(coldCpuMs, 1), warmMs: spread(warmMs, 3) }));
}
