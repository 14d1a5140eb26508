import { OfflineStorageFullError } from './offlineStorageFullError.js';
import { applyBatch, emptyState, toReplicaState, toStoredState } from './replicaState.js';
import type { OfflineStorage, StoredState } from './types.js';

/** The few calls of Node's `fs/promises` this storage makes (typed here, so the SDK builds without Node's types). */
interface FileHandle {
  writeFile(data: string): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}
interface NodeFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/** The last task on each file (by the path as given), so storages of one file in one process take turns. */
const queues = new Map<string, Promise<void>>();

/** Node's fs/promises, reached through `process.getBuiltinModule` (Node ≥ 20.16): no import a browser bundler would follow. */
function nodeFs(): NodeFs {
  const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  if (!getBuiltinModule) throw new Error('fileStorage needs Node.js 20.16 or later (process.getBuiltinModule)');
  return getBuiltinModule('node:fs/promises') as NodeFs;
}

/**
 * A storage in one JSON file, for Node. Each commit reads the file, applies the batch and writes
 * the whole state to a temporary file beside it (flushed to disk), then renames it over the
 * file: a crash leaves the old state or the new, never half of one. A full disk (ENOSPC, or
 * EDQUOT) is an OfflineStorageFullError, and the old file stays as it was. Storages of one path in
 * one process take turns; there is no lock between processes, so two processes committing at once
 * could lose one batch: one process per file.
 *
 * @example
 * import { fileStorage } from '@memo-api/client/node';
 * const store = createMemoStore({ client, storage: fileStorage('./memos.json') });
 */
export function fileStorage(path: string): OfflineStorage {
  const fs = nodeFs();

  const read = async (): Promise<StoredState> => {
    try {
      return JSON.parse(await fs.readFile(path, 'utf8')) as StoredState;
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return emptyState();
      throw error;
    }
  };

  const write = async (state: StoredState): Promise<void> => {
    const temporary = `${path}.${crypto.randomUUID()}.tmp`;
    try {
      const file = await fs.open(temporary, 'w');
      try {
        await file.writeFile(JSON.stringify(state));
        await file.sync();
      } finally {
        await file.close();
      }
      await fs.rename(temporary, path);
    } catch (error) {
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      const code = (error as { code?: string }).code;
      throw code === 'ENOSPC' || code === 'EDQUOT' ? new OfflineStorageFullError({ cause: error }) : error;
    }
  };

  // One commit at a time per file in this process (however many storages name it), each on the file as the last one left it.
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
    load: () => serially(read),
    commit: (batch) =>
      serially(async () => {
        const state = toReplicaState(await read());
        applyBatch(state, batch);
        await write(toStoredState(state));
      }),
    close: () => serially(() => Promise.resolve()),
  };
}
