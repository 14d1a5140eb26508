import { randomUUID } from 'node:crypto';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient, ResourceNotFoundException, waitUntilTableExists } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { toItem, type MemoRecord } from '../../resolvers/store/memoItem.js';
import { MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';
import { ownerPageQuery } from '../../resolvers/store/ownerPageQuery.js';
import type { MemoOperation } from './capacityFigures.js';
import { callUnits, type CallUnits } from './callUnits.js';
import { recordConsumedCapacity, type CapacityRecorder } from './consumedCapacity.js';
import { PAGE_SIZE, type IndexDesign } from './indexDesigns.js';
import { sampleMemo, sizedMemoFields } from './sizedMemo.js';

/** One design at one memo size: every call's units, by operation, and the memos a list page returned. */
export interface DesignRunSize {
  kb: number;
  calls: Record<MemoOperation, CallUnits[]>;
  pageMemos: number;
}

/** A client for an emulator: fixed fake credentials (emulators take any; the SDK sends none without some). */
export function emulatorClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

/**
 * Measures one owner-index design: for each memo size a table of its own (the seed's Scan must
 * see that size's memos only) with the index as `design` projects it, then the store's requests,
 * issued raw, exactly as memoStore.ts sends them (items from memoItem.toItem, the page Query from
 * ownerPageQuery). Every table it creates is deleted before it returns or throws.
 */
export async function measureDesign(endpoint: string, design: IndexDesign, sizesKb: readonly number[], repeats: number): Promise<DesignRunSize[]> {
  const client = emulatorClient(endpoint);
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  const recorder = recordConsumedCapacity(client);
  const tables: string[] = [];
  try {
    const sizes: DesignRunSize[] = [];
    for (const kb of sizesKb) {
      const tableName = `memoCapacity-${design.design.replace(/[^A-Za-z]+/g, '_')}-${kb}kb-${randomUUID().slice(0, 8)}`;
      tables.push(tableName);
      await createTable(client, tableName, design);
      recorder.take();
      sizes.push(await measureSize(storeRequests(documents, tableName, design), recorder, kb, repeats));
    }
    return sizes;
  } finally {
    recorder.stop();
    await Promise.all(tables.map((tableName) => deleteTable(client, tableName)));
    client.destroy();
  }
}

async function measureSize(requests: StoreRequests, recorder: CapacityRecorder, kb: number, repeats: number): Promise<DesignRunSize> {
  const calls: Record<MemoOperation, CallUnits[]> = { createMemo: [], memo: [], updateMemo: [], listMemos: [], deleteMemo: [] };
  const measured = async <T>(operation: MemoOperation, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    calls[operation].push(callUnits(recorder.take()));
    return result;
  };
  const ownerId = randomUUID();
  const created: MemoRecord[] = [];
  for (let i = 0; i <= PAGE_SIZE; i++) {
    const memo = sampleMemo(sizedMemoFields(kb), ownerId);
    await measured('createMemo', () => requests.create(memo));
    created.push(memo);
  }
  let updated = created[0]!;
  for (let i = 0; i < repeats; i++) await measured('memo', () => requests.get(updated.memoId));
  for (let i = 0; i < repeats; i++) {
    const content = sizedMemoFields(kb, i % 2 === 0 ? 'y' : 'x').content;
    updated = await measured('updateMemo', () => requests.update(updated, content));
  }
  let pageMemos = 0;
  for (let i = 0; i < repeats; i++) pageMemos = await measured('listMemos', () => requests.listPage(ownerId));
  await measured('deleteMemo', () => requests.delete(updated));
  for (const memo of created.slice(1, repeats)) await measured('deleteMemo', () => requests.delete(memo));
  return { kb, calls, pageMemos };
}

interface StoreRequests {
  create(memo: MemoRecord): Promise<void>;
  get(memoId: string): Promise<void>;
  /** Swaps the content, as updateMemo with only `content` does; returns the memo as stored. */
  update(memo: MemoRecord, content: string): Promise<MemoRecord>;
  /** Reads one list page as `design` would; returns how many memos it holds. */
  listPage(ownerId: string): Promise<number>;
  delete(memo: MemoRecord): Promise<void>;
}

/** memoStore.ts's requests for a user-pool caller (writes guarded by owner and version), against `TableName`. */
function storeRequests(documents: DynamoDBDocumentClient, TableName: string, design: IndexDesign): StoreRequests {
  const guard = (memo: MemoRecord) => ({
    ConditionExpression: 'attribute_exists(memoId) AND #ownerId = :ownerId AND #version = :expectedVersion',
    names: { '#ownerId': 'ownerId', '#version': 'version' },
    values: { ':ownerId': memo.ownerId, ':expectedVersion': memo.version },
  });
  return {
    async create(memo) {
      await documents.send(
        new PutCommand({ TableName, Item: toItem(memo), ConditionExpression: 'attribute_not_exists(memoId)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
      );
    },
    async get(memoId) {
      await documents.send(new GetCommand({ TableName, Key: { memoId } }));
    },
    async update(memo, content) {
      const { ConditionExpression, names, values } = guard(memo);
      const updatedAt = new Date().toISOString();
      await documents.send(
        new UpdateCommand({
          TableName,
          Key: { memoId: memo.memoId },
          UpdateExpression: 'SET #version = #version + :one, #updatedAt = :updatedAt, #content = :content',
          ConditionExpression,
          ExpressionAttributeNames: { ...names, '#updatedAt': 'updatedAt', '#content': 'content' },
          ExpressionAttributeValues: { ...values, ':one': 1, ':updatedAt': updatedAt, ':content': content },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { ...memo, content, updatedAt, version: memo.version + 1 };
    },
    async listPage(ownerId) {
      if (design.list === 'Scan') {
        const { Items = [] } = await documents.send(new ScanCommand({ TableName, Limit: PAGE_SIZE }));
        return Items.length;
      }
      const { Items = [] } = await documents.send(new QueryCommand(ownerPageQuery(TableName, ownerId, PAGE_SIZE)));
      const page = Items.slice(0, PAGE_SIZE);
      if (design.list === 'Query + BatchGetItem') return (await batchGet(documents, TableName, page.map((item) => ({ memoId: item.memoId })))).length;
      return page.length;
    },
    async delete(memo) {
      const { ConditionExpression, names, values } = guard(memo);
      await documents.send(
        new DeleteCommand({
          TableName,
          Key: { memoId: memo.memoId },
          ConditionExpression,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_OLD',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    },
  };
}

/** A page's memos by key, in one BatchGetItem (plus one per batch of keys DynamoDB leaves unprocessed). */
async function batchGet(documents: DynamoDBDocumentClient, TableName: string, keys: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let pending = keys;
  while (pending.length > 0) {
    const { Responses = {}, UnprocessedKeys = {} } = await documents.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }));
    items.push(...(Responses[TableName] ?? []));
    pending = UnprocessedKeys[TableName]?.Keys ?? [];
  }
  return items;
}

/** Creates a memo table whose owner index (if any) projects as `design` says, and waits until it is active. */
export async function createTable(client: DynamoDBClient, TableName: string, design: IndexDesign): Promise<void> {
  const keys = design.projection ? [MEMO_TABLE_PARTITION_KEY, OWNER_INDEX.partitionKey, OWNER_INDEX.sortKey] : [MEMO_TABLE_PARTITION_KEY];
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      GlobalSecondaryIndexes: design.projection && [
        {
          IndexName: OWNER_INDEX.name,
          KeySchema: [
            { AttributeName: OWNER_INDEX.partitionKey, KeyType: 'HASH' },
            { AttributeName: OWNER_INDEX.sortKey, KeyType: 'RANGE' },
          ],
          Projection: design.projection,
        },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName });
}

/** Drops a table if it exists. */
export async function deleteTable(client: DynamoDBClient, TableName: string): Promise<void> {
  try {
    await client.send(new DeleteTableCommand({ TableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
