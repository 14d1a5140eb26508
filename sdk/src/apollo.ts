import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { print } from '@apollo/client/utilities';
import { OperationTypeNode, type GraphQLFormattedError } from 'graphql';
import { Observable } from 'rxjs';
import type { MemoClient } from './core/client.js';
import type { RealtimeClient } from './realtime/realtimeClient.js';
import { refusalErrors } from './realtime/subscriptionRefusedError.js';

/**
 * An Apollo Client 4 terminating link for subscriptions over AppSync's real-time protocol,
 * modelled on Apollo's own GraphQLWsLink: one `client.realtime.subscribe` per operation,
 * ended when Apollo unsubscribes. A subscription AppSync refuses errors with
 * CombinedGraphQLErrors holding AppSync's errors; a connection that failed for good, with its Error.
 */
export class MemoRealtimeLink extends ApolloLink {
  constructor(private readonly realtime: RealtimeClient) {
    super();
  }

  override request(operation: ApolloLink.Operation): Observable<ApolloLink.Result> {
    const { query, variables, operationName } = operation;
    return new Observable<ApolloLink.Result>((observer) =>
      this.realtime.subscribe(
        { query: print(query), variables, operationName },
        {
          next: (result) => observer.next(result as ApolloLink.Result),
          complete: () => observer.complete(),
          // A refusal (AppSync's `error` message for this subscription) becomes what Apollo raises for GraphQL errors.
          error: (error: unknown) => observer.error(graphQLFailure(error)),
        },
      ),
    );
  }
}

/** CombinedGraphQLErrors for a refusal (or anything not an Error); an Error (the connection's failure) as it is. */
function graphQLFailure(error: unknown): Error {
  const errors = refusalErrors(error);
  if (errors) return new CombinedGraphQLErrors({ errors: errors as GraphQLFormattedError[] });
  return error instanceof Error ? error : new CombinedGraphQLErrors({ errors: [error as GraphQLFormattedError] });
}

/**
 * One link for the memo API: subscriptions → MemoRealtimeLink over `client.realtime`, everything
 * else → Apollo's HttpLink with `client.fetch` (which adds the user pool token or the SigV4
 * signature of the exact body).
 *
 * @example
 * const apollo = new ApolloClient({ link: createMemoLink(memo), cache: new InMemoryCache() });
 */
export function createMemoLink(client: MemoClient): ApolloLink {
  return ApolloLink.split(
    (operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION,
    new MemoRealtimeLink(client.realtime),
    new HttpLink({ uri: client.config.graphqlUrl, fetch: client.fetch }),
  );
}

/** Apollo Client options that createApolloClient leaves to the caller (`cache` defaults to a new InMemoryCache). */
export type ApolloClientOptions = Omit<ApolloClient.Options, 'link' | 'cache'> & { cache?: ApolloClient.Options['cache'] };

/**
 * An Apollo Client (core, no React) for the memo API, on createMemoLink.
 *
 * @example
 * const memo = createMemoClient(config, { auth: userPoolAuth(getIdToken), WebSocket });
 * const apollo = createApolloClient(memo);
 * try {
 *   await apollo.mutate({ mutation: UpdateMemoDocument, variables: { input: { memoId, content, expectedVersion } } });
 * } catch (error) {
 *   const memoError = toMemoApiError(error); // CombinedGraphQLErrors → MemoApiError
 * }
 */
export function createApolloClient(client: MemoClient, options: ApolloClientOptions = {}): ApolloClient {
  const { cache = new InMemoryCache(), ...rest } = options;
  return new ApolloClient({ ...rest, cache, link: createMemoLink(client) });
}
