import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  waitUntilTableExists,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import type { StoreConfig } from '../../resolvers/store/config.js';
import { createDynamoClient } from '../../resolvers/store/dynamoClient.js';
import { MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';

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
 * Creates the store's table with memoTable's keys and owner index unless it exists; a table from
 * before the index (an old local data directory) gets the index added. Used where nothing else
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
      await client.send(
        new CreateTableCommand({
          TableName,
          KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
          AttributeDefinitions: attributeDefinitions,
          GlobalSecondaryIndexes: [ownerIndex],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
    } else if (!indexes.some((index) => index.IndexName === OWNER_INDEX.name)) {
      await client.send(
        new UpdateTableCommand({
          TableName,
          AttributeDefinitions: attributeDefinitions.slice(1),
          GlobalSecondaryIndexUpdates: [{ Create: ownerIndex }],
        }),
      );
    } else {
      return;
    }
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { TableName });
  } finally {
    client.destroy();
  }
}
