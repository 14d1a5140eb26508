import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { performance } from 'node:perf_hooks';
import { round } from '../stats.js';

/** BatchWriteItem's most items per request. */
const BATCH = 25;

export interface LoadFigures {
  items: number;
  requests: number;
  seconds: number;
  itemsPerSecond: number;
}

/**
 * Writes `items` into `TableName` in BatchWriteItem requests of 25, `concurrency` at a time,
 * retrying what the store leaves unprocessed, and says how long it took.
 */
export async function bulkLoad(
  documents: DynamoDBDocumentClient,
  TableName: string,
  items: readonly Record<string, unknown>[],
  concurrency = 8,
): Promise<LoadFigures> {
  const started = performance.now();
  let requests = 0;
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const batch = items.slice(next, next + BATCH);
      next += BATCH;
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        requests++;
        const { UnprocessedItems = {} } = await documents.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
        pending = (UnprocessedItems[TableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return { items: items.length, requests, seconds: round(seconds, 1), itemsPerSecond: Math.round(items.length / seconds) };
}
