import { MemoApiRequestError, type AppSyncGraphQLError } from '../errors.js';

/**
 * AppSync refused one subscription: it answered the start with an `error` message for its id
 * (`Unauthorized` from the owner filter, a start whose credentials no longer verify, invalid
 * variables, `MaxSubscriptionsReachedError`…). `errors` are AppSync's, as sent (`errorType`,
 * `message`, `errorInfo`); the urql and Apollo adapters hand them on as GraphQL errors, not as a
 * network error. Other subscriptions on the socket go on.
 *
 * @example
 * realtime.subscribe(payload, {
 *   ...sink,
 *   error: (error) => (error instanceof SubscriptionRefusedError ? showRefusal(toMemoApiError(error)) : retryLater()),
 * });
 */
export class SubscriptionRefusedError extends MemoApiRequestError {
  constructor(message: string, details: ConstructorParameters<typeof MemoApiRequestError>[1]) {
    super(message, details);
    this.name = 'SubscriptionRefusedError';
  }
}

/**
 * The GraphQL errors a sink's `error` carries, for a client library to raise as GraphQL errors:
 * a SubscriptionRefusedError's, or a list of errors (what graphql-ws clients pass); undefined
 * for anything else (a connection that failed for good is a network error).
 */
export function refusalErrors(error: unknown): readonly AppSyncGraphQLError[] | undefined {
  if (error instanceof SubscriptionRefusedError) return error.errors;
  return Array.isArray(error) ? (error as AppSyncGraphQLError[]) : undefined;
}
