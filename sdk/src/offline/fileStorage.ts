import { FileJournal, type NodeFs } from './fileJournal.js';
import type { OfflineStorage } from './types.js';

/** The last task on each file (by the path as given), so storages of one file in one process take turns. */
const queues = new Map<string, Promise<void>>();

/** Node's fs/promises, reached through `process.getBuiltinModule` (Node ≥ 20.16): no import a browser bundler would follow. */
function nodeFs(): NodeFs {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (!getBuiltinModule) throw new Error('fileStorage needs Node.js 20.16 or later (process.getBuiltinModule)');
  return getBuiltinModule('node:fs/promises') as NodeFs;
}

/**
 * A storage in files, for Node: a snapshot at `path` and a journal of the batches since at
 * `path.journal` (FileJournal). A commit appends its batch to the journal and flushes it, so it
 * costs the batch's size, not the state's; the journal is folded into a new snapshot (written
 * beside it, flushed, renamed over it) once it outgrows the snapshot. A crash loses no
 * acknowledged batch and leaves no half of one. A full disk (ENOSPC, or EDQUOT) is an
 * OfflineStorageFullError, and the files stay as they were. Storages of one path in one process
 * take turns, and each sees the others' commits; there is no lock between processes, so two
 * processes committing at once could lose one batch: one process per file.
 *
 * @example
 * import { fileStorage } from '@memo-api/client/node';
 * const store = createMemoStore({ client, storage: fileStorage('./memos.json') });
 */
export function fileStorage(path: string): OfflineStorage {
  const journal = new FileJournal(nodeFs(), path);

  // One task at a time per file in this process (however many storages name it), each on the files as the last one left them.
  const serially = <T>(task: () => Promise<T>): Promise<T> => {
    const run = (queues.get(path) ?? Promise.resolve()).then(task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(path, settled);
    void settled.then(() => queues.get(path) === settled && queues.delete(path));
    return run;
  };

  return {
    load: () => serially(() => journal.load()),
    commit: (batch) => serially(() => journal.commit(batch)),
    close: () => serially(() => Promise.resolve()),
  };
}
