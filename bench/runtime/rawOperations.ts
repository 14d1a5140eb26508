import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { v4 as uuidv4 } from 'uuid';
import { ownerPageQuery, storedFields, toItem, type StoreConfig } from '../resolverSeam.js';

/** What a benchmark client sends to create memo `i`; the endpoint and the raw baseline store the same. */
export function sampleFields(i: number): { title: string; content: string; tags: string[] } {
  return { title: `memo ${i}`, content: `content of memo ${i} `.repeat(8), tags: ['bench'] };
}

/** Memo `i` of `ownerId` as the store writes it (owner index key included), for seeding and for the raw baseline. */
export function sampleMemo(i: number, ownerId: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return toItem({ memoId: uuidv4(), ownerId, ...storedFields(sampleFields(i)), createdAt: now, updatedAt: now, version: 1 });
}

/** The table the baseline reads and writes, reached as the handlers reach it. */
export type RawStore = Pick<StoreConfig, 'tableName' | 'region' | 'credentials'> & { endpoint: string };

function clientSettings({ endpoint, region, credentials }: RawStore) {
  return { endpoint, ...(region ? { region } : {}), ...(credentials ? { credentials } : {}) };
}

/** The page size the bench lists with: the endpoint asks for it, the store queries one item more. */
export const LIST_LIMIT = 20;

/**
 * The baseline: the same DynamoDB requests the store sends for each operation of a user-pool
 * caller (`ownerId`), issued straight from a document client, with no GraphQL, HTTP, auth or
 * Lambda layer in between.
 */
export function rawOperations(store: RawStore, ownerId: string) {
  // The handlers' region and key: DynamoDB Local keeps a separate database per access key and
  // region, and the baseline must see their table.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient(clientSettings(store)));
  const TableName = store.tableName;
  // A user-pool caller's writes are conditional on owning the memo (memoStore's guard).
  const owned = {
    ConditionExpression: 'attribute_exists(memoId) AND #ownerId = :ownerId',
    names: { '#ownerId': 'ownerId' },
    values: { ':ownerId': ownerId },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  } as const;
  return {
    createMemo: (i: number) =>
      client.send(
        new PutCommand({
          TableName,
          Item: sampleMemo(i, ownerId),
          ConditionExpression: 'attribute_not_exists(memoId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    memo: (memoId: string) => client.send(new GetCommand({ TableName, Key: { memoId } })),
    updateMemo: (memoId: string, content: string) =>
      client.send(
        new UpdateCommand({
          TableName,
          Key: { memoId },
          UpdateExpression: 'SET #version = #version + :one, #updatedAt = :updatedAt, #content = :content',
          ConditionExpression: owned.ConditionExpression,
          ExpressionAttributeNames: { '#content': 'content', '#version': 'version', '#updatedAt': 'updatedAt', ...owned.names },
          ExpressionAttributeValues: { ':content': content, ':one': 1, ':updatedAt': new Date().toISOString(), ...owned.values },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: owned.ReturnValuesOnConditionCheckFailure,
        }),
      ),
    /** The first page of the owner's memos, newest first: one Query on the owner index. */
    listMemos: () => client.send(new QueryCommand(ownerPageQuery(TableName, ownerId, LIST_LIMIT))),
    deleteMemo: (memoId: string) =>
      client.send(
        new DeleteCommand({
          TableName,
          Key: { memoId },
          ConditionExpression: owned.ConditionExpression,
          ExpressionAttributeNames: owned.names,
          ExpressionAttributeValues: owned.values,
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: owned.ReturnValuesOnConditionCheckFailure,
        }),
      ),

    /** Writes `count` memos in batches of 25 and returns their ids. */
    async seed(count: number): Promise<string[]> {
      const memos = Array.from({ length: count }, (_, i) => sampleMemo(i, ownerId));
      const batches: Record<string, unknown>[][] = [];
      for (let i = 0; i < memos.length; i += 25) batches.push(memos.slice(i, i + 25));
      let next = 0;
      const worker = async () => {
        while (next < batches.length) {
          let requests = batches[next++]!.map((Item) => ({ PutRequest: { Item } }));
          while (requests.length) {
            const { UnprocessedItems } = await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
            requests = (UnprocessedItems?.[TableName] ?? []) as typeof requests;
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      return memos.map((memo) => memo.memoId as string);
    },
    /** Deletes every memo, so the next phase starts from an empty table. */
    async clear(): Promise<void> {
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(new ScanCommand({ TableName, ProjectionExpression: 'memoId', Limit: 25, ExclusiveStartKey }));
        const requests = (page.Items ?? []).map((Key) => ({ DeleteRequest: { Key } }));
        if (requests.length) await client.send(new BatchWriteCommand({ RequestItems: { [TableName]: requests } }));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
    },
    close: () => client.destroy(),
  };
}

/** Drops the table, for a store that outlives the run. */
export async function deleteTable(store: RawStore): Promise<void> {
  const client = new DynamoDBClient(clientSettings(store));
  try {
    await client.send(new DeleteTableCommand({ TableName: store.tableName }));
  } finally {
    client.destroy();
  }
}

export type RawOperations = ReturnType<typeof rawOperations>;
