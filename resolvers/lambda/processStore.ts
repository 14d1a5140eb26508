import { readStoreConfig } from '../store/config.js';
import { createMemoStore, type MemoStore } from '../store/memoStore.js';

let store: MemoStore | undefined;

/**
 * The store of this Lambda process: built at the first invocation from the function's
 * environment (the entry point's one read of it), then reused by every warm invocation, and its
 * connections with it. Nothing is read at import, so importing a handler has no side effects.
 *
 * @throws {Error} when TABLE_NAME or PAGE_TOKEN_SECRET is missing (see readStoreConfig)
 */
export function processStore(): MemoStore {
  return (store ??= createMemoStore(readStoreConfig(process.env)));
}
