import { signAppSyncRequest, signRealtimeConnect, signRealtimeStart } from './sigv4.js';

/**
 * An AWS key pair; `sessionToken` for temporary credentials (STS, Cognito identity pools).
 *
 * @example
 * const credentials: AwsCredentials = { accessKeyId: 'AKIA…', secretAccessKey: '…' };
 */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/**
 * How the client proves who it is, read afresh for every HTTP request and every real-time
 * connect and start, so a refreshed token or rotated credentials are used as soon as they exist.
 *
 * - `userPool`: a Cognito user pool ID or access token, sent raw in `Authorization` (the API's default mode).
 * - `iam`: AWS credentials; each request is signed with SigV4 (`region` overrides the config's).
 *
 * @example
 * const auth: AuthProvider = userPoolAuth(() => session.idToken);
 */
export type AuthProvider =
  | { readonly kind: 'userPool'; readonly getToken: () => string | Promise<string> }
  | { readonly kind: 'iam'; readonly credentials: () => AwsCredentials | Promise<AwsCredentials>; readonly region?: string };

/**
 * User-pool auth: `getToken` is called for every request and every real-time connect and start;
 * return a valid (refreshed) ID or access token.
 *
 * @example
 * import { fetchAuthSession } from 'aws-amplify/auth';
 * const auth = userPoolAuth(async () => (await fetchAuthSession()).tokens!.idToken!.toString());
 */
export function userPoolAuth(getToken: () => string | Promise<string>): AuthProvider {
  return { kind: 'userPool', getToken };
}

/**
 * IAM auth: fixed credentials, or a function called for every signature (return refreshed
 * temporary credentials from it).
 *
 * @example
 * const auth = iamAuth({ accessKeyId, secretAccessKey, sessionToken });
 * const fromProvider = iamAuth(() => credentialProvider(), 'eu-west-1');
 */
export function iamAuth(credentials: AwsCredentials | (() => AwsCredentials | Promise<AwsCredentials>), region?: string): AuthProvider {
  return {
    kind: 'iam',
    credentials: typeof credentials === 'function' ? credentials : () => credentials,
    ...(region === undefined ? {} : { region }),
  };
}

/**
 * Headers for an HTTP POST of `body` to `graphqlUrl`: the token raw in `authorization`, or the
 * SigV4 headers of exactly that body (send it byte for byte as given).
 *
 * @example
 * const body = JSON.stringify({ query, variables });
 * const headers = await httpAuthHeaders(auth, config.graphqlUrl, body, config.region);
 * await fetch(config.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
 */
export async function httpAuthHeaders(
  auth: AuthProvider,
  graphqlUrl: string,
  body: string,
  region: string,
): Promise<Record<string, string>> {
  if (auth.kind === 'userPool') return { authorization: await tokenOf(auth) };
  return signAppSyncRequest({ url: graphqlUrl, body, credentials: await auth.credentials(), region: auth.region ?? region });
}

/**
 * The real-time connection's `header` object (sent base64-encoded in the URL's `header`
 * parameter): `{ host, Authorization }` with the GraphQL endpoint's host, or a SigV4 signature
 * of `{}` posted to `<graphqlUrl>/connect`.
 *
 * @example
 * const header = await realtimeConnectHeader(auth, config.graphqlUrl, config.region);
 */
export async function realtimeConnectHeader(auth: AuthProvider, graphqlUrl: string, region: string): Promise<Record<string, string>> {
  if (auth.kind === 'userPool') return { host: new URL(graphqlUrl).host, Authorization: await tokenOf(auth) };
  return signRealtimeConnect({ graphqlUrl, credentials: await auth.credentials(), region: auth.region ?? region });
}

/**
 * A real-time `start` message's `payload.extensions.authorization` for its exact `payload.data`.
 *
 * @example
 * const data = JSON.stringify({ query, variables });
 * const authorization = await realtimeStartAuthorization(auth, config.graphqlUrl, data, config.region);
 * socket.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
 */
export async function realtimeStartAuthorization(
  auth: AuthProvider,
  graphqlUrl: string,
  data: string,
  region: string,
): Promise<Record<string, string>> {
  if (auth.kind === 'userPool') return { host: new URL(graphqlUrl).host, Authorization: await tokenOf(auth) };
  return signRealtimeStart({ graphqlUrl, data, credentials: await auth.credentials(), region: auth.region ?? region });
}

async function tokenOf(auth: { readonly getToken: () => string | Promise<string> }): Promise<string> {
  const token = await auth.getToken();
  if (typeof token !== 'string' || token === '') throw new TypeError('userPoolAuth: getToken() returned no token');
  return token;
}
