import { randomBytes, randomUUID } from 'node:crypto';
import { DeleteTableCommand, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { inject } from 'vitest';
import { EMULATOR_CREDENTIALS } from '../../local/store/emulatorCredentials.js';
import { DEFAULT_TOMBSTONE_RETENTION_DAYS, type StoreConfig } from '../../resolvers/store/config.js';
import { createDynamoClient } from '../../resolvers/store/dynamoClient.js';
import { createMemoStore, type MemoStore } from '../../resolvers/store/memoStore.js';

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
 * A store config on the run's shared store: a table of its own (suites stay independent while
 * they share one server) and a fresh page-token secret, as per deployment.
 */
export function testStoreConfig(tableName = `memoTable-test-${randomUUID()}`): StoreConfig {
  return {
    tableName,
    endpoint: inject('dynamodbEndpoint'),
    region: 'us-east-1',
    credentials: EMULATOR_CREDENTIALS,
    pageTokenKey: randomBytes(32).toString('base64url'),
    tombstoneRetentionDays: DEFAULT_TOMBSTONE_RETENTION_DAYS,
  };
}

/** This test file's store config (vitest gives each file its own copy of this module). */
export const TEST_STORE_CONFIG: StoreConfig = testStoreConfig();

let store: MemoStore | undefined;

/** This test file's memo store, built once from TEST_STORE_CONFIG: the handlers under test are bound to it. */
export function testMemoStore(): MemoStore {
  return (store ??= createMemoStore(TEST_STORE_CONFIG));
}

/** Closes this file's store client, if one was built (test/setupEnv.ts, after the file's tests). */
export function closeTestMemoStore(): void {
  store?.destroy();
  store = undefined;
}

/** Deletes a table on the run's store if it exists: suites remove what they, or the runtimes they start, created. */
export async function deleteTestTable(tableName: string): Promise<void> {
  const client = createDynamoClient({ endpoint: inject('dynamodbEndpoint'), region: 'us-east-1', credentials: EMULATOR_CREDENTIALS });
  try {
    await client.send(new DeleteTableCommand({ TableName: tableName }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  } finally {
    client.destroy();
  }
}
