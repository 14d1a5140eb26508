import type { IncomingHttpHeaders } from 'node:http';
import type { LocalIamPrincipal } from './iam/iamCredentials.js';
import { verifyRealtimeConnect, verifyRealtimeStart } from './iam/sigv4Realtime.js';
import { verifySigV4 } from './iam/sigv4Verifier.js';
import type { LocalUserPool } from './userPool/userPool.js';
import type { VerifiedCaller } from './verifiedCaller.js';

/** AppSync's words for a request whose credentials are missing or not valid. */
export const UNAUTHORIZED_MESSAGE = 'You are not authorized to make this call.';

/**
 * The credentials did not verify: HTTP 401 `UnauthorizedException` (a real-time
 * `connection_error` or `error`), and nothing runs. `reason` is for the log only.
 */
export class Unauthenticated extends Error {
  constructor(readonly reason: string, options?: { cause?: unknown }) {
    super(UNAUTHORIZED_MESSAGE, options);
    this.name = 'Unauthenticated';
  }
}

const SIGV4_PREFIX = 'AWS4-HMAC-SHA256 ';

/**
 * Verifies callers as AppSync's two configured modes do, never by decoding alone: an
 * `Authorization` header holding a user pool's ID or access token (Amazon Cognito user pools, the
 * default mode), or a SigV4 signature by the local IAM principal (AWS IAM). There is no API key.
 * The mode follows from the credentials themselves, as on AppSync.
 */
export class Authenticator {
  constructor(
    private readonly pool: LocalUserPool,
    private readonly principal: LocalIamPrincipal,
    /** The GraphQL endpoint's path, which IAM clients sign (also for real-time). */
    private readonly graphqlPath: string,
  ) {}

  /** A POST to the GraphQL endpoint: its headers, exact body and request target. */
  http(request: { method: string; path: string; headers: IncomingHttpHeaders; body: Buffer; sourceIp: string }): Promise<VerifiedCaller> {
    return this.verify(request.headers, request.sourceIp, () =>
      verifySigV4({ method: request.method, path: request.path, headers: request.headers, body: request.body }, this.principal),
    );
  }

  /**
   * The `header` object a real-time client sent when connecting; `host` is the Host the
   * connection came in on, which an IAM signature must name (the GraphQL and real-time endpoints
   * share it here).
   */
  realtimeConnect(header: Record<string, unknown>, sourceIp: string, host: string | undefined): Promise<VerifiedCaller> {
    return this.verify(header, sourceIp, () => verifyRealtimeConnect(header, this.principal, { graphqlPath: this.graphqlPath, ...(host ? { host } : {}) }));
  }

  /** A real-time `start`: its `payload.extensions.authorization` and the `payload.data` it signs. */
  realtimeStart(authorization: unknown, data: unknown, sourceIp: string): Promise<VerifiedCaller> {
    const headers = typeof authorization === 'object' && authorization !== null ? (authorization as Record<string, unknown>) : {};
    return this.verify(headers, sourceIp, () => verifyRealtimeStart(authorization, data, this.principal, { graphqlPath: this.graphqlPath }));
  }

  private async verify(
    headers: Readonly<Record<string, unknown>>,
    sourceIp: string,
    verifySignature: () => Promise<Readonly<Record<string, unknown>>>,
  ): Promise<VerifiedCaller> {
    const authorization = headerValue(headers, 'authorization');
    if (authorization === undefined || authorization.trim() === '') throw new Unauthenticated('no Authorization header');
    try {
      if (authorization.startsWith(SIGV4_PREFIX)) {
        return { authMode: 'AWS_IAM', identity: { ...(await verifySignature()), sourceIp: [sourceIp] } };
      }
      return { authMode: 'AMAZON_COGNITO_USER_POOLS', identity: { ...(await this.pool.verifyToken(authorization)), sourceIp: [sourceIp] } };
    } catch (error) {
      throw new Unauthenticated(error instanceof Error ? `${error.name}: ${error.message}` : String(error), { cause: error });
    }
  }
}

/** A header by name, whatever its case (HTTP headers arrive lower-cased; real-time ones as the client wrote them). */
function headerValue(headers: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === name);
  const value = entry?.[1];
  return typeof value === 'string' ? value : undefined;
}
