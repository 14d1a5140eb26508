import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { OWNER_INDEX } from '../resolverSeam.js';
import { sampleMemo } from '../runtime/rawOperations.js';

export interface SeederConnection {
  endpoint: string;
  tableName: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export interface MemoSeeder {
  /** Stores `count` memos of `ownerId` the way the store writes them (toItem) and returns their ids. */
  seed(ownerId: string, count: number): Promise<string[]>;
  /** Deletes every memo of `ownerId`: the seeded ones and those the run created. */
  removeOwner(ownerId: string): Promise<number>;
  close(): void;
}

const BATCH = 25;
const PARALLEL_BATCHES = 4;
const MAX_CLEANUP_ROUNDS = 5;

/**
 * Raw access to the memory run's table, beside the handlers: the run seeds what each handler
 * needs and removes it afterwards. The same region and credentials as the handlers' processes,
 * because DynamoDB Local keeps one database per access key and region unless told to share.
 */
export function memoSeeder(connection: SeederConnection): MemoSeeder {
  const { endpoint, region, credentials, tableName: TableName } = connection;
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint, region, credentials }));

  async function writeAll(requests: Record<string, unknown>[]): Promise<void> {
    const batches: Record<string, unknown>[][] = [];
    for (let i = 0; i < requests.length; i += BATCH) batches.push(requests.slice(i, i + BATCH));
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        let pending = batches[next++] ?? [];
        while (pending.length) {
          const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: pending } }));
          pending = UnprocessedItems?.[TableName] ?? [];
        }
      }
    };
    await Promise.all(Array.from({ length: PARALLEL_BATCHES }, worker));
  }

  async function ownerKeys(ownerId: string): Promise<Record<string, unknown>[]> {
    const keys: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName,
          IndexName: OWNER_INDEX.name,
          KeyConditionExpression: '#owner = :owner',
          ExpressionAttributeNames: { '#owner': OWNER_INDEX.partitionKey, '#id': 'memoId' },
          ExpressionAttributeValues: { ':owner': ownerId },
          ProjectionExpression: '#id',
          ExclusiveStartKey,
        }),
      );
      keys.push(...(page.Items ?? []).map((item) => ({ memoId: item.memoId as string })));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return keys;
  }

  return {
    async seed(ownerId, count) {
      const memos = Array.from({ length: count }, (_, i) => sampleMemo(i, ownerId));
      await writeAll(memos.map((Item) => ({ PutRequest: { Item } })));
      return memos.map((memo) => memo.memoId as string);
    },
    async removeOwner(ownerId) {
      // The owner index is eventually consistent on DynamoDB: memos the run created a moment ago
      // may show up only on a later query, so query again until one finds none.
      let removed = 0;
      for (let round = 0; round < MAX_CLEANUP_ROUNDS; round++) {
        const keys = await ownerKeys(ownerId);
        if (keys.length === 0) break;
        await writeAll(keys.map((Key) => ({ DeleteRequest: { Key } })));
        removed += keys.length;
      }
      return removed;
    },
    close: () => client.destroy(),
  };
}
