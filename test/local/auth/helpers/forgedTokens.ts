import { base64url, decodeJwt, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

/** The pool's signing key and a real user's tokens: what a forgery starts from. */
export interface ForgerySource {
  readonly key: CryptoKey;
  readonly kid: string;
  readonly tokens: { readonly idToken: string; readonly accessToken: string };
}

/** A real token's claims with `changes` applied, signed with `key` (the pool's by default) under `header`. */
export function forgedToken(
  source: ForgerySource,
  kind: 'idToken' | 'accessToken',
  changes: JWTPayload,
  { key = source.key, header = { alg: 'RS256', kid: source.kid } }: { key?: CryptoKey; header?: { alg: string; kid?: string } } = {},
): Promise<string> {
  return new SignJWT({ ...decodeJwt(source.tokens[kind]), ...changes }).setProtectedHeader(header).sign(key);
}

/** A JWS with any header and signature, which jose refuses to produce. */
export function handMadeJws(header: object, payload: object, sign: (input: string) => string): string {
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  return `${input}.${sign(input)}`;
}
