import { SERVICE_NAME } from '../../../resolvers/lib/logger.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { handlerEnv } from '../../../bench/benchCaller.js';
import { buildLikeDeployed } from '../../../bench/coldStart/bundleVariants.js';
import { lambdaTraceEnv, listenForTraces, type TraceListener } from '../../../bench/observability/lambdaTraceEnv.js';
import { memoColdStartEvent, type MemoColdStartEvent } from '../../../bench/coldStart/memoColdStartEvent.js';
import { moduleSwap } from '../../../bench/observability/moduleSwap.js';
import {
  buildObservabilityVariants,
  OBSERVED_MODULES,
  type ObservabilityVariant,
  type ObservabilityVariantName,
} from '../../../bench/observability/observabilityVariants.js';
import { runWarmCalls, type WarmCalls } from '../../../bench/observability/runWarmCalls.js';
import { MEMO_FUNCTION_ENTRY } from '../../../resolvers/fields.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { TEST_STORE_CONFIG } from '../../helpers/testStore.js';

// Real bundles of the deployed entry, each invoked once in a fresh node with Lambda's environment
// against this file's table: what each variant writes to its log stream, and sends to X-Ray.
const dir = mkdtempSync(join(tmpdir(), 'observability-test-'));
const store = () => ({
  endpoint: inject('dynamodbEndpoint'),
  tableName: TEST_STORE_CONFIG.tableName,
  region: 'us-east-1',
  credentials: TEST_STORE_CONFIG.credentials,
});
let variants: ObservabilityVariant[];
let request: MemoColdStartEvent;
let listener: TraceListener;
const invoked = new Map<ObservabilityVariantName, { calls: WarmCalls; traceDocuments: string[] }>();

/** The JSON documents among a process's output lines. */
function documents(lines: readonly string[]): Record<string, unknown>[] {
  return lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return [];
    }
  });
}

beforeAll(async () => {
  await createMemoTable();
  listener = await listenForTraces();
  variants = await buildObservabilityVariants(dir);
  request = await memoColdStartEvent(store(), dir);
  const env = lambdaTraceEnv(
    handlerEnv({ POWERTOOLS_SERVICE_NAME: SERVICE_NAME, POWERTOOLS_LOG_LEVEL: 'INFO' }, store()),
    dir,
    listener.port,
  );
  for (const variant of variants) {
    const before = listener.documents().length;
    const calls = await runWarmCalls(variant.bundle, request.path, 0, env);
    await new Promise((done) => setTimeout(done, 50)); // loopback datagrams land before counting
    invoked.set(variant.name, { calls, traceDocuments: listener.documents().slice(before) });
  }
}, 120_000);

afterAll(async () => {
  await request?.remove();
  await listener?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('buildObservabilityVariants', () => {
  it('builds the entry infra/ deploys three ways, each answering the memo request', () => {
    expect(OBSERVED_MODULES.entry).toBe(join(process.cwd(), MEMO_FUNCTION_ENTRY));
    expect(variants.map((variant) => variant.name)).toEqual(['deployed', 'none', 'tracer']);
    for (const variant of variants) {
      expect(() => request.check(invoked.get(variant.name)!.calls.result), variant.name).not.toThrow();
      expect(variant.gzipKiB, variant.name).toBeGreaterThan(0);
      expect(variant.gzipKiB, variant.name).toBeLessThan(variant.bundleKiB);
    }
  });

  it('as deployed, writes exactly one log line and one EMF document for an invocation', () => {
    const written = documents(invoked.get('deployed')!.calls.outputLines);
    expect(written.filter((document) => '_aws' in document)).toHaveLength(1);
    expect(written.filter((document) => 'level' in document && 'message' in document)).toEqual([
      expect.objectContaining({ level: 'INFO', message: 'resolved', field: 'Query.memo' }),
    ]);
  });

  it('without observability, writes nothing at all for an invocation', () => {
    expect(invoked.get('none')!.calls.outputLines).toEqual([]);
  });

  it('with Tracer, logs and measures as deployed and sends the handler and its DynamoDB call to X-Ray', () => {
    const { calls, traceDocuments } = invoked.get('tracer')!;
    const written = documents(calls.outputLines);
    expect(written.filter((document) => '_aws' in document)).toHaveLength(1);
    expect(written.filter((document) => 'level' in document)).toHaveLength(1);
    const names = documents(traceDocuments).map((document) => document.name);
    expect(names).toEqual(expect.arrayContaining(['## index.handler', 'DynamoDB']));
    expect(invoked.get('deployed')!.traceDocuments).toEqual([]);
  });

  it('leaves Powertools Logger and Metrics out of the bundle without observability', () => {
    const marker = 'POWERTOOLS_METRICS_NAMESPACE';
    expect(readFileSync(variants.find((v) => v.name === 'deployed')!.bundle, 'utf8')).toContain(marker);
    expect(readFileSync(variants.find((v) => v.name === 'none')!.bundle, 'utf8')).not.toContain(marker);
  });

  it('fails the build when a module to swap is never imported (a renamed module must not go unmeasured)', async () => {
    const swaps = { [join(dir, 'notImported.ts')]: OBSERVED_MODULES.logger };
    await expect(buildLikeDeployed(OBSERVED_MODULES.entry, join(dir, 'never.mjs'), { plugins: [moduleSwap(swaps)] })).rejects.toThrow(
      /swapped modules never imported/,
    );
  });
});
