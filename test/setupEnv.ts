import { afterAll } from 'vitest';
import { closeTestMemoStore, deleteTestTable, TEST_STORE_CONFIG } from './helpers/testStore.js';

// Each test file's store is built explicitly (test/helpers/testStore.ts): nothing here tells the
// handlers where to write, and the order of imports does not matter. Only the handlers' logger
// reads its level from the environment (Powertools' own setting), at its first line.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

afterAll(async () => {
  closeTestMemoStore();
  await deleteTestTable(TEST_STORE_CONFIG.tableName);
});
