import { ConditionalCheckFailedException, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handlerLogger } from '../../../resolvers/lib/logger.js';
import { countDynamoCalls } from '../../helpers/countRequests.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { resolveField, resolveOk } from '../../helpers/resolveField.js';
import { tableSnapshot } from '../../helpers/tableSnapshot.js';
import { storeReturnsOldItemOnConditionFailure, testMemoStore } from '../../helpers/testStore.js';

beforeAll(createMemoTable);

const injected: string[] = [];
afterEach(() => {
  for (const name of injected.splice(0)) testMemoStore().documentClient.middlewareStack.remove(name);
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
  testMemoStore().documentClient.middlewareStack.add(
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
    const logged = vi.spyOn(handlerLogger(), 'error');
    throttleAttempts(Number.POSITIVE_INFINITY);

    const outcome = await resolveField('createMemo', { input: { content: 'never stored' } });

    expect(outcome).toMatchObject({ errorType: 'InternalError', message: 'An internal error occurred; it has been logged' });
    expect(JSON.stringify(outcome)).not.toMatch(/Throughput|Provisioned|dynamo|at .*\.ts/i);
    expect(logged).toHaveBeenCalledWith(
      'unexpected failure',
      expect.objectContaining({ operation: 'createMemo', error: expect.any(ProvisionedThroughputExceededException) }),
    );
    for (const name of injected.splice(0)) testMemoStore().documentClient.middlewareStack.remove(name);
    expect(await tableSnapshot()).toBe(before);
  });
});

describe('memo store round trips on a failed guard', () => {
  it.each(['updateMemo', 'deleteMemo'] as const)(
    '%s of a missing memo without expectedVersion answers MemoNotFound from the one write',
    async (field) => {
      const memoId = '00000000-0000-4000-8000-00000000abcd';
      const counter = countDynamoCalls();
      const args = field === 'updateMemo' ? { input: { memoId, content: 'x' } } : { memoId };
      expect(await resolveField(field, args)).toMatchObject({ errorType: 'MemoNotFound' });
      expect(counter.total()).toBe(1);
    },
  );

  it('explains a stale version from the failed write where the store returns the old item, with one extra read where it does not', async () => {
    const memo = await resolveOk('createMemo', { input: { content: 'c' } });
    await resolveOk('updateMemo', { input: { memoId: memo.memoId, content: 'v2' } });
    const counter = countDynamoCalls();

    const outcome = await resolveField('updateMemo', { input: { memoId: memo.memoId, content: 'v3', expectedVersion: 1 } });

    expect(outcome).toMatchObject({ errorType: 'VersionConflict', errorInfo: { currentVersion: 2 } });
    // DynamoDB Local, like DynamoDB, returns the old item with the failure: 1 request.
    // dynalite ignores ReturnValuesOnConditionCheckFailure: 2, the second a GetItem for the version.
    expect(counter.calls).toEqual(storeReturnsOldItemOnConditionFailure ? { UpdateItem: 1 } : { UpdateItem: 1, GetItem: 1 });
  });

  it.each(['updateMemo', 'deleteMemo'] as const)(
    '%s reads the current version from the failure itself, as DynamoDB returns it, with no extra read',
    async (field) => {
      const memo = await resolveOk('createMemo', { input: { content: 'c' } });
      const counter = countDynamoCalls();
      // DynamoDB's answer, old item included, injected so the path runs on every store (dynalite omits the item).
      const name = 'conditionFailedWithItem';
      injected.push(name);
      testMemoStore().documentClient.middlewareStack.add(
        () => () => {
          throw new ConditionalCheckFailedException({
            message: 'The conditional request failed',
            $metadata: {},
            Item: marshall({ ...memo, version: 7 }, { removeUndefinedValues: true, convertClassInstanceToMap: true }),
          });
        },
        { step: 'finalizeRequest', priority: 'low', name },
      );
      const args =
        field === 'updateMemo'
          ? { input: { memoId: memo.memoId, content: 'x', expectedVersion: 1 } }
          : { memoId: memo.memoId, expectedVersion: 1 };

      expect(await resolveField(field, args)).toMatchObject({
        errorType: 'VersionConflict',
        errorInfo: { memoId: memo.memoId, expectedVersion: 1, currentVersion: 7 },
      });
      expect(counter.total()).toBe(1);
    },
  );
});
