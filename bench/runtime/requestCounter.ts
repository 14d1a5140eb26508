import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface RequestCounter {
  /** Requests sent so far, by DynamoDB action (PutItem, GetItem, …). */
  readonly calls: Record<string, number>;
  total(): number;
  reset(): void;
  /** Removes the middleware. */
  stop(): void;
}

let counters = 0;

/**
 * Counts the DynamoDB requests a store's client sends, by action, for the benchmark and the
 * tests. It sits inside the retry middleware, so every attempt on the wire counts, retries
 * included; counters added later sit further in (a fault injected after one is still counted by it).
 */
export function countRequests(client: DynamoDBDocumentClient): RequestCounter {
  const calls: Record<string, number> = {};
  const name = `countRequests-${++counters}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const action = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[action] = (calls[action] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name },
  );
  return {
    calls,
    total: () => Object.values(calls).reduce((sum, n) => sum + n, 0),
    reset: () => {
      for (const action of Object.keys(calls)) delete calls[action];
    },
    stop: () => void client.middlewareStack.remove(name),
  };
}
