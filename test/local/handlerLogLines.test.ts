import { randomUUID } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { CUSTOM_METRICS } from '../../resolvers/lib/memoMetricNames.js';
import { emfDocumentsOf, jsonLines, logLinesOf } from '../resolvers/lambda/capturedOutput.js';
import { postGraphQL, useLocalApiProcess } from './helpers/localApiProcess.js';

// `npm start` runs the same handlers as Lambda, so it prints the same lines: one per request
// (POWERTOOLS_LOG_LEVEL=INFO) and, asked for with POWERTOOLS_METRICS_DISABLED=false, the
// metrics as embedded metric format, all from one process serving requests concurrently.
const localApi = useLocalApiProcess({ POWERTOOLS_LOG_LEVEL: 'INFO', POWERTOOLS_METRICS_DISABLED: 'false' });

/** A GraphQL request of `field`, and the trace id it is sent with (x-amzn-trace-id, as AppSync forwards it). */
const requests = {
  'Query.listMemos': { query: '{ listMemos(limit: 2) { nextToken } }' },
  'Query.memo': { query: `{ memo(memoId: "${randomUUID()}") { memoId } }` },
  'Mutation.createMemo': { query: 'mutation { createMemo(input: { content: "local lines" }) { memoId } }' },
  'Mutation.updateMemo': { query: `mutation { updateMemo(input: { memoId: "${randomUUID()}", content: "x" }) { memoId } }` },
} as const;
type Field = keyof typeof requests;
const traceIdOf = (field: Field, index: number) => `Root=1-${field.replace('.', '-')}-${index}`;

describe('the local runtime prints the handlers’ lines', () => {
  it('one log line per request, keyed by field and trace id, and its metrics, for concurrent requests alike', async () => {
    const headers = await localApi().authHeaders('alice');
    const fields = Object.keys(requests) as Field[];
    const sent = fields.flatMap((field) => [0, 1, 2].map((index) => ({ field, traceId: traceIdOf(field, index) })));
    const answers = await Promise.all(
      sent.map(({ field, traceId }) => postGraphQL(localApi().url, requests[field], { ...headers, 'x-amzn-trace-id': traceId })),
    );
    for (const { status } of answers) expect(status).toBe(200);

    await vi.waitFor(() => expect(logLinesOf(jsonLines(localApi().output())).length).toBeGreaterThanOrEqual(sent.length), {
      timeout: 10_000,
      interval: 100,
    });
    const lines = jsonLines(localApi().output());
    const logs = logLinesOf(lines).filter((line) => typeof line.traceId === 'string' && line.traceId.startsWith('Root=1-'));
    expect(logs.map((line) => [line.traceId, line.field]).sort()).toEqual(sent.map(({ field, traceId }) => [traceId, field]).sort());
    for (const line of logs) {
      expect(line).toMatchObject({ level: 'INFO', service: 'memo-api', durationMs: expect.any(Number), coldStart: expect.any(Boolean) });
      expect(line.outcome).toBe(line.field === 'Mutation.updateMemo' ? 'rejected' : 'ok');
    }
    // Each metrics document belongs to the request whose log line has its requestId.
    const fieldOfRequest = new Map(logs.map((line) => [line.requestId, line.field]));
    const docs = emfDocumentsOf(lines, CUSTOM_METRICS.requests.metricName).filter((doc) => fieldOfRequest.has(doc.requestId));
    expect(docs).toHaveLength(sent.length);
    for (const doc of docs) expect(doc).toMatchObject({ field: fieldOfRequest.get(doc.requestId), Requests: 1 });
    const errors = emfDocumentsOf(lines, CUSTOM_METRICS.errors.metricName).filter((doc) => fieldOfRequest.has(doc.requestId));
    expect(errors.map(({ field, errorType }) => `${String(errorType)} ${String(field)}`)).toEqual(
      Array(3).fill('MemoNotFound Mutation.updateMemo'),
    );
    // The ID token reached the runtime in every request, and no line repeats it.
    expect(localApi().output()).not.toContain(headers.authorization!.split('.')[1]);
  });
});
