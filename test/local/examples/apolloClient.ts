import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

/**
 * An Apollo client (core, no React) for the memo API: the local runtime or AppSync.
 * `getToken` is called for every request, so a refreshed token is used as soon as there is one.
 */
export function createMemoClient(url: string, getToken: () => string | Promise<string>): ApolloClient {
  // The user pool's token raw in Authorization, as AppSync expects it.
  const auth = new SetContextLink(async ({ headers }) => ({ headers: { ...headers, authorization: await getToken() } }));
  return new ApolloClient({
    link: ApolloLink.from([auth, new HttpLink({ uri: url })]),
    cache: new InMemoryCache(),
    defaultOptions: { query: { fetchPolicy: 'network-only' } },
  });
}

/** The AppSync errorType of the first GraphQL error Apollo raised. */
export function errorTypeOf(error: unknown): string | undefined {
  return CombinedGraphQLErrors.is(error) ? (error.errors[0] as { errorType?: string } | undefined)?.errorType : undefined;
}
