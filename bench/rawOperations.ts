import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { v4 as uuidv4 } from 'uuid';

/** What a benchmark client sends to create memo `i`; the endpoint and the raw baseline store the same. */
export function sampleFields(i: number): { title: string; content: string; tags: string[] } {
  return { title: `memo ${i}`, content: `content of memo ${i} `.repeat(8), tags: ['bench'] };
}

/** A memo as stored, for seeding and for the raw baseline. */
export function sampleMemo(i: number): Record<string, unknown> {
  const now = new Date().toISOString();
  return { memoId: uuidv4(), ...sampleFields(i), createdAt: now, updatedAt: now, version: 1 };
}

/**
 * The baseline: the same DynamoDB requests the store sends for each operation, issued straight
 * from a document client, with no GraphQL, HTTP or Lambda layer in between.
 */
export function rawOperations(endpoint: string, tableName: string) {
  // Region and credentials from the environment, as the handlers' client takes them: DynamoDB
  // Local keeps a separate database per access key and region, and the baseline must see their table.
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }));
  const TableName = tableName;
  return {
    createMemo: (i: number) =>
      client.send(new PutCommand({ TableName, Item: sampleMemo(i), ConditionExpression: 'attribute_not_exists(memoId)' })),
    memo: (memoId: string) => client.send(new GetCommand({ TableName, Key: { memoId } })),
    updateMemo: (memoId: string, content: string) =>
      client.send(
        new UpdateCommand({
          TableName,
          Key: { memoId },
          UpdateExpression: 'SET #content = :content, #version = #version + :one, #updatedAt = :now',
          ConditionExpression: 'attribute_exists(memoId)',
          ExpressionAttributeNames: { '#content': 'content', '#version': 'version', '#updatedAt': 'updatedAt' },
          ExpressionAttributeValues: { ':content': content, ':one': 1, ':now': new Date().toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      ),
    listMemos: () => client.send(new ScanCommand({ TableName, Limit: 20 })),
    deleteMemo: (memoId: string) =>
      client.send(new DeleteCommand({ TableName, Key: { memoId }, ConditionExpression: 'attribute_exists(memoId)', ReturnValues: 'ALL_OLD' })),

    /** Writes `count` memos in batches of 25 and returns their ids. */
    async seed(count: number): Promise<string[]> {
      const memos = Array.from({ length: count }, (_, i) => sampleMemo(i));
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
    /** Drops the table, for a store that outlives the run. */
    async deleteTable(): Promise<void> {
      await client.send(new DeleteTableCommand({ TableName }));
    },
    close: () => client.destroy(),
  };
}

export type RawOperations = ReturnType<typeof rawOperations>;
