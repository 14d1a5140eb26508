import { DeleteTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';

/** The DynamoDB-compatible server this run's suites share (MEMO_TEST_STORE; test/globalSetup.ts starts it). */
export type TestStore = 'dynalite' | 'dynamodb-local';

export const TEST_STORE: TestStore = inject('testStore');

/**
 * Whether a failed condition hands back the old item (`ReturnValuesOnConditionCheckFailure:
 * ALL_OLD`), as DynamoDB does. DynamoDB Local honours it; dynalite ignores it on Put, Update and
 * Delete, so code that relies on it needs an extra read there.
 */
export const storeReturnsOldItemOnConditionFailure: boolean = TEST_STORE === 'dynamodb-local';

/**
 * Deletes a table on the run's store if it exists: suites remove what they, or the runtimes they
 * start, created. Its own client: importing the store module here would bind it to this file's
 * settings before an in-process runtime (local/server.ts) could point it at its own store.
 */
export async function deleteTestTable(tableName: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  } finally {
    client.destroy();
  }
}
