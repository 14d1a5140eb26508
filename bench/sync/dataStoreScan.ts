import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import type { CapacityRecorder } from '../capacity/consumedCapacity.js';
import { round } from '../stats.js';
import { runOf } from './handlerSync.js';
import type { SyncRun } from './syncFigures.js';

/** Amplify DataStore's default syncPageSize: the Limit of each page of its base sync. */
export const DATASTORE_SYNC_PAGE_SIZE = 1000;

/**
 * One owner's memos the way DataStore's base sync reads them when an owner rule applies: a Scan of
 * the whole table, Limit syncPageSize, the owner as a FilterExpression (applied after the read, so
 * every item is paid for), page after page until the table ends.
 */
export async function dataStoreBaseSync(
  documents: DynamoDBDocumentClient,
  recorder: CapacityRecorder,
  TableName: string,
  ownerId: string,
): Promise<SyncRun> {
  recorder.take();
  const started = performance.now();
  let received = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const { Items = [], LastEvaluatedKey } = await documents.send(
      new ScanCommand({
        TableName,
        FilterExpression: '#owner = :me',
        ExpressionAttributeNames: { '#owner': 'ownerId' },
        ExpressionAttributeValues: { ':me': ownerId },
        Limit: DATASTORE_SYNC_PAGE_SIZE,
        ExclusiveStartKey: start,
      }),
    );
    received += Items.length;
    start = LastEvaluatedKey;
  } while (start !== undefined);
  const ms = round(performance.now() - started, 1);
  return { ...runOf(recorder), received, ms };
}
