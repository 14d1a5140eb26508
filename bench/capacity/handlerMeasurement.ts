import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MemoOperation } from './capacityFigures.js';
import type { CallUnits } from './callUnits.js';
import { BENCH_PAGE_TOKEN_SECRET } from '../benchCaller.js';

export interface HandlerRunOptions {
  sizesKb: number[];
  /** Calls of each single-memo operation per size (creates are always a page and one more). */
  repeats: number;
}

/** One memo size as the child measured it. */
export interface HandlerRunSize {
  kb: number;
  itemBytes: number;
  contentBytes: number;
  updatedItemBytes: number;
  calls: Record<MemoOperation, CallUnits[]>;
}

export type HandlerRunReport = { ok: true; sizes: HandlerRunSize[] } | { ok: false; error: string };

const CHILD = fileURLToPath(new URL('./handlerRun.ts', import.meta.url));
const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Runs the real handlers in a child process (handlerRun.ts) against `tableName` on the emulator at
 * `endpoint`, and returns the units every call consumed. The child creates the table (as the
 * local runtime does) but never deletes it: the caller owns the table's name and deletes it.
 * The child is killed if it outlives `timeoutMs`, and always gone when this returns or throws.
 *
 * @throws {Error} with the child's error, or its output when it died without a report
 */
export async function runHandlersInChild(
  endpoint: string,
  tableName: string,
  options: HandlerRunOptions,
  timeoutMs = 60_000,
): Promise<HandlerRunSize[]> {
  const { AWS_PROFILE: _profile, AWS_SESSION_TOKEN: _token, ...inherited } = process.env;
  const child = fork(CHILD, [], {
    cwd: REPOSITORY_ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: {
      ...inherited,
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: endpoint,
      PAGE_TOKEN_SECRET: BENCH_PAGE_TOKEN_SECRET,
      AWS_REGION: 'us-east-1',
      // Emulators accept any credentials, but the SDK sends no request without some.
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      NODE_NO_WARNINGS: '1',
      CAPACITY_RUN_OPTIONS: JSON.stringify(options),
    },
  });
  let output = '';
  const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-5_000));
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let timer: NodeJS.Timeout | undefined;
  try {
    const report = await Promise.race([
      new Promise<HandlerRunReport>((resolve) => child.once('message', (message) => resolve(message as HandlerRunReport))),
      exited.then(() => Promise.reject(new Error(`the handler measurement exited without a report:\n${output}`))),
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`the handler measurement took over ${timeoutMs} ms:\n${output}`)), timeoutMs)),
      ),
    ]);
    if (!report.ok) throw new Error(`the handler measurement failed: ${report.error}`);
    return report.sizes;
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  }
}
