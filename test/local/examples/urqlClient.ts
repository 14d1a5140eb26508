import { Client, fetchExchange, makeOperation, mapExchange, type CombinedError } from '@urql/core';

/**
 * An urql client for the memo API: the local runtime or AppSync, same URL shape and header.
 * `getToken` is called for every request, so a refreshed token is used as soon as there is one.
 */
export function createMemoClient(url: string, getToken: () => string | Promise<string>): Client {
  // The user pool's token raw in Authorization, as AppSync expects it.
  const auth = mapExchange({
    onOperation: async (operation) =>
      makeOperation(operation.kind, operation, { fetchOptions: { headers: { authorization: await getToken() } } }),
  });
  return new Client({
    url,
    exchanges: [auth, fetchExchange],
    preferGetMethod: false, // POST, as AppSync documents it (the local runtime answers GET with 405)
    requestPolicy: 'network-only',
  });
}

/** The AppSync errorType of the first GraphQL error (urql keeps the raw error as originalError). */
export function errorTypeOf(error: CombinedError | undefined): string | undefined {
  return (error?.graphQLErrors[0]?.originalError as { errorType?: string } | undefined)?.errorType;
}
