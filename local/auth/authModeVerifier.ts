import type { IncomingHttpHeaders } from 'node:http';
import type { AuthMode } from '../appsync/appsyncUtil.js';

/** A POST to the GraphQL endpoint as a verifier sees it: its headers, exact body and request target. */
export interface HttpCredentials {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** The identity object a verifier vouches for (`ctx.identity`, less `sourceIp`, which the authenticator adds). */
export type VerifiedIdentity = object;

/**
 * How one auth mode admits callers, on every path a request can take. Each method either
 * returns the caller's identity or throws; the authenticator turns any throw into a refusal.
 */
export interface AuthModeVerifier {
  /**
   * Whether an `Authorization` value is this mode's kind of credential (a SigV4 signature, a
   * JWT…). AppSync tells the modes apart by the credentials themselves; only a mode that
   * recognizes them gets to verify them.
   */
  recognizes(authorization: string): boolean;
  http(request: HttpCredentials): Promise<VerifiedIdentity>;
  /**
   * The `header` object a real-time client sent when connecting; `host` is the Host the
   * connection came in on (an IAM signature must name it).
   */
  realtimeConnect(header: Readonly<Record<string, unknown>>, host: string | undefined): Promise<VerifiedIdentity>;
  /** A real-time `start`: its `payload.extensions.authorization` and the `payload.data` it may sign. */
  realtimeStart(authorization: Readonly<Record<string, unknown>>, data: unknown): Promise<VerifiedIdentity>;
}

/**
 * The auth modes an API admits, by name: adding a mode is one entry. A mode without an entry
 * admits nobody, whatever its callers send.
 */
export type AuthModeVerifiers = Readonly<Partial<Record<AuthMode, AuthModeVerifier>>>;
