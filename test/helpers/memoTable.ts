import { ensureMemoTable } from '../../local/store/ensureMemoTable.js';
import { TEST_STORE_CONFIG } from './testStore.js';

/** Creates this test file's table (TEST_STORE_CONFIG's) on the run's shared store. */
export function createMemoTable(): Promise<void> {
  return ensureMemoTable(TEST_STORE_CONFIG);
}
