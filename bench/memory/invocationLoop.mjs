// @ts-check
/**
 * Child process of bench/memory/measureMemory.ts, run as
 *
 *   node --expose-gc [V8 heap flags] invocationLoop.mjs <bundle.mjs> <plan.json>
 *
 * Plain JavaScript on purpose: a TypeScript loader (tsx) would sit in this process and add its own
 * memory to every figure. It loads the deployed handler bundle with import(), as the Lambda
 * runtime does, invokes it once, then `plan.invocations` more times one after another (an
 * execution environment serves one request at a time), and writes its figures as JSON to fd 3
 * (stdout carries the handler's log lines, as on Lambda). The parent passes the V8 heap flags the
 * Lambda runtime would (lambdaNodeFlags.ts), ahead of this script's path.
 *
 * Each invocation parses the event from JSON and serialises the result, as the runtime does
 * between the Runtime API and the handler, so that work counts in the CPU time too.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

/** Must match MEMO_ID_SLOT in invocationPlans.ts. */
const MEMO_ID_SLOT = '__MEMO_ID__';
const RESULT_FD = 3;

const [bundlePath, planPath] = process.argv.slice(2);
if (!bundlePath || !planPath) fail('usage: node --expose-gc invocationLoop.mjs <bundle.mjs> <plan.json>');
const gc = globalThis.gc;
if (typeof gc !== 'function') fail('run with --expose-gc: the heap is measured after a full collection');

// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typed by the JSDoc cast, which the lint's default project for .mjs does not read
const plan = /** @type {{ eventJson: string; memoIds: string[]; invocations: number; functionName: string }} */ (
  JSON.parse(readFileSync(planPath, 'utf8'))
);
/** @typedef {(event: unknown, context: unknown) => Promise<{ data?: unknown; error?: unknown } | null | undefined>} Handler */
// eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- typed by the JSDoc cast, which the lint's default project for .mjs does not read
const { handler } = /** @type {{ handler: Handler }} */ (await import(pathToFileURL(bundlePath).href));
if (typeof handler !== 'function') fail(`${bundlePath} exports no handler function`);

await invoke(0);
const after1 = settledMemory();

// Two halves with a settled reading between them: growth over the second half tells a leak from
// warm-up (compiled code and inline caches fill the heap over the first thousand or so).
const half = Math.floor(plan.invocations / 2);
const first = await timed(1, half);
const atHalf = settledMemory();
const second = await timed(half + 1, plan.invocations);
const afterN = settledMemory();

writeSync(
  RESULT_FD,
  JSON.stringify({
    invocations: plan.invocations,
    after1,
    atHalf,
    afterN,
    ...peakRss(),
    cpuMicros: first.cpuMicros + second.cpuMicros,
    wallMs: first.wallMs + second.wallMs,
  }),
);
// The SDK's keep-alive sockets would hold the process open.
process.exit(0);

/**
 * Invocations `from`..`to` one after another, with the CPU (user + system, every thread of the
 * process: GC helpers included) and wall time they took.
 * @param {number} from @param {number} to
 */
async function timed(from, to) {
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = from; i <= to; i++) await invoke(i);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - wallBefore };
}

/** @param {number} i */
async function invoke(i) {
  const memoId = plan.memoIds.length ? plan.memoIds[i % plan.memoIds.length] : '';
  const event = /** @type {unknown} */ (JSON.parse(plan.eventJson.replaceAll(MEMO_ID_SLOT, memoId ?? '')));
  const result = await handler(event, lambdaContext());
  const answer = JSON.stringify(result);
  // A failed invocation measures an error path, not the operation: stop the run loudly.
  if (!result || result.error || result.data == null) fail(`invocation ${i} did not succeed: ${answer}`);
}

/** The part of Lambda's context object the handlers read (and a little more, as the runtime gives). */
function lambdaContext() {
  return {
    awsRequestId: randomUUID(),
    functionName: plan.functionName,
    functionVersion: '$LATEST',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 10_000,
  };
}

/** Memory after a full collection, so the heap figure holds live objects only. */
function settledMemory() {
  // Twice: the first collection may leave objects whose finalisers only run after it.
  gc?.();
  gc?.();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  return { rss, heapUsed, heapTotal, external };
}

/**
 * The process's peak resident set. On Linux, getrusage's maxrss (process.resourceUsage().maxRSS)
 * survives execve: spawned from a large parent, a child reports the parent's peak at fork time.
 * The kernel's VmHWM belongs to the address space exec built, so it is this program's own.
 */
function peakRss() {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return { maxRssBytes: Number(match[1]) * 1024, maxRssSource: 'VmHWM' };
  } catch {
    // Not Linux: no /proc.
  }
  // KiB on Linux and macOS.
  return { maxRssBytes: process.resourceUsage().maxRSS * 1024, maxRssSource: 'getrusage' };
}

/** @param {string} message @returns {never} */
function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
