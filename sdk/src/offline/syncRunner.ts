import type { MemoClient } from '../core/client.js';
import type { MemoApiError } from '../errors.js';
import type { LocalReplica } from './localReplica.js';
import { pullChanges } from './pullChanges.js';
import { outboxInOrder } from './replicaState.js';
import { sendEntry } from './sendEntry.js';
import { settleEntry } from './settleEntry.js';
import type { OfflineStorage, OutboxEntry } from './types.js';

export interface SyncRunnerOptions {
  readonly client: MemoClient;
  readonly storage: OfflineStorage;
  readonly replica: LocalReplica;
  readonly timeoutMs: number;
  readonly backoff: (attempt: number) => number;
  readonly now: () => Date;
  /** Called when a pull ends (done or not): live events held back during it apply now. */
  readonly pulled: () => Promise<void>;
}

/**
 * Runs catch-up and drain one at a time: a pull (memoChanges from the cursor until hasMore is
 * false) when asked for one, then the outbox, entry by entry in seq order. A transient failure
 * stops the run and tries again after an exponential backoff with jitter.
 */
export class SyncRunner {
  /** The entry being sent now: edits never fold into it. */
  inFlight: number | undefined;
  /** Memos known deleted on the server: a late live event never brings one back (ids are never reused). */
  readonly gone = new Set<string>();
  private loop: Promise<void> | undefined;
  private wanted = false;
  private pullWanted = false;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: SyncRunnerOptions) {}

  /** Asks for a run (with a pull, or a drain only); resolves once every run asked for so far is over. */
  request(pull: boolean): Promise<void> {
    this.wanted = true;
    this.pullWanted ||= pull;
    this.loop ??= this.runWhileWanted().finally(() => (this.loop = undefined));
    return this.loop;
  }

  /** Is a pull running now? (live events wait for its end) */
  pulling = false;

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
  }

  private async runWhileWanted(): Promise<void> {
    while (this.wanted && !this.closed) {
      this.wanted = false;
      const pull = this.pullWanted;
      this.pullWanted = false;
      await this.runOnce(pull);
    }
  }

  private async runOnce(pull: boolean): Promise<void> {
    const { replica, storage } = this.options;
    replica.syncing = true;
    replica.statusChanged();
    let failure: MemoApiError | undefined;
    let storageError: Error | undefined;
    try {
      if (pull) failure = await this.pull();
      if (!failure) failure = await (storage.withDrainLock ? storage.withDrainLock(() => this.drainLocked()) : this.drain());
    } catch (error) {
      // The storage refused a commit (full, or closed under a closing tab): what the server did is
      // not recorded, so the entry stays queued and is sent again later, which the API makes harmless.
      storageError = error instanceof Error ? error : new Error(String(error));
    } finally {
      replica.syncing = false;
    }
    if (this.closed) return;
    replica.online = !failure;
    replica.lastError = failure;
    replica.storageError = storageError;
    replica.statusChanged();
    clearTimeout(this.retryTimer);
    if (!failure && !storageError) {
      this.attempt = 0;
      return;
    }
    this.retryTimer = setTimeout(() => void this.request(true), this.options.backoff(this.attempt++));
  }

  private async pull(): Promise<MemoApiError | undefined> {
    const { client, replica, timeoutMs } = this.options;
    this.pulling = true;
    try {
      return await pullChanges({
        client,
        timeoutMs,
        state: () => replica.current(),
        commit: (batchOf) => replica.mutate((state) => ({ batch: batchOf(state), result: undefined })),
        gone: this.gone,
      });
    } finally {
      this.pulling = false;
      await this.options.pulled();
    }
  }

  /** Under the drain lock another tab may have drained before: read what it left first. */
  private async drainLocked(): Promise<MemoApiError | undefined> {
    await this.options.replica.reload();
    return this.drain();
  }

  private async drain(): Promise<MemoApiError | undefined> {
    const { client, replica, timeoutMs } = this.options;
    for (let entry = this.nextEntry(); entry && !this.closed; entry = this.nextEntry()) {
      this.inFlight = entry.seq;
      // Recorded before the request leaves: a create whose answer never came (lost, or the tab closed)
      // may be on the server, so deleting its memo later must send the delete.
      if (entry.kind === 'create' && !entry.attempted) {
        const attempted = { ...entry, attempted: true };
        await replica.mutate((state) => ({ batch: state.outbox.has(attempted.seq) ? { putOutbox: [attempted] } : {}, result: undefined }));
        entry = attempted;
      }
      const outcome = await sendEntry(client, entry, timeoutMs).finally(() => (this.inFlight = undefined));
      // A closed store is a closed tab: it records nothing more, and the entry is sent again on the next start.
      if (this.closed) return undefined;
      if (outcome.kind === 'transient') return outcome.error;
      replica.online = true;
      const sent = entry;
      await replica.mutate((state) => {
        // Another tab settled it meanwhile (seen by a reload): nothing to record.
        if (!state.outbox.has(sent.seq)) return { batch: {}, result: undefined };
        const now = this.options.now().toISOString();
        const { batch, gone } = settleEntry(state, sent, outcome, { now, newConflictId: () => crypto.randomUUID() });
        if (gone) this.gone.add(gone);
        return { batch, result: undefined };
      });
    }
    return undefined;
  }

  /** The first entry in seq order whose memo has no open conflict (later edits of such a memo wait behind it). */
  private nextEntry(): OutboxEntry | undefined {
    const state = this.options.replica.current();
    const blocked = new Set([...state.conflicts.values()].map((conflict) => conflict.memoId));
    return outboxInOrder(state).find((entry) => !blocked.has(entry.memoId));
  }
}
