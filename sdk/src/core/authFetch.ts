import { httpAuthHeaders, type AuthProvider } from '../auth/providers.js';

type FetchInput = Parameters<typeof fetch>[0];
type FetchInit = NonNullable<Parameters<typeof fetch>[1]>;

export interface AuthFetchOptions {
  readonly graphqlUrl: string;
  readonly region: string;
  readonly auth: AuthProvider;
  /** The fetch to wrap (default: the global one). */
  readonly fetch?: typeof fetch;
}

/**
 * A fetch that adds auth to every POST to `graphqlUrl` (the token, or a SigV4 signature of the
 * exact body) and passes every other request through untouched: plug it into urql's `fetch`
 * option or Apollo's `HttpLink({ fetch })`.
 *
 * @example
 * const client = new Client({ url: config.graphqlUrl, fetch: createAuthFetch({ ...config, auth }), exchanges: [fetchExchange] });
 */
export function createAuthFetch({ graphqlUrl, region, auth, fetch: fetchImpl }: AuthFetchOptions): typeof fetch {
  const baseFetch = fetchImpl ?? globalThis.fetch.bind(globalThis);
  const endpoint = endpointOf(graphqlUrl);
  const authFetch = async (input: FetchInput, init?: FetchInit): Promise<Response> => {
    const request = isRequest(input) ? input : undefined;
    const url = isRequest(input) ? input.url : typeof input === 'string' ? input : input.href;
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    if (method !== 'POST' || endpoint === undefined || endpointOf(url) !== endpoint) return baseFetch(input, init);
    const body = init?.body ?? (request ? await request.clone().text() : undefined);
    if (typeof body !== 'string') throw new TypeError('The memo client can only authorize GraphQL POSTs with a string body');
    const headers = new Headers(init?.headers ?? request?.headers);
    for (const [name, value] of Object.entries(await httpAuthHeaders(auth, graphqlUrl, body, region))) {
      // Every fetch sends the URL's host itself (browsers refuse to set it).
      if (name.toLowerCase() !== 'host') headers.set(name, value);
    }
    if (!headers.has('content-type')) headers.set('content-type', 'application/json');
    const authorized: FetchInit = { ...init, method, headers, body };
    return request ? baseFetch(new Request(request, authorized)) : baseFetch(url, authorized);
  };
  return authFetch;
}

/** The absolute URL without its fragment, for comparing a request's target with the GraphQL endpoint. */
function endpointOf(url: string): string | undefined {
  try {
    const parsed = new URL(url, (globalThis as { location?: { href: string } }).location?.href);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

function isRequest(input: FetchInput): input is Request {
  return typeof Request !== 'undefined' && input instanceof Request;
}
