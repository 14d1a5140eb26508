import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvocationPlan } from './invocationPlans.js';

/** process.memoryUsage() after a full collection, bytes. */
export interface SettledMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** What invocationLoop.mjs reports. */
export interface LoopFigures {
  /** Measured invocations, after the first. */
  invocations: number;
  after1: SettledMemory;
  /** After half the measured invocations: the baseline of the leak check (warm-up is over by then). */
  atHalf: SettledMemory;
  afterN: SettledMemory;
  /** Peak resident set of the child, bytes. */
  maxRssBytes: number;
  /** Where the peak came from: Linux's VmHWM, or getrusage elsewhere (see invocationLoop.mjs). */
  maxRssSource: 'VmHWM' | 'getrusage';
  /** User + system CPU of the whole process over the measured invocations, µs. */
  cpuMicros: number;
  /** Wall time of the measured invocations on this machine (local store wait included), ms. */
  wallMs: number;
}

const LOOP_SCRIPT = fileURLToPath(new URL('./invocationLoop.mjs', import.meta.url));

/**
 * Runs `plan` against the bundle in a fresh `node --expose-gc <nodeFlags>` that holds nothing but
 * the handler: no TypeScript loader, no store, no test runner, so its memory is the handler's (and Node's).
 *
 * @throws when the child fails (a failed invocation included), with its stderr
 */
export async function runInvocationLoop(
  bundlePath: string,
  plan: InvocationPlan,
  options: { env: Record<string, string>; nodeFlags: readonly string[] },
): Promise<LoopFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'memo-memory-'));
  try {
    const planPath = join(dir, 'plan.json');
    writeFileSync(planPath, JSON.stringify(plan));
    return await runChild([...options.nodeFlags, LOOP_SCRIPT, bundlePath, planPath], options.env, bundlePath);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(args: string[], env: Record<string, string>, bundlePath: string): Promise<LoopFigures> {
  return new Promise((resolve, reject) => {
    // stdout (the handler's log lines) is discarded: writing them still costs the handler CPU, as on Lambda.
    const child = spawn(process.execPath, ['--expose-gc', ...args], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let result = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.stdio[3]!.on('data', (chunk: Buffer) => (result += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code !== 0) {
        reject(new Error(`memory run of ${bundlePath} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
        return;
      }
      try {
        resolve(JSON.parse(result) as LoopFigures);
      } catch (error) {
        reject(new Error(`memory run of ${bundlePath} wrote no figures:\n${stderr.trim()}`, { cause: error }));
      }
    });
  });
}
