import { documentClient } from '../../resolvers/store/dynamoClient.js';

/**
 * Counts the DynamoDB requests the store sends, by command name. It sits inside the retry
 * middleware, so every attempt on the wire counts, retries included.
 */
export function countDynamoCalls(): { calls: Record<string, number>; total(): number; reset(): void } {
  const calls: Record<string, number> = {};
  const name = `countDynamoCalls-${Math.random()}`;
  documentClient.middlewareStack.add(
    (next, context) => (args) => {
      const command = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      calls[command] = (calls[command] ?? 0) + 1;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name },
  );
  return {
    calls,
    total: () => Object.values(calls).reduce((sum, n) => sum + n, 0),
    reset: () => {
      for (const key of Object.keys(calls)) delete calls[key];
    },
  };
}
