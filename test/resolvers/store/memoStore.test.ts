import { ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logger } from '../../../resolvers/lib/logger.js';
import { documentClient } from '../../../resolvers/store/dynamoClient.js';
import { countDynamoCalls } from '../../helpers/callCounter.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { resolveField, resolveOk } from '../../helpers/resolveField.js';
import { tableSnapshot } from '../../helpers/tableSnapshot.js';

beforeAll(createMemoTable);

const injected: string[] = [];
afterEach(() => {
  for (const name of injected.splice(0)) documentClient.middlewareStack.remove(name);
  vi.restoreAllMocks();
});

/**
 * dynalite never throttles, so this is the one fault we inject: the first `failures` attempts
 * on the wire fail with ProvisionedThroughputExceededException before reaching the server.
 */
function throttleAttempts(failures: number): void {
  let remaining = failures;
  const name = `throttle-${injected.length}`;
  injected.push(name);
  documentClient.middlewareStack.add(
    (next) => (args) => {
      if (remaining-- > 0) {
        throw new ProvisionedThroughputExceededException({ message: 'Rate of requests exceeds the allowed throughput', $metadata: {} });
      }
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name },
  );
}

describe('memo store under faults', () => {
  it('retries a throttled request and succeeds', async () => {
    const counter = countDynamoCalls(); // first in the stack, so it sees the throttled attempts too
    throttleAttempts(2);
    const memo = await resolveOk('createMemo', { input: { content: 'after retries' } });
    expect(memo.version).toBe(1);
    expect(counter.calls).toEqual({ PutItem: 3 });
  });

  it('gives up after the retries with an InternalError that leaks no AWS detail, and logs the cause', async () => {
    const before = await tableSnapshot();
    const logged = vi.spyOn(logger, 'error');
    throttleAttempts(Number.POSITIVE_INFINITY);

    const outcome = await resolveField('createMemo', { input: { content: 'never stored' } });

    expect(outcome).toMatchObject({ errorType: 'InternalError', message: 'An internal error occurred; it has been logged' });
    expect(JSON.stringify(outcome)).not.toMatch(/Throughput|Provisioned|dynamo|at .*\.ts/i);
    expect(logged).toHaveBeenCalledWith('unexpected failure', expect.objectContaining({ operation: 'createMemo', error: expect.any(ProvisionedThroughputExceededException) }));
    for (const name of injected.splice(0)) documentClient.middlewareStack.remove(name);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('memo store round trips', () => {
  it('explains a failed update guard with at most one extra read', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'c' } });
    await resolveOk('updateMemo', { input: { memoId: memo.memoId, content: 'v2' } });
    const counter = countDynamoCalls();

    const outcome = await resolveField('updateMemo', { input: { memoId: memo.memoId, content: 'v3', expectedVersion: 1 } });

    expect(outcome.errorType).toBe('VersionConflict');
    // DynamoDB returns the old item with the failure (ReturnValuesOnConditionCheckFailure);
    // dynalite ignores that option, so the store re-reads once.
    expect(counter.calls.UpdateItem).toBe(1);
    expect(counter.total()).toBeLessThanOrEqual(2);
  });
});
