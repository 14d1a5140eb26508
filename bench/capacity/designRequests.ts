import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ownerPageQuery, toItem, type MemoRecord } from '../resolverSeam.js';
import { PAGE_SIZE, type IndexDesign } from './indexDesigns.js';

/** The store's requests, one method per operation, as one index design would issue them. */
export interface StoreRequests {
  create(memo: MemoRecord): Promise<void>;
  get(memoId: string): Promise<void>;
  /** Swaps the content, as updateMemo with only `content` does; returns the memo as stored. */
  update(memo: MemoRecord, content: string): Promise<MemoRecord>;
  /** Reads one list page as `design` would; returns how many memos it holds. */
  listPage(ownerId: string): Promise<number>;
  delete(memo: MemoRecord): Promise<void>;
}

/** memoStore.ts's requests for a user-pool caller (writes guarded by owner and version), against `TableName`. */
export function storeRequests(documents: DynamoDBDocumentClient, TableName: string, design: IndexDesign): StoreRequests {
  const guard = (memo: MemoRecord) => ({
    ConditionExpression: 'attribute_exists(memoId) AND #ownerId = :ownerId AND #version = :expectedVersion',
    names: { '#ownerId': 'ownerId', '#version': 'version' },
    values: { ':ownerId': memo.ownerId, ':expectedVersion': memo.version },
  });
  return {
    async create(memo) {
      await documents.send(
        new PutCommand({
          TableName,
          Item: toItem(memo),
          ConditionExpression: 'attribute_not_exists(memoId)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
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
      if (design.list === 'Query + BatchGetItem')
        return (
          await batchGet(
            documents,
            TableName,
            page.map((item) => ({ memoId: item.memoId as string })),
          )
        ).length;
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
async function batchGet(
  documents: DynamoDBDocumentClient,
  TableName: string,
  keys: Record<string, unknown>[],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let pending = keys;
  while (pending.length > 0) {
    const { Responses = {}, UnprocessedKeys = {} } = await documents.send(
      new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
    );
    items.push(...(Responses[TableName] ?? []));
    pending = UnprocessedKeys[TableName]?.Keys ?? [];
  }
  return items;
}
