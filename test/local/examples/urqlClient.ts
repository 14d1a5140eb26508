import { Client, fetchExchange, type CombinedError } from '@urql/core';

/** An urql client for the memo API: the local runtime or AppSync, same URL shape and header. */
export function createMemoClient(url: string, apiKey: string): Client {
  return new Client({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: false, // POST, as AppSync documents it (the local runtime answers GET with 405)
    requestPolicy: 'network-only',
    fetchOptions: { headers: { 'x-api-key': apiKey } },
  });
}

/** The AppSync errorType of the first GraphQL error (urql keeps the raw error as originalError). */
export function errorTypeOf(error: CombinedError | undefined): string | undefined {
  return (error?.graphQLErrors[0]?.originalError as { errorType?: string } | undefined)?.errorType;
}
