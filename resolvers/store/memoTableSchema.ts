import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  waitUntilTableExists,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';

/** memoTable's partition key; infra/ declares the same key for the deployed table. */
export const MEMO_TABLE_PARTITION_KEY = 'memoId';

/**
 * The global secondary index listMemos queries: one owner's memos, newest first. It projects
 * every attribute because a list page returns whole memos: with KEYS_ONLY or INCLUDE each page
 * would need a read per memo from the table. infra/ declares the same index.
 */
export const OWNER_INDEX = { name: 'byOwner', partitionKey: 'ownerId', sortKey: 'createdAtId', projection: 'ALL' } as const;

const ownerIndex: GlobalSecondaryIndex = {
  IndexName: OWNER_INDEX.name,
  KeySchema: [
    { AttributeName: OWNER_INDEX.partitionKey, KeyType: 'HASH' },
    { AttributeName: OWNER_INDEX.sortKey, KeyType: 'RANGE' },
  ],
  Projection: { ProjectionType: OWNER_INDEX.projection },
};
const attributeDefinitions = [MEMO_TABLE_PARTITION_KEY, OWNER_INDEX.partitionKey, OWNER_INDEX.sortKey].map((AttributeName) => ({
  AttributeName,
  AttributeType: 'S' as const,
}));

/**
 * Creates the table with memoTable's keys and owner index unless it exists; a table from before
 * the index (an old local data directory) gets the index added. Used where nothing else
 * provisions it: the local runtime and the tests. On AWS the CDK stack owns the table.
 */
export async function ensureMemoTable(client: DynamoDBClient, tableName: string): Promise<void> {
  let indexes: readonly { IndexName?: string }[] | undefined;
  try {
    ({ Table: { GlobalSecondaryIndexes: indexes = [] } = {} } = await client.send(new DescribeTableCommand({ TableName: tableName })));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  if (indexes === undefined) {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
        AttributeDefinitions: attributeDefinitions,
        GlobalSecondaryIndexes: [ownerIndex],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
  } else if (!indexes.some((index) => index.IndexName === OWNER_INDEX.name)) {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: attributeDefinitions.slice(1),
        GlobalSecondaryIndexUpdates: [{ Create: ownerIndex }],
      }),
    );
  } else {
    return;
  }
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName: tableName });
}
