import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { handlerEnv } from '../benchCaller.js';
import { measureFirstResponses, type FirstResponseFigures } from '../coldStart/firstResponse.js';
import type { RawStore } from '../runtime/rawOperations.js';
import { round, type Spread } from '../stats.js';
import { lambdaTraceEnv, listenForTraces } from './lambdaTraceEnv.js';
import { memoColdStartEvent } from '../coldStart/memoColdStartEvent.js';
import { buildObservabilityVariants, type ObservabilityVariantName } from './observabilityVariants.js';
import { warmCallRounds } from './runWarmCalls.js';
import { TRACER_RULE_TEXT, tracerDecision, type TracerDecision } from './tracerRule.js';

/** Warm calls per process, after its first: each variant runs `runs` such processes. */
export const OBSERVABILITY_SETTINGS = { warmCalls: 200 } as const;
export const OBSERVABILITY_QUICK_SETTINGS = { warmCalls: 10 } as const;

export interface ObservabilityRow {
  name: ObservabilityVariantName;
  label: string;
  bundleKiB: number;
  gzipKiB: number;
  firstResponse: FirstResponseFigures;
  /** Median first response (wall) minus (b)'s, ms. */
  vsNoneMs: number;
  /** CPU time (user + system) from exec to the first result, ms: less disturbed by a busy machine than wall time. */
  firstResponseCpuMs: Spread;
  /** Its median minus (b)'s, ms. */
  cpuVsNoneMs: number;
  /** One warm call (the handler's promise, in-process), ms. */
  warmMs: Spread;
  /** Median warm call minus (b)'s, ms. */
  warmVsNoneMs: number;
}

export interface ObservabilityFigures {
  runs: number;
  /** Warm calls per process (`runs` processes per variant). */
  warmCalls: number;
  /** (a) as deployed, (b) without observability, (c) with Powertools Tracer, in that order. */
  rows: ObservabilityRow[];
  /** X-Ray documents the bench's stand-in daemon received per traced cold start, and whether one was a DynamoDB call. */
  traces: { documentsPerColdStart: number; dynamoDbSubsegment: boolean };
  rule: string;
  decision: TracerDecision;
}

/**
 * The cost of observability on the first response (issue 21, item 1): the deployed entry built
 * as deployed, without logger and metrics, and with Powertools Tracer (observabilityVariants.ts),
 * each started cold `runs` times (a fresh `node` per run, the variants taking turns) with
 * Lambda's environment, answering the cold-start section's `memo` request from `store`; then
 * `runs` more processes each for the CPU time to the first result and `warmCalls` warm calls. `functionEnv` is the deployed function's literal environment.
 */
export async function measureObservability(
  functionEnv: Record<string, string>,
  store: RawStore,
  options: { runs: number; warmCalls: number; log(line: string): void },
): Promise<ObservabilityFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'memo-bench-observability-'));
  const listener = await listenForTraces();
  try {
    const variants = await buildObservabilityVariants(dir);
    const request = await memoColdStartEvent(store, dir);
    try {
      const env = lambdaTraceEnv(handlerEnv(functionEnv, store), dir, listener.port);
      const targets = variants.map(({ name, bundle }) => ({
        name,
        runnerArgs: ['handler', bundle, request.path],
        env,
        check: request.check,
      }));
      options.log(`observability on the first response: ${variants.map((v) => v.name).join(', ')}, ${options.runs} cold starts each…`);
      const firstResponses = await measureFirstResponses(targets, options.runs);
      await delay(50); // the last datagrams are on loopback: let them land before counting
      const documents = listener.documents();
      options.log(`observability: CPU to the first result, then ${options.warmCalls} warm calls, ${options.runs} processes each…`);
      const warm = await warmCallRounds(
        variants.map((variant) => variant.bundle),
        request.path,
        { runs: options.runs, calls: options.warmCalls, env, check: request.check },
      );
      const none = variants.findIndex((variant) => variant.name === 'none');
      const rows = variants.map(({ bundle: _bundle, ...variant }, index) => ({
        ...variant,
        firstResponse: firstResponses[index]!,
        vsNoneMs: round(firstResponses[index]!.wallMs.median - firstResponses[none]!.wallMs.median, 1),
        firstResponseCpuMs: warm[index]!.coldCpuMs,
        cpuVsNoneMs: round(warm[index]!.coldCpuMs.median - warm[none]!.coldCpuMs.median, 1),
        warmMs: warm[index]!.warmMs,
        warmVsNoneMs: round(warm[index]!.warmMs.median - warm[none]!.warmMs.median, 3),
      }));
      const medianOf = (name: ObservabilityVariantName) => rows.find((row) => row.name === name)!.firstResponse.wallMs.median;
      return {
        runs: options.runs,
        warmCalls: options.warmCalls,
        rows,
        traces: {
          documentsPerColdStart: round(documents.length / options.runs, 1),
          dynamoDbSubsegment: documents.some((document) => document.includes('"DynamoDB"')),
        },
        rule: TRACER_RULE_TEXT,
        decision: tracerDecision(medianOf('deployed'), medianOf('tracer')),
      };
    } finally {
      await request.remove();
    }
  } finally {
    await listener.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
