import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round, spread, type Spread } from '../stats.js';

const RUNNER = fileURLToPath(new URL('./firstResponseRunner.mjs', import.meta.url));
/** Starts the runner's result line; everything else on its stdout is the handler's logging. */
const RESULT_MARK = '@@first-response ';

/** One way of answering the same first request, started cold: a handler bundle, or the floor. */
export interface ColdStartTarget {
  name: string;
  /** Arguments after the runner script: `handler <bundle> <event.json>` or `floor <request.json>`. */
  runnerArgs: string[];
  env: Record<string, string>;
  /** Throws when the first result is not the expected answer (a cold start that fails proves nothing). */
  check(result: unknown): void;
}

export interface FirstResponseFigures {
  name: string;
  runs: number;
  /** spawn() to the first result read from the child's output: the whole cold start as its caller waits for it, ms. */
  wallMs: Spread;
  /** Inside the process, from its time origin to the code loaded (the import-only part), ms. */
  loadedMs: Spread;
  /** Inside the process, from its time origin to the first result in hand, ms. */
  firstResultMs: Spread;
  peakRssMiB: Spread;
}

interface RunnerOutput {
  /** Measured here: spawn() to the result line read from the child's stdout. */
  wallMs: number;
  loadedMs: number;
  firstResultMs: number;
  maxRssKiB: number;
  result: unknown;
}

/**
 * Starts a fresh `node` per run for every target, `runs` rounds, the targets taking turns within
 * each round so that machine noise hits them alike. The store must be served by another process
 * or by this one's event loop (runs are awaited, never spawnSync, so an in-process store answers).
 */
export async function measureFirstResponses(targets: readonly ColdStartTarget[], runs: number): Promise<FirstResponseFigures[]> {
  const samples = targets.map(() => [] as RunnerOutput[]);
  for (let run = 0; run < runs; run++) {
    for (const [index, target] of targets.entries()) {
      const output = await runOnce(target);
      target.check(output.result);
      samples[index]!.push(output);
    }
  }
  return targets.map((target, index) => {
    const outputs = samples[index]!;
    return {
      name: target.name,
      runs,
      wallMs: spread(outputs.map((o) => o.wallMs)),
      loadedMs: spread(outputs.map((o) => o.loadedMs)),
      firstResultMs: spread(outputs.map((o) => o.firstResultMs)),
      peakRssMiB: spread(outputs.map((o) => round(o.maxRssKiB / 1024, 2))),
    };
  });
}

/**
 * One more cold start of `target` under `node --cpu-prof` (sampling every 100 µs, which slows it:
 * its phases are shares, not timings), written to `dir`; returns the profile's path.
 */
export async function profileFirstResponse(target: ColdStartTarget, dir: string): Promise<string> {
  const name = `${target.name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}.cpuprofile`;
  const output = await runOnce(target, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, '--cpu-prof-name', name]);
  target.check(output.result);
  return join(dir, name);
}

function runOnce(target: ColdStartTarget, nodeArgs: string[] = []): Promise<RunnerOutput> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let wallMs = 0;
    const child = spawn(process.execPath, [...nodeArgs, RUNNER, ...target.runnerArgs], {
      env: { PATH: process.env.PATH ?? '', ...target.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!wallMs && stdout.includes(RESULT_MARK)) wallMs = performance.now() - started;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-2000)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) return reject(new Error(`cold start of ${target.name} exited ${code}: ${stderr}`));
      try {
        const line = stdout.slice(stdout.indexOf(RESULT_MARK) + RESULT_MARK.length).split('\n')[0]!;
        resolve({ ...(JSON.parse(line) as Omit<RunnerOutput, 'wallMs'>), wallMs });
      } catch (error) {
        reject(new Error(`cold start of ${target.name} printed no result: ${stdout}${stderr}`, { cause: error }));
      }
    });
  });
}
