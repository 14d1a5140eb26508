import { dynamoClient, storeConfig } from '../../resolvers/store/dynamoClient.js';
import { ensureMemoTable } from '../../resolvers/store/memoTableSchema.js';

/** Creates this test file's table (named by test/setupEnv.ts) on the run's shared store. */
export function createMemoTable(): Promise<void> {
  return ensureMemoTable(dynamoClient, storeConfig.tableName);
}
