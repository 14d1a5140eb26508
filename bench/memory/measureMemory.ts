import { randomUUID } from 'node:crypto';
import { FUNCTION_MEMORY_MB } from '../resolverSeam.js';
import type { DeployedBundle } from '../coldStart/coldStart.js';
import { handlerEnv } from '../benchCaller.js';
import { round } from '../stats.js';
import { invocationPlan, memosToSeed } from './invocationPlans.js';
import { lambdaNodeFlags } from './lambdaNodeFlags.js';
import { memoSeeder, type SeederConnection } from './memoSeeder.js';
import { runInvocationLoop, type LoopFigures } from './runInvocationLoop.js';

/** One handler's memory and CPU, measured in one process over 1 + `invocations` invocations. */
export interface MemoryRow {
  fieldName: string;
  /** The Lambda memory size whose V8 heap limits the process ran under (lambdaNodeFlags.ts). */
  lambdaMemoryMb: number;
  /** Invocations measured after the first (10,000 in a full run). */
  invocations: number;
  /** process.memoryUsage() after the first invocation and a full collection, MiB. */
  rssMiBAfter1: number;
  heapMiBAfter1: number;
  externalMiBAfter1: number;
  /** Live heap after half the measured invocations, MiB. */
  heapMiBAtHalf: number;
  /** The same as after 1, after all the others. */
  rssMiBAfterN: number;
  heapMiBAfterN: number;
  externalMiBAfterN: number;
  /**
   * Live-heap growth over the second half, per 1,000 invocations, KiB: about 0 means no leak. The
   * first half is left out: the heap grows there as V8 compiles and caches (warm-up, not a leak).
   */
  heapGrowthKiBPer1000: number;
  /** Peak resident set of the whole process, MiB: what Lambda's Max Memory Used is closest to. */
  maxRssMiB: number;
  /** VmHWM on Linux; process.resourceUsage().maxRSS elsewhere (on Linux it can hold the parent's peak). */
  maxRssSource: LoopFigures['maxRssSource'];
  /** User + system CPU per measured invocation, ms (event parse, handler, SDK, logging, result serialisation). */
  cpuMsPerInvocation: number;
  /** Wall time per measured invocation on this machine, ms: the local store's answer included, so not Lambda's duration. */
  wallMsPerInvocation: number;
}

export interface MemoryStore {
  endpoint: string;
  tableName: string;
}

export interface MemoryOptions {
  /** Invocations measured after the first: 10,000 in the full run, ~50 in a smoke run; at least 2. */
  invocations: number;
  /** Run under the V8 heap limits the Lambda runtime sets at this size; default the deployed size. */
  lambdaMemoryMb?: number;
  log(line: string): void;
}

const MIB = 1024 * 1024;

/**
 * Measures, per field of `bundles` (fieldName → its function's deployed bundle; one bundle may
 * serve every field, each row then runs that field's own requests on it), the memory after 1 and
 * after 1 + `invocations` invocations in one process, and the CPU time per invocation, under the
 * V8 heap limits the Lambda runtime sets at `lambdaMemoryMb` (its young generation moves RSS by
 * tens of MB, so the limits are part of the answer). Handlers run one after another, each in its own child
 * (invocationLoop.mjs) with the function's environment from the template, as a signed-in user
 * with a fresh id, against `store`; what a run needs (memos to read, update or delete) is seeded
 * first and everything of that user removed afterwards.
 *
 * @example
 * const rows = await measureMemory(bundles, { endpoint, tableName }, { invocations: 10_000, log: console.log });
 * @throws when a handler's invocation fails: figures of an error path would mislead
 */
export async function measureMemory(
  bundles: ReadonlyMap<string, DeployedBundle>,
  store: MemoryStore,
  options: MemoryOptions,
): Promise<MemoryRow[]> {
  const { invocations, lambdaMemoryMb = FUNCTION_MEMORY_MB } = options;
  if (!Number.isInteger(invocations) || invocations < 2)
    throw new RangeError(`invocations must be a whole number of at least 2, not ${invocations}`);
  const rows: MemoryRow[] = [];
  for (const [fieldName, bundle] of bundles) {
    options.log(`memory: ${fieldName}, 1 + ${invocations} invocations in one process, V8 limits of ${lambdaMemoryMb} MB…`);
    rows.push(await measureHandler(fieldName, bundle, store, { invocations, lambdaMemoryMb }));
  }
  return rows;
}

async function measureHandler(
  fieldName: string,
  bundle: DeployedBundle,
  store: MemoryStore,
  { invocations, lambdaMemoryMb }: { invocations: number; lambdaMemoryMb: number },
): Promise<MemoryRow> {
  const env = handlerEnv(bundle.env, store);
  const seeder = memoSeeder(connectionOf(env, store));
  // A user of its own per run: cleaning up is removing that user's memos, whoever created them.
  const ownerSub = randomUUID();
  try {
    const ids = await seeder.seed(ownerSub, memosToSeed(fieldName, invocations));
    const plan = invocationPlan(fieldName, ownerSub, ids, invocations);
    const figures = await runInvocationLoop(bundle.path, plan, { env, nodeFlags: lambdaNodeFlags(lambdaMemoryMb) });
    return toRow(fieldName, lambdaMemoryMb, figures);
  } finally {
    try {
      await seeder.removeOwner(ownerSub);
    } finally {
      seeder.close();
    }
  }
}

function connectionOf(env: Record<string, string>, store: MemoryStore): SeederConnection {
  return {
    endpoint: store.endpoint,
    tableName: store.tableName,
    region: env.AWS_REGION!,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, sessionToken: env.AWS_SESSION_TOKEN },
  };
}

function toRow(fieldName: string, lambdaMemoryMb: number, figures: LoopFigures): MemoryRow {
  const { after1, atHalf, afterN, invocations } = figures;
  const mib = (bytes: number) => round(bytes / MIB, 2);
  const secondHalf = invocations - Math.floor(invocations / 2);
  return {
    fieldName,
    lambdaMemoryMb,
    invocations,
    rssMiBAfter1: mib(after1.rss),
    heapMiBAfter1: mib(after1.heapUsed),
    externalMiBAfter1: mib(after1.external),
    heapMiBAtHalf: mib(atHalf.heapUsed),
    rssMiBAfterN: mib(afterN.rss),
    heapMiBAfterN: mib(afterN.heapUsed),
    externalMiBAfterN: mib(afterN.external),
    heapGrowthKiBPer1000: round(((afterN.heapUsed - atHalf.heapUsed) / 1024) * (1000 / secondHalf), 1),
    maxRssMiB: mib(figures.maxRssBytes),
    maxRssSource: figures.maxRssSource,
    cpuMsPerInvocation: round(figures.cpuMicros / 1000 / invocations, 3),
    wallMsPerInvocation: round(figures.wallMs / invocations, 3),
  };
}
