import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';

/** An Apollo client (core, no React) for the memo API: the local runtime or AppSync. */
export function createMemoClient(url: string, apiKey: string): ApolloClient {
  return new ApolloClient({
    link: new HttpLink({ uri: url, headers: { 'x-api-key': apiKey } }),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
}

/** The AppSync errorType of the first GraphQL error Apollo raised. */
export function errorTypeOf(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? (error.errors[0] as { errorType?: string } | undefined)?.errorType : undefined;
}
