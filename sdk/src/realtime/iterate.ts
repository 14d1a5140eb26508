import type { Sink } from './types.js';

/**
 * Turns a sink-based subscription into an async iterator: values are queued until read; the
 * iterator ends on `complete`, throws on `error`, and ends the subscription when the loop is left
 * (`return`). `on.started` hears each start_ack (as Sink's `started`) until the iterator ends.
 *
 * @example
 * for await (const event of iterateSubscription((sink) => realtime.subscribe(payload, sink))) console.log(event);
 */
export function iterateSubscription<T>(
  subscribe: (sink: Sink<T>) => () => void,
  on: Pick<Sink<T>, 'started'> = {},
): AsyncIterableIterator<T> {
  const queue: T[] = [];
  const waiting: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void }[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;

  const finish = () => {
    finished = true;
    for (const waiter of waiting.splice(0)) {
      if (failure) waiter.reject(failure.error);
      else waiter.resolve({ value: undefined, done: true });
    }
  };
  const unsubscribe = subscribe({
    next(value) {
      if (finished) return;
      const waiter = waiting.shift();
      if (waiter) waiter.resolve({ value, done: false });
      else queue.push(value);
    },
    error(error) {
      if (finished) return;
      failure = { error };
      finish();
    },
    complete() {
      if (!finished) finish();
    },
    started() {
      if (!finished) on.started?.();
    },
  });

  const iterator: AsyncIterableIterator<T> = {
    next() {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (failure) {
        const { error } = failure;
        failure = undefined;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the subscription's own error, passed on as the sink got it
        return Promise.reject(error);
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      queue.length = 0;
      failure = undefined;
      if (!finished) {
        finish();
        unsubscribe();
      }
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
