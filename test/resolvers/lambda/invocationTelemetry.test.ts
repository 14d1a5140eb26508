import type { AppSyncResolverEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { lambdaContext, type LambdaHandler } from '../../../local/appsync/lambdaInvocation.js';
import { handler as createMemo } from '../../../resolvers/createMemo.js';
import { handler as listMemos } from '../../../resolvers/listMemos.js';
import { handler as memo } from '../../../resolvers/memo.js';
import { handler as searchMemos } from '../../../resolvers/searchMemos.js';
import { handler as updateMemo } from '../../../resolvers/updateMemo.js';
import { CUSTOM_METRICS } from '../../../resolvers/lib/memoMetricNames.js';
import { createMemoStore } from '../../../resolvers/store/memoStore.js';
import type { MemoStore } from '../../../resolvers/store/memoStore.js';
import { userPoolCaller } from '../../helpers/callers.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { testMemoStore, testStoreConfig } from '../../helpers/testStore.js';
import { captureOutput, emfDocumentsOf, isEmf, logLinesOf, type EmfDocument, type OutputLine } from './capturedOutput.js';

// Each invocation of a field's handler writes one log line and its metrics (EMF) to stdout/stderr,
// as on Lambda. These tests read what was written, not what the logger was called with.

/** Any field's handler: each takes its own argument type, these tests hand it the event as Lambda would (as test/helpers/resolveField.ts does). */
type AnyHandler = { withStore(store: MemoStore): unknown };

const TRACE_ID = 'Root=1-67f0a1b2-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1';
const MISSING_MEMO_ID = '9f1c4c8e-4a3b-4c2d-8e1f-0a1b2c3d4e5f';

/** The event AppSync hands a memo Lambda (what resolvers/appsync/invokeLambda.ts forwards), with any headers. */
function eventOf(parentTypeName: 'Query' | 'Mutation', fieldName: string, args: unknown, headers: Record<string, string> = {}) {
  return {
    arguments: args,
    identity: userPoolCaller().identity,
    source: null,
    request: { headers, domainName: null },
    info: { parentTypeName, fieldName, variables: {}, selectionSetList: ['memoId'], selectionSetGraphQL: '{ memoId }' },
    prev: null,
    stash: {},
  } as unknown as AppSyncResolverEvent<unknown>;
}

/** Invokes a real handler on this file's store, as Lambda does; returns its result and the Lambda request id it was given. */
async function invoke(handler: AnyHandler, event: AppSyncResolverEvent<unknown>, store: MemoStore = testMemoStore()) {
  const context = lambdaContext();
  const bound = handler.withStore(store) as LambdaHandler;
  const result = (await bound(event, context)) as { data?: { memoId?: string }; error?: { errorType: string } };
  return { result, requestId: context.awsRequestId };
}

const dimensionsOf = (doc: EmfDocument) => doc._aws.CloudWatchMetrics.map(({ Dimensions }) => Dimensions);
const namespacesOf = (doc: EmfDocument) => doc._aws.CloudWatchMetrics.map(({ Namespace }) => Namespace);

const savedEnv = { level: process.env.POWERTOOLS_LOG_LEVEL, metricsDisabled: process.env.POWERTOOLS_METRICS_DISABLED };
beforeAll(async () => {
  // As deployed (infra sets INFO); the suite's default is SILENT. The logger reads it at its first line.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  process.env.POWERTOOLS_METRICS_DISABLED = 'false';
  await createMemoTable();
});
afterAll(() => {
  for (const [key, value] of [
    ['POWERTOOLS_LOG_LEVEL', savedEnv.level],
    ['POWERTOOLS_METRICS_DISABLED', savedEnv.metricsDisabled],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('one log line per invocation', () => {
  it('logs a resolved call at INFO with its correlation keys, outcome, duration and cold-start flag', async () => {
    let call: Awaited<ReturnType<typeof invoke>> | undefined;
    const { lines } = await captureOutput(async () => {
      call = await invoke(createMemo, eventOf('Mutation', 'createMemo', { input: { content: 'x' } }, { 'x-amzn-trace-id': TRACE_ID }));
    });
    const logs = logLinesOf(lines);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'INFO',
      message: 'resolved',
      field: 'Mutation.createMemo',
      requestId: call!.requestId,
      traceId: TRACE_ID,
      outcome: 'ok',
      memoId: call!.result.data!.memoId,
      coldStart: expect.any(Boolean),
      durationMs: expect.any(Number),
    });
    expect(logs[0]!.errorType).toBeUndefined();
  });

  it('logs a rejection at INFO with its errorType, and an unexpected failure at ERROR with the error', async () => {
    // A table that does not exist: the store really fails (ResourceNotFoundException), as with a broken deployment.
    const brokenStore = createMemoStore(testStoreConfig(`memoTable-missing-${Date.now()}`));
    try {
      const { lines } = await captureOutput(async () => {
        await invoke(memo, eventOf('Query', 'memo', { memoId: 'not-a-uuid' }));
        await invoke(memo, eventOf('Query', 'memo', { memoId: MISSING_MEMO_ID }), brokenStore);
      });
      const [rejected, failed] = logLinesOf(lines);
      expect(rejected).toMatchObject({
        level: 'INFO',
        message: 'rejected',
        field: 'Query.memo',
        outcome: 'rejected',
        errorType: 'ValidationError',
      });
      expect(failed).toMatchObject({
        level: 'ERROR',
        message: 'unexpected failure',
        field: 'Query.memo',
        outcome: 'failed',
        errorType: 'InternalError',
        memoId: MISSING_MEMO_ID,
        error: expect.objectContaining({ name: 'ResourceNotFoundException' }),
      });
    } finally {
      brokenStore.destroy();
    }
  });

  it('holds no memo content, title, tag, query, page token or credential header, whatever the call', async () => {
    const secret = (what: string) => `Zq${what}Secret7`;
    const headers = {
      authorization: `eyJhbGciOiJSUzI1NiJ9.${secret('Jwt')}.sig`,
      'x-api-key': `da2-${secret('ApiKey')}`,
      'x-amz-security-token': secret('SessionToken'),
      cookie: `session=${secret('Cookie')}`,
      'x-amzn-trace-id': TRACE_ID,
    };
    const { text, lines } = await captureOutput(async () => {
      const created = await invoke(
        createMemo,
        eventOf(
          'Mutation',
          'createMemo',
          { input: { title: secret('Title'), content: secret('Content'), tags: [secret('Tag')] } },
          headers,
        ),
      );
      const memoId = created.result.data!.memoId;
      await invoke(updateMemo, eventOf('Mutation', 'updateMemo', { input: { memoId, content: secret('NewContent') } }, headers));
      await invoke(memo, eventOf('Query', 'memo', { memoId }, headers));
      await invoke(searchMemos, eventOf('Query', 'searchMemos', { query: secret('Query'), tags: [secret('Tag')] }, headers));
      await invoke(listMemos, eventOf('Query', 'listMemos', { nextToken: secret('PageToken') }, headers)); // rejected: not a token
      await invoke(
        createMemo,
        eventOf('Mutation', 'createMemo', { input: { content: secret('Content'), title: secret('T').repeat(40) } }, headers),
      );
    });
    expect(logLinesOf(lines)).toHaveLength(6);
    expect(lines.filter(isEmf).length).toBeGreaterThanOrEqual(6);
    expect(text).not.toMatch(/Zq\w+Secret7/);
    expect(text).not.toContain('eyJhbGciOiJSUzI1NiJ9');
  });
});

describe('metrics per invocation (embedded metric format)', () => {
  it('publishes Requests and Duration by field, and Errors by errorType and field, with exactly those dimensions', async () => {
    const { lines } = await captureOutput(async () => {
      await invoke(memo, eventOf('Query', 'memo', { memoId: MISSING_MEMO_ID }));
      await invoke(memo, eventOf('Query', 'memo', { memoId: 'not-a-uuid' }));
    });
    const requests = emfDocumentsOf(lines, CUSTOM_METRICS.requests.metricName);
    expect(requests).toHaveLength(2);
    for (const doc of requests) {
      expect(namespacesOf(doc)).toEqual([CUSTOM_METRICS.namespace]);
      expect(dimensionsOf(doc)).toEqual([[[...CUSTOM_METRICS.requests.dimensions]]]);
      expect(doc).toMatchObject({ field: 'Query.memo', Requests: 1, Duration: expect.any(Number) });
      expect(doc.service).toBeUndefined();
    }
    const errors = emfDocumentsOf(lines, CUSTOM_METRICS.errors.metricName);
    expect(errors).toHaveLength(1);
    expect(dimensionsOf(errors[0]!)).toEqual([[[...CUSTOM_METRICS.errors.dimensions]]]);
    expect(errors[0]).toMatchObject({ field: 'Query.memo', errorType: 'ValidationError', Errors: 1 });
    // Errors is alone in its document: anything beside it would also be published per errorType.
    expect(errors[0]!._aws.CloudWatchMetrics[0]!.Metrics.map(({ Name }) => Name)).toEqual([CUSTOM_METRICS.errors.metricName]);
  });

  it('keeps the metrics of concurrent invocations apart (the local runtime runs them in one process)', async () => {
    const calls = Array.from({ length: 8 }, (_, index) => [
      invoke(createMemo, eventOf('Mutation', 'createMemo', { input: { content: `concurrent ${index}` } })),
      invoke(memo, eventOf('Query', 'memo', { memoId: MISSING_MEMO_ID })),
      invoke(createMemo, eventOf('Mutation', 'createMemo', { input: { content: 'x', title: 't'.repeat(500) } })),
      invoke(listMemos, eventOf('Query', 'listMemos', { limit: 5 })),
    ]).flat();
    let settled: Awaited<ReturnType<typeof invoke>>[] = [];
    const { lines } = await captureOutput(async () => {
      settled = await Promise.all(calls);
    });
    const fieldOfRequest = new Map(logLinesOf(lines).map((line) => [line.requestId, line.field]));
    expect(fieldOfRequest.size).toBe(settled.length);
    const requests = emfDocumentsOf(lines, CUSTOM_METRICS.requests.metricName);
    expect(requests).toHaveLength(settled.length);
    for (const doc of requests) {
      expect(doc.Requests).toBe(1); // a shared buffer would have flushed [1, 1, …] under one field
      expect(doc.field).toBe(fieldOfRequest.get(doc.requestId));
    }
    const countBy = (docs: OutputLine[], key: (doc: OutputLine) => string) =>
      docs.reduce<Record<string, number>>((counts, doc) => ({ ...counts, [key(doc)]: (counts[key(doc)] ?? 0) + 1 }), {});
    expect(countBy(requests, (doc) => String(doc.field))).toEqual({ 'Mutation.createMemo': 16, 'Query.memo': 8, 'Query.listMemos': 8 });
    const errors = emfDocumentsOf(lines, CUSTOM_METRICS.errors.metricName);
    expect(countBy(errors, (doc) => `${String(doc.errorType)} ${String(doc.field)}`)).toEqual({ 'ValidationError Mutation.createMemo': 8 });
    for (const doc of errors) expect(fieldOfRequest.get(doc.requestId)).toBe('Mutation.createMemo');
  });

  it.each([
    ['on Lambda (AWS_LAMBDA_FUNCTION_NAME set)', { AWS_LAMBDA_FUNCTION_NAME: 'memo-api-memo' }, 1],
    [
      'on Lambda with POWERTOOLS_METRICS_DISABLED=true',
      { AWS_LAMBDA_FUNCTION_NAME: 'memo-api-memo', POWERTOOLS_METRICS_DISABLED: 'true' },
      0,
    ],
    ['elsewhere (the local runtime, tests) by default', {}, 0],
    ['elsewhere with POWERTOOLS_METRICS_DISABLED=false', { POWERTOOLS_METRICS_DISABLED: 'false' }, 1],
  ] as const)('publishes %s: %i document(s) per call', async (_where, env, documents) => {
    const keys = ['AWS_LAMBDA_FUNCTION_NAME', 'POWERTOOLS_METRICS_DISABLED'] as const;
    const saved = keys.map((key) => [key, process.env[key]] as const);
    for (const key of keys) delete process.env[key];
    Object.assign(process.env, env);
    try {
      const { lines } = await captureOutput(() => invoke(memo, eventOf('Query', 'memo', { memoId: MISSING_MEMO_ID })));
      expect(lines.filter(isEmf)).toHaveLength(documents);
      expect(logLinesOf(lines)).toHaveLength(1);
    } finally {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('counts a cold start once per process, on its first invocation, unless Lambda initialised it ahead of demand', async () => {
    const coldStartsOf = async (initializationType: string | undefined) => {
      vi.resetModules(); // a fresh process, as far as the handler's modules go
      const saved = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      if (initializationType === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = initializationType;
      try {
        const fresh = (await import('../../../resolvers/memo.js')) as { handler: AnyHandler };
        const { lines } = await captureOutput(async () => {
          for (let call = 0; call < 3; call++) await invoke(fresh.handler, eventOf('Query', 'memo', { memoId: MISSING_MEMO_ID }));
        });
        const coldStartDocs = emfDocumentsOf(lines, CUSTOM_METRICS.coldStart.metricName);
        for (const doc of coldStartDocs) expect(dimensionsOf(doc)).toEqual([[[...CUSTOM_METRICS.coldStart.dimensions]]]);
        return { flags: logLinesOf(lines).map((line) => line.coldStart), metricCount: coldStartDocs.length };
      } finally {
        if (saved === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
        else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = saved;
      }
    };
    expect(await coldStartsOf('on-demand')).toEqual({ flags: [true, false, false], metricCount: 1 });
    expect(await coldStartsOf('provisioned-concurrency')).toEqual({ flags: [false, false, false], metricCount: 0 });
  });
});
