import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { EMULATOR_CREDENTIALS, MEMO_TABLE_PARTITION_KEY, OWNER_INDEX } from '../resolverSeam.js';
import type { IndexDesign } from './indexDesigns.js';

/** A client for an emulator: fixed fake credentials (emulators take any; the SDK sends none without some). */
export function emulatorClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
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

/** A global secondary index by its keys, projecting every attribute (as both deployed indexes do). */
export interface IndexKeys {
  name: string;
  partitionKey: string;
  sortKey: string;
}

/** Creates a memo table with these ALL-projected indexes (none: no index), and waits until it is active. */
export async function createTableWithIndexes(client: DynamoDBClient, TableName: string, indexes: readonly IndexKeys[]): Promise<void> {
  const keys = [...new Set([MEMO_TABLE_PARTITION_KEY, ...indexes.flatMap((index) => [index.partitionKey, index.sortKey])])];
  await client.send(
    new CreateTableCommand({
      TableName,
      KeySchema: [{ AttributeName: MEMO_TABLE_PARTITION_KEY, KeyType: 'HASH' }],
      AttributeDefinitions: keys.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      GlobalSecondaryIndexes:
        indexes.length === 0
          ? undefined
          : indexes.map((index) => ({
              IndexName: index.name,
              KeySchema: [
                { AttributeName: index.partitionKey, KeyType: 'HASH' },
                { AttributeName: index.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            })),
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
