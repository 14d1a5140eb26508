import type { AuthMode } from '../appsync/appsyncUtil.js';
import type { AuthModeVerifier, AuthModeVerifiers, HttpCredentials, VerifiedIdentity } from './authModeVerifier.js';
import { headerValue } from './headerValue.js';
import type { VerifiedCaller } from './verifiedCaller.js';

/** AppSync's words for a request whose credentials are missing or not valid. */
export const UNAUTHORIZED_MESSAGE = 'You are not authorized to make this call.';

/**
 * The credentials did not verify: HTTP 401 `UnauthorizedException` (a real-time
 * `connection_error` or `error`), and nothing runs. `reason` is for the log only.
 */
export class Unauthenticated extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(UNAUTHORIZED_MESSAGE, options);
    this.name = 'Unauthenticated';
  }
}

/**
 * Verifies callers by the API's table of auth modes (apiAuthModes.ts), as AppSync does: the
 * mode follows from the credentials themselves, and the verifier of that mode must vouch for
 * them. It fails closed: no credentials, credentials no mode of the table recognizes (a mode
 * the API does not have), or credentials that do not verify are all Unauthenticated.
 */
export class Authenticator {
  private readonly modes: readonly (readonly [AuthMode, AuthModeVerifier])[];

  constructor(modes: AuthModeVerifiers) {
    this.modes = Object.entries(modes).filter((entry): entry is [AuthMode, AuthModeVerifier] => entry[1] !== undefined);
  }

  /** A POST to the GraphQL endpoint: its headers, exact body and request target. */
  http(request: HttpCredentials & { sourceIp: string }): Promise<VerifiedCaller> {
    return this.verify(request.headers, request.sourceIp, (verifier) => verifier.http(request));
  }

  /**
   * The `header` object a real-time client sent when connecting; `host` is the Host the
   * connection came in on, which an IAM signature must name (the GraphQL and real-time endpoints
   * share it here).
   */
  realtimeConnect(header: Record<string, unknown>, sourceIp: string, host: string | undefined): Promise<VerifiedCaller> {
    return this.verify(header, sourceIp, (verifier) => verifier.realtimeConnect(header, host));
  }

  /** A real-time `start`: its `payload.extensions.authorization` and the `payload.data` it signs. */
  realtimeStart(authorization: unknown, data: unknown, sourceIp: string): Promise<VerifiedCaller> {
    const headers = typeof authorization === 'object' && authorization !== null ? (authorization as Record<string, unknown>) : {};
    return this.verify(headers, sourceIp, (verifier) => verifier.realtimeStart(headers, data));
  }

  private async verify(
    headers: Readonly<Record<string, unknown>>,
    sourceIp: string,
    verifyWith: (verifier: AuthModeVerifier) => Promise<VerifiedIdentity>,
  ): Promise<VerifiedCaller> {
    const authorization = headerValue(headers, 'authorization');
    if (authorization === undefined || authorization.trim() === '') throw new Unauthenticated('no Authorization header');
    const mode = this.modes.find(([, verifier]) => verifier.recognizes(authorization));
    if (!mode) throw new Unauthenticated('no auth mode of this API takes these credentials');
    const [authMode, verifier] = mode;
    try {
      return { authMode, identity: { ...(await verifyWith(verifier)), sourceIp: [sourceIp] } };
    } catch (error) {
      throw new Unauthenticated(`${authMode}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {
        cause: error,
      });
    }
  }
}
