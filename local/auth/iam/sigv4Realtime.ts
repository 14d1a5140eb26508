import type { LocalIamPrincipal } from './iamCredentials.js';
import type { IamIdentity } from './iamIdentity.js';
import { SignatureRejected } from './sigv4Errors.js';
import { verifySigV4, type VerifyOptions } from './sigv4Verifier.js';

export interface RealtimeVerifyOptions extends VerifyOptions {
  /** The path of the GraphQL endpoint clients were configured with (default `/graphql`). */
  readonly graphqlPath?: string;
}

/**
 * What IAM clients sign for the real-time endpoint (Amplify JS `AWSAppSyncRealTimeProvider`,
 * aws-appsync-subscription-link): a POST to the GraphQL endpoint URL plus `/connect` with body
 * `{}` at connect, and a POST to the GraphQL endpoint URL itself with the start's `data` as body.
 */
export const REALTIME_CONNECT_SUFFIX = '/connect';
export const REALTIME_CONNECT_BODY = '{}';

/**
 * Verifies the `header` object of an IAM real-time connection (decoded from `?header=` or the
 * `header-<base64url>` subprotocol).
 *
 * @throws {SignatureRejected} unless it is a valid, fresh signature by the principal
 */
export async function verifyRealtimeConnect(
  header: unknown,
  principal: LocalIamPrincipal,
  options: RealtimeVerifyOptions = {},
): Promise<IamIdentity> {
  const { graphqlPath = '/graphql', ...verifyOptions } = options;
  return verifySigV4(
    {
      method: 'POST',
      path: `${graphqlPath}${REALTIME_CONNECT_SUFFIX}`,
      headers: stringHeaders(header, 'connection header'),
      body: REALTIME_CONNECT_BODY,
    },
    principal,
    verifyOptions,
  );
}

/**
 * Verifies a `start` message's `payload.extensions.authorization` against its `payload.data`,
 * the exact string the client signed.
 *
 * @throws {SignatureRejected} unless it is a valid, fresh signature of that data by the principal
 */
export async function verifyRealtimeStart(
  authorization: unknown,
  data: unknown,
  principal: LocalIamPrincipal,
  options: RealtimeVerifyOptions = {},
): Promise<IamIdentity> {
  const { graphqlPath = '/graphql', ...verifyOptions } = options;
  if (typeof data !== 'string') throw new SignatureRejected('start payload.data is not a string');
  return verifySigV4(
    { method: 'POST', path: graphqlPath, headers: stringHeaders(authorization, 'start authorization'), body: data },
    principal,
    verifyOptions,
  );
}

/**
 * The string-valued entries: clients add unsigned extras (Amplify's `x-amz-user-agent`), and a
 * signed header that is not a string then counts as missing.
 */
function stringHeaders(value: unknown, what: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SignatureRejected(`${what} is not an object`);
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
