/**
 * Everything the benchmark takes from resolvers/ (and the local store around it), in one place:
 * a change inside resolvers/ breaks at most this file of bench/ (.dependency-cruiser.cjs keeps
 * every other bench file from importing resolvers/).
 */
import { fileURLToPath } from 'node:url';

export { handler as createMemoHandler } from '../resolvers/createMemo.js';
export { handler as deleteMemoHandler } from '../resolvers/deleteMemo.js';
export { handler as listMemosHandler } from '../resolvers/listMemos.js';
export { handler as memoHandler } from '../resolvers/memo.js';
export { handler as memoChangesHandler } from '../resolvers/memoChanges.js';
export { handler as searchMemosHandler } from '../resolvers/searchMemos.js';
export { handler as updateMemoHandler } from '../resolvers/updateMemo.js';
export { FUNCTION_MEMORY_MB, MEMO_FIELDS, MEMO_FUNCTION_ENTRY } from '../resolvers/fields.js';
export { request as appSyncLambdaRequest } from '../resolvers/appsync/invokeLambda.js';
export { MEMO_LIMITS } from '../resolvers/lib/validation.js';
export { memoMatches } from '../resolvers/lib/searchMatch.js';
/** The shared rules' own files, which bench/clientSearch bundles into a browser page (this seam would pull in the AWS SDK). */
export const SEARCH_RULE_FILES = {
  searchMatch: fileURLToPath(new URL('../resolvers/lib/searchMatch.ts', import.meta.url)),
  memoRules: fileURLToPath(new URL('../resolvers/lib/memoRules.ts', import.meta.url)),
};
export { storedFields } from '../resolvers/lib/writableFields.js';
export { readStoreConfig, type StoreConfig, type StoreCredentials } from '../resolvers/store/config.js';
export { toItem, type MemoRecord } from '../resolvers/store/memoItem.js';
export { createMemoStore, type MemoStore } from '../resolvers/store/memoStore.js';
export { FEED_INDEX, MEMO_TABLE_PARTITION_KEY, OWNER_INDEX, TOMBSTONE_ATTRIBUTES } from '../resolvers/store/memoTableSchema.js';
export { DEFAULT_TOMBSTONE_RETENTION_DAYS } from '../resolvers/store/config.js';
export type { WriteGuard } from '../resolvers/store/writeGuard.js';
export { ownerPageQuery } from '../resolvers/store/ownerPageQuery.js';
export { EMULATOR_CREDENTIALS, emulatorCredentialsFrom, supplyEmulatorCredentials } from '../local/store/emulatorCredentials.js';
export { ensureMemoTable } from '../local/store/ensureMemoTable.js';
export { memoMatcher, searchFilter, searchWords, type SearchFilter } from '../resolvers/lib/searchMatch.js';
export { tagKey } from '../resolvers/lib/memoRules.js';
export { fromItem } from '../resolvers/store/memoItem.js';
