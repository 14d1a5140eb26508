import { CreateMemoDocument, OnUpdateMemoDocument, UpdateMemoDocument, type MemoClient } from '@memo-api/client';
import { dataOf } from './apiResults.js';
import { CheckFailed, expectThat } from './checkRows.js';
import type { MemoUnderTest } from './memoChecks.js';
import type { VerifyContext } from './verifyContext.js';

/** A live onUpdateMemo subscription and the memo ids of the events it received. */
interface Listener {
  readonly started: Promise<void>;
  readonly received: string[];
  /** Resolves when an event of `memoId` has arrived (at once when one already has). */
  eventOf(memoId: string): Promise<void>;
  stop(): void;
}

/**
 * Over the real-time endpoint (wss on AWS): A, subscribed to its updates, receives A's change; B,
 * subscribed too, does not within `quietMs` — and then does receive a change of its own memo, so
 * B's silence was the owner filter at work, not a dead subscription.
 */
export async function subscriptionChecks(context: VerifyContext, memo: MemoUnderTest | undefined): Promise<void> {
  const { a, b, rows, timings } = context;
  let listenerA: Listener | undefined;
  let listenerB: Listener | undefined;
  try {
    const startedA = await rows.run('subscription: A receives its own change', async () => {
      if (!memo) throw new CheckFailed('not run: the memo could not be created');
      listenerA = listen(a.client);
      listenerB = listen(b.client);
      await within(Promise.all([listenerA.started, listenerB.started]), timings.eventMs, 'both subscriptions to start');
      const input = { memoId: memo.memoId, content: `Deployment check ${context.word}, changed`, expectedVersion: memo.version };
      memo.version = dataOf(await a.client.request(UpdateMemoDocument, { input }), 'updateMemo').updateMemo.version;
      await within(listenerA.eventOf(memo.memoId), timings.eventMs, "A's event");
    });
    await rows.run("subscription: B does not receive A's change", async () => {
      if (!startedA || !memo || !listenerB) throw new CheckFailed("not run: A's subscription check failed");
      await new Promise((resolve) => setTimeout(resolve, timings.quietMs));
      expectThat(!listenerB.received.includes(memo.memoId), "B's subscription received A's change");
      // B's own change must arrive: the silence above was the owner filter, not a dead subscription.
      const input = { content: `Deployment check ${context.word} of B` };
      const { createMemo } = dataOf(await b.client.request(CreateMemoDocument, { input }), "B's createMemo");
      context.created.push({ owner: b.client, memoId: createMemo.memoId });
      const update = { memoId: createMemo.memoId, title: 'B', expectedVersion: createMemo.version };
      dataOf(await b.client.request(UpdateMemoDocument, { input: update }), "B's updateMemo");
      await within(listenerB.eventOf(createMemo.memoId), timings.eventMs, "B's event of its own change");
      expectThat(!listenerB.received.includes(memo.memoId), "B's subscription received A's change");
    });
  } finally {
    listenerA?.stop();
    listenerB?.stop();
  }
}

function listen(client: MemoClient): Listener {
  const received: string[] = [];
  const waiting = new Map<string, () => void>();
  let failed: ((error: unknown) => void) | undefined;
  const failure = new Promise<never>((_resolve, reject) => (failed = reject));
  failure.catch(() => {}); // observed through started/eventOf only
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const stop = client.subscribe(
    OnUpdateMemoDocument,
    {},
    {
      started: () => markStarted(),
      next: ({ data }) => {
        const memoId = data?.onUpdateMemo?.memoId;
        if (!memoId) return;
        received.push(memoId);
        waiting.get(memoId)?.();
      },
      error: (error) => failed?.(error),
      complete: () => failed?.(new Error('the subscription ended')),
    },
  );
  return {
    started: Promise.race([started, failure]),
    received,
    eventOf: (memoId) =>
      received.includes(memoId) ? Promise.resolve() : Promise.race([new Promise<void>((resolve) => waiting.set(memoId, resolve)), failure]),
    stop,
  };
}

/** `promise`, or a CheckFailed naming what did not happen within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`no ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
