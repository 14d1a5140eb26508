import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  type DynamoDBClient,
  waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import type { StoreConfig } from '../../resolvers/store/config.js';
import { createDynamoClient } from '../../resolvers/store/dynamoClient.js';
import { FEED_INDEX, MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';

const INDEXES: readonly GlobalSecondaryIndex[] = [OWNER_INDEX, FEED_INDEX].map((index) => ({
  IndexName: index.name,
  KeySchema: [
    { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
    { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
  ],
  Projection: { ProjectionType: index.projection },
}));
const attributeDefinitions = [MEMO_TABLE_PARTITION_KEY, OWNER_INDEX.partitionKey, OWNER_INDEX.sortKey, FEED_INDEX.sortKey].map(
  (AttributeName) => ({ AttributeName, AttributeType: 'S' as const }),
);

/**
 * Creates the store's table with memoTable's keys and its owner and feed indexes unless it exists;
 * a table from before an index (an old local data directory) gets it added. Used where nothing else
 * provisions it: the local runtime, the tests and the benchmark. On AWS the CDK stack owns the table.
 */
export async function ensureMemoTable(store: Pick<StoreConfig, 'tableName' | 'endpoint' | 'region' | 'credentials'>): Promise<void> {
  const client = createDynamoClient(store);
  const TableName = store.tableName;
  try {
    let indexes: readonly { IndexName?: string }[] | undefined;
    try {
      ({ Table: { GlobalSecondaryIndexes: indexes = [] } = {} } = await client.send(new DescribeTableCommand({ TableName })));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    if (indexes === undefined) {
      try {
        await client.send(
          new CreateTableCommand({
            TableName,
            KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
            AttributeDefinitions: attributeDefinitions,
            GlobalSecondaryIndexes: [...INDEXES],
            BillingMode: 'PAY_PER_REQUEST',
          }),
        );
      } catch (error) {
        // Another process (a parallel test file, a second runtime) created it between our look and
        // our create: the same table, so wait for it like our own.
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName });
      return;
    }
    // A table from before an index: add each missing one (DynamoDB takes one index per update).
    const present = new Set(indexes.map((index) => index.IndexName));
    for (const index of INDEXES.filter((wanted) => !present.has(wanted.IndexName))) {
      await client.send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: attributeDefinitions.slice(1),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
      await waitUntilIndexesActive(client, TableName);
    }
  } finally {
    client.destroy();
  }
}

/** Waits until the table and every index on it are ACTIVE: DynamoDB builds one new index at a time. */
async function waitUntilIndexesActive(client: DynamoDBClient, TableName: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName }));
    const building = (Table?.GlobalSecondaryIndexes ?? []).some(
      (index) => index.IndexStatus !== undefined && index.IndexStatus !== 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && !building) return;
    if (Date.now() > deadline) throw new Error(`table ${TableName} did not become ACTIVE with its indexes within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
