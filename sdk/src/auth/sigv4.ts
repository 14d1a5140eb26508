import { SignatureV4 } from '@smithy/signature-v4';
import { base64Json } from './base64Json.js';
import { queryParameters } from './sigv4Query.js';
import { WebCryptoSha256 } from './sigv4WebCryptoSha256.js';

// Client side of IAM auth: what Amplify JS and the AppSync Apollo links send. No Node-only
// imports: browsers, Node and Lambda run it alike. The local runtime's verifier (local/auth/iam)
// and the tests sign with it too, so the SDK and the runtime agree on one canonical form.

/** An AWS key pair; `sessionToken` for temporary credentials (STS, Cognito identity pools). */
export interface SigningCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface SignAppSyncRequestInput {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  readonly url: string | URL;
  /** The exact body that will be sent. */
  readonly body: string;
  readonly credentials: SigningCredentials;
  readonly region: string;
  /** The signing time (default: now). */
  readonly now?: Date;
  /** Also send and sign `x-amz-content-sha256`, as the AWS SDK's signer does by default. */
  readonly contentSha256?: boolean;
}

export interface SignRealtimeInput {
  /** The GraphQL endpoint the client is configured with (not the real-time URL). */
  readonly graphqlUrl: string | URL;
  readonly credentials: SigningCredentials;
  readonly region: string;
  readonly now?: Date;
}

/** aws-appsync-auth-link's headers for a GraphQL POST. */
const HTTP_HEADERS = { accept: '*/*', 'content-type': 'application/json; charset=UTF-8' };
/** The headers both AppSync real-time clients sign (Amplify `AWS_APPSYNC_REALTIME_HEADERS`). */
const REALTIME_HEADERS = {
  accept: 'application/json, text/javascript',
  'content-encoding': 'amz-1.0',
  'content-type': 'application/json; charset=UTF-8',
};

/**
 * Signs a GraphQL POST for AWS_IAM auth. Send every returned header (`host` equals the URL's
 * host, which fetch sends anyway).
 *
 * @example
 * const headers = await signAppSyncRequest({ url, body, credentials, region: 'us-east-1' });
 * await fetch(url, { method: 'POST', headers, body });
 */
export function signAppSyncRequest({
  url,
  body,
  credentials,
  region,
  now,
  contentSha256 = false,
}: SignAppSyncRequestInput): Promise<Record<string, string>> {
  return signPost(new URL(url), body, HTTP_HEADERS, { credentials, region, now, contentSha256 });
}

/**
 * The `header` object of an IAM real-time connection: a signed POST of `{}` to `<graphqlUrl>/connect`.
 *
 * @example
 * const header = await signRealtimeConnect({ graphqlUrl, credentials, region: 'us-east-1' });
 */
export function signRealtimeConnect({ graphqlUrl, ...signing }: SignRealtimeInput): Promise<Record<string, string>> {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname}/connect`;
  return signPost(url, '{}', REALTIME_HEADERS, signing);
}

/**
 * A `start` message's `payload.extensions.authorization`: a signed POST of `data` to `graphqlUrl`.
 *
 * @example
 * const data = JSON.stringify({ query, variables });
 * const authorization = await signRealtimeStart({ graphqlUrl, data, credentials, region: 'us-east-1' });
 */
export function signRealtimeStart({
  graphqlUrl,
  data,
  ...signing
}: SignRealtimeInput & { readonly data: string }): Promise<Record<string, string>> {
  return signPost(new URL(graphqlUrl), data, REALTIME_HEADERS, signing);
}

/**
 * The `header-<base64url>` subprotocol that carries a connection's `header` object (what
 * aws-appsync-subscription-link ≥ 4.0.2 and Amplify v6 send instead of the `?header=` query).
 *
 * @example
 * new WebSocket(realtimeUrl, ['graphql-ws', realtimeHeaderProtocol(await signRealtimeConnect({ graphqlUrl, credentials, region }))]);
 */
export function realtimeHeaderProtocol(header: Record<string, string>): string {
  return `header-${base64Json(header).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

async function signPost(
  url: URL,
  body: string,
  headers: Record<string, string>,
  { credentials, region, now, contentSha256 = false }: Omit<SignRealtimeInput, 'graphqlUrl'> & { readonly contentSha256?: boolean },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials, region, service: 'appsync', sha256: WebCryptoSha256, applyChecksum: contentSha256 });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: queryParameters(url.search),
      // The signer does not add host itself (the SDK's middleware does): it must be signed.
      headers: { ...headers, host: url.host },
      body,
    },
    { signingDate: now ?? new Date() },
  );
  return signed.headers;
}
