import type { JSONWebKeySet } from 'jose';

/** How to open a {@link LocalUserPool}. */
export interface LocalUserPoolOptions {
  /** The runtime's data directory (also LevelDB's): files go to `<dataDir>/local-auth/`. null keeps everything in memory. */
  readonly dataDir: string | null;
  /** Region in the pool id (`<region>_<9 alphanumerics>`), as Cognito names pools. */
  readonly region: string;
  /** Scheme, host and port the pool is reached at, e.g. `http://127.0.0.1:4000`; the issuer is `<issuerOrigin>/<userPoolId>`. */
  readonly issuerOrigin: string;
  /** Users that must exist with exactly these passwords (see {@link defaultSeedUsers}, {@link parseLocalUsers}). */
  readonly seedUsers?: readonly SeedUser[];
}

/** A user to create (or whose password to reset) when the pool opens. */
export interface SeedUser {
  readonly username: string;
  readonly password: string;
}

/**
 * AppSync's `ctx.identity` for AMAZON_COGNITO_USER_POOLS, field for field (the direct-Lambda event
 * carries the same object). Assignable to `AppSyncIdentityCognito` from `@types/aws-lambda`.
 */
export interface UserPoolIdentity {
  readonly sub: string;
  readonly issuer: string;
  /** `cognito:username` of an ID token, `username` of an access token. */
  readonly username: string;
  /** The whole verified payload. */
  readonly claims: Readonly<Record<string, unknown>>;
  /** `x-forwarded-for` plus the peer; the HTTP layer fills it. */
  readonly sourceIp: string[];
  readonly defaultAuthStrategy: 'ALLOW' | 'DENY';
  readonly groups: string[] | null;
}

/** One reply of the Cognito wire protocol, ready for an HTTP response. */
export interface CognitoReply {
  readonly status: number;
  /** Always `content-type` and `x-amzn-requestid`; on errors also `x-amzn-errortype`. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON-serialisable body. */
  readonly body: unknown;
  /** Only on a 500: the unexpected error behind it, for the server's log (never sent to the client). */
  readonly internalError?: unknown;
}

/** The public half of the pool's signing key, as served at `/<userPoolId>/.well-known/jwks.json`. */
export type PublicJwks = JSONWebKeySet;
