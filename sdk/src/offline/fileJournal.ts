import { OfflineStorageFullError } from './offlineStorageFullError.js';
import { applyBatch, emptyState, toReplicaState, toStoredState, type ReplicaState } from './replicaState.js';
import type { StorageBatch, StoredState } from './types.js';

/** The few calls of Node's `fs/promises` the file storage makes (typed here, so the SDK builds without Node's types). */
export interface FileHandle {
  writeFile(data: string): Promise<void>;
  truncate(length: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}
export interface NodeFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  open(path: string, flags: string): Promise<FileHandle>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  stat(path: string): Promise<{ size: number; mtimeMs: number }>;
}

/** The snapshot file: the state, and the id of the journal that continues it. */
type Snapshot = StoredState & { readonly journal?: string };

/** What this process last read or wrote of one file pair; `stamp` tells whether someone else wrote since. */
interface Held {
  readonly state: ReplicaState;
  /** The id the snapshot names: only a journal that starts with it continues this snapshot. */
  readonly journalId: string | undefined;
  /** Bytes of whole lines in the journal (a torn last line, from a crash mid-append, is past them). */
  journalBytes: number;
  readonly snapshotBytes: number;
  stamp: string;
}

/** A journal may grow to the snapshot's size (at least this) before it is folded into a new snapshot. */
const MIN_JOURNAL_BYTES = 64 * 1024;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * One storage's files: `path`, a snapshot of the whole state (replaced by rename, never written in
 * place), and `path.journal`, the batches committed since, one JSON line each, appended and
 * flushed per commit. A commit costs its own size, not the state's; when the journal outgrows the
 * snapshot, both are folded into a new snapshot (the write is amortised over the batches). The
 * snapshot names its journal by a fresh id, so a journal a crash left behind after a fold is
 * never applied twice, and a torn last line (a crash mid-append, never acknowledged) is dropped.
 */
export class FileJournal {
  private held: Held | undefined;

  constructor(
    private readonly fs: NodeFs,
    private readonly path: string,
  ) {}

  private get journalPath(): string {
    return `${this.path}.journal`;
  }

  async load(): Promise<StoredState> {
    this.held = await this.read();
    return toStoredState(this.held.state);
  }

  async commit(batch: StorageBatch): Promise<void> {
    const held = await this.fresh();
    if (held.journalId === undefined) {
      // No snapshot that names a journal yet (a new file, or one written before journals): start with one.
      const state = toReplicaState(toStoredState(held.state));
      applyBatch(state, batch);
      await this.fold(state);
      return;
    }
    await this.append(held, batch);
    applyBatch(held.state, batch);
    if (held.journalBytes > Math.max(held.snapshotBytes, MIN_JOURNAL_BYTES)) {
      // The batch is safe in the journal already: a fold that fails (a full disk) is tried again at the next commit.
      await this.fold(held.state).catch(() => undefined);
    }
  }

  /** What this process holds, read again when the files changed under it (another process). */
  private async fresh(): Promise<Held> {
    if (this.held && this.held.stamp === (await this.stamp())) return this.held;
    return (this.held = await this.read());
  }

  private async read(): Promise<Held> {
    const snapshotText = await this.readText(this.path);
    const snapshot: Snapshot = snapshotText === undefined ? emptyState() : (JSON.parse(snapshotText) as Snapshot);
    const { journal: journalId, ...stored } = snapshot;
    const state = toReplicaState(stored);
    let journalBytes = 0;
    const journalText = journalId === undefined ? undefined : await this.readText(this.journalPath);
    if (journalText !== undefined) {
      const lines = journalText.split('\n');
      const complete = lines.slice(0, -1); // the part after the last newline is torn (or empty)
      if (complete.length > 0 && parseLine(complete[0]!)?.journal === journalId) {
        journalBytes = utf8Bytes(complete[0]!) + 1;
        for (const line of complete.slice(1)) {
          const batch = parseLine(line) as StorageBatch | undefined;
          if (!batch) break;
          applyBatch(state, batch);
          journalBytes += utf8Bytes(line) + 1;
        }
      }
    }
    return {
      state,
      journalId,
      journalBytes,
      snapshotBytes: snapshotText === undefined ? 0 : utf8Bytes(snapshotText),
      stamp: await this.stamp(),
    };
  }

  /** Appends one batch to the journal and flushes it; a failed append is cut off again, so the journal stays whole. */
  private async append(held: Held, batch: StorageBatch): Promise<void> {
    const starting = held.journalBytes === 0;
    const line = `${JSON.stringify(batch)}\n`;
    const data = starting ? `${JSON.stringify({ journal: held.journalId })}\n${line}` : line;
    let file: FileHandle | undefined;
    try {
      file = await this.fs.open(this.journalPath, starting ? 'w' : 'a');
      // Drops a torn line a crash left (appends go to the end, so it must go first).
      if (!starting) await file.truncate(held.journalBytes);
      await file.writeFile(data);
      await file.sync();
    } catch (error) {
      await file?.truncate(held.journalBytes).catch(() => undefined);
      await file?.close().catch(() => undefined);
      file = undefined;
      if (starting) await this.fs.rm(this.journalPath, { force: true }).catch(() => undefined);
      throw storageError(error);
    } finally {
      await file?.close();
    }
    held.journalBytes += utf8Bytes(data);
    held.stamp = await this.stamp();
  }

  /** Writes `state` as a new snapshot naming a new, empty journal (temporary file, flush, rename), then drops the old journal. */
  private async fold(state: ReplicaState): Promise<void> {
    const journalId = crypto.randomUUID();
    const text = JSON.stringify({ ...toStoredState(state), journal: journalId } satisfies Snapshot);
    const temporary = `${this.path}.${journalId}.tmp`;
    try {
      const file = await this.fs.open(temporary, 'w');
      try {
        await file.writeFile(text);
        await file.sync();
      } finally {
        await file.close();
      }
      await this.fs.rename(temporary, this.path);
    } catch (error) {
      await this.fs.rm(temporary, { force: true }).catch(() => undefined);
      throw storageError(error);
    }
    // From here the old journal is stale (the snapshot names another id): removing it only saves space.
    await this.fs.rm(this.journalPath, { force: true }).catch(() => undefined);
    this.held = { state, journalId, journalBytes: 0, snapshotBytes: utf8Bytes(text), stamp: await this.stamp() };
  }

  private async readText(path: string): Promise<string | undefined> {
    try {
      return await this.fs.readFile(path, 'utf8');
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Size and modification time of both files: changes when anyone writes either. */
  private async stamp(): Promise<string> {
    const of = (path: string) =>
      this.fs.stat(path).then(
        ({ size, mtimeMs }) => `${size}@${mtimeMs}`,
        () => '-',
      );
    return `${await of(this.path)}|${await of(this.journalPath)}`;
  }
}

function parseLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A full disk (ENOSPC, or EDQUOT) is an OfflineStorageFullError; anything else as it is. */
function storageError(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? new OfflineStorageFullError({ cause: error }) : error;
}
