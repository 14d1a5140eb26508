import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
// The SDK's own reading of a query string, so the verifier re-signs exactly what a client signed.
import { queryParameters } from '@memo-api/client';
import type { LocalIamPrincipal } from './iamCredentials.js';
import { iamIdentityOf, type IamIdentity } from './iamIdentity.js';
import { parseAmzDate, parseAuthorization, type ParsedAuthorization } from './sigv4Authorization.js';
import { SignatureRejected } from './sigv4Errors.js';

/** A request as the server received it. */
export interface SignedRequest {
  readonly method: string;
  /** The request target as sent: path and query string (`/graphql?x=1`), still percent-encoded. */
  readonly path: string;
  /** Any case; a list (a repeated header) is joined with commas, as SigV4 canonicalises it. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The exact bytes received (a string is hashed as UTF-8). */
  readonly body: string | Uint8Array;
}

export interface VerifyOptions {
  /** The verifier's clock (default: now). */
  readonly now?: Date;
  /** The service the credential scope must name (default `appsync`). */
  readonly service?: string;
  /** The largest difference allowed between x-amz-date and `now` (default 5 minutes, as AWS). */
  readonly maxSkewMs?: number;
  /** When set, the credential scope must name this region; otherwise any region is accepted. */
  readonly region?: string;
  /** When set, the signed `host` must equal it (useful where the client, not the socket, states the host). */
  readonly host?: string;
}

type SignableRequest = Parameters<SignatureV4['sign']>[0];

const DEFAULT_MAX_SKEW_MS = 300_000;
const SHA256_HEADER = 'x-amz-content-sha256';
const TOKEN_HEADER = 'x-amz-security-token';

/**
 * Verifies a SigV4-signed request against the local principal the way AWS does: re-signs the
 * request with `@smithy/signature-v4` over exactly the headers the client signed and compares
 * the signatures in constant time. Accepts what Amplify JS, aws-appsync-auth-link and the AWS
 * SDK send, with or without `x-amz-content-sha256`.
 *
 * @example
 * const identity = await verifySigV4({ method: req.method, path: req.url, headers: req.headers, body }, principal);
 * @returns AppSync's IAM identity for the principal
 * @throws {SignatureRejected} for every request that is not a valid, fresh signature by the principal
 */
export async function verifySigV4(request: SignedRequest, principal: LocalIamPrincipal, options: VerifyOptions = {}): Promise<IamIdentity> {
  const headers = lowercaseHeaders(request.headers);
  const authorization = headers.get('authorization');
  if (authorization === undefined) throw new SignatureRejected('no Authorization header');
  const parsed = parseAuthorization(authorization);
  if (!safeEqual(parsed.accessKeyId, principal.accessKeyId)) throw new SignatureRejected(`unknown access key ${parsed.accessKeyId}`);
  checkScope(parsed, options);
  const signingDate = checkDate(headers.get('x-amz-date'), parsed.date, options);
  checkSignedHeaders(parsed.signedHeaders, headers, options.host);
  checkSessionToken(headers.get(TOKEN_HEADER), principal);
  checkPayloadHash(headers.get(SHA256_HEADER), request.body);

  const expected = await resign(request, headers, parsed, principal, signingDate);
  if (expected.signedHeaders !== parsed.signedHeaders.join(';')) {
    throw new SignatureRejected(
      `SignedHeaders ${parsed.signedHeaders.join(';')} cannot be reproduced (the signer would sign ${expected.signedHeaders})`,
    );
  }
  if (!timingSafeEqual(Buffer.from(expected.signature, 'hex'), Buffer.from(parsed.signature, 'hex'))) {
    throw new SignatureRejected('signature does not match');
  }
  return iamIdentityOf(principal);
}

function lowercaseHeaders(headers: SignedRequest['headers']): Map<string, string> {
  const lowercased = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    // Two spellings of one header in an object (a real-time header) leave the value ambiguous.
    if (lowercased.has(key)) throw new SignatureRejected(`header ${key} appears twice`);
    lowercased.set(key, typeof value === 'string' ? value : value.join(','));
  }
  return lowercased;
}

function checkScope({ service, region }: ParsedAuthorization, options: VerifyOptions): void {
  const expectedService = options.service ?? 'appsync';
  if (service !== expectedService) throw new SignatureRejected(`credential scope names service ${service}, not ${expectedService}`);
  if (options.region !== undefined && region !== options.region) {
    throw new SignatureRejected(`credential scope names region ${region}, not ${options.region}`);
  }
}

function checkDate(amzDate: string | undefined, scopeDate: string, options: VerifyOptions): Date {
  if (amzDate === undefined) throw new SignatureRejected('no x-amz-date header');
  const signingDate = parseAmzDate(amzDate);
  if (amzDate.slice(0, 8) !== scopeDate)
    throw new SignatureRejected(`credential scope day ${scopeDate} is not the x-amz-date day ${amzDate.slice(0, 8)}`);
  const now = options.now ?? new Date();
  const skew = signingDate.getTime() - now.getTime();
  if (Math.abs(skew) > (options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS)) {
    throw new SignatureRejected(
      `x-amz-date ${amzDate} is ${Math.round(Math.abs(skew) / 1000)} s ${skew < 0 ? 'in the past' : 'in the future'}`,
    );
  }
  return signingDate;
}

function checkSignedHeaders(signedHeaders: readonly string[], headers: Map<string, string>, expectedHost: string | undefined): void {
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) throw new SignatureRejected(`${required} is not among the signed headers`);
  }
  if (signedHeaders.includes('authorization')) throw new SignatureRejected('authorization cannot be a signed header');
  const unsent = signedHeaders.filter((name) => !headers.has(name));
  if (unsent.length > 0) throw new SignatureRejected(`signed header ${unsent.join(', ')} is not in the request`);
  if (expectedHost !== undefined && headers.get('host') !== expectedHost) {
    throw new SignatureRejected(`signed host ${headers.get('host')} is not ${expectedHost}`);
  }
}

/**
 * As AWS: temporary credentials are refused without their session token, and long-term keys with
 * one (any token given to a principal without one is not one of its tokens).
 */
function checkSessionToken(token: string | undefined, principal: LocalIamPrincipal): void {
  if (principal.sessionToken === undefined) {
    if (token !== undefined) throw new SignatureRejected(`${TOKEN_HEADER} given, but the local principal uses no session token`);
    return;
  }
  if (token === undefined) throw new SignatureRejected(`no ${TOKEN_HEADER}: the local principal's credentials are temporary`);
  if (!safeEqual(token, principal.sessionToken)) throw new SignatureRejected(`${TOKEN_HEADER} is not the local principal's session token`);
}

/** The signer trusts a declared payload hash instead of hashing the body: check it against the body. */
function checkPayloadHash(declared: string | undefined, body: string | Uint8Array): void {
  if (declared === undefined) return;
  const actual = createHash('sha256').update(body).digest('hex');
  if (declared !== actual) throw new SignatureRejected(`${SHA256_HEADER} is not the SHA-256 of the body`);
}

async function resign(
  request: SignedRequest,
  headers: Map<string, string>,
  parsed: ParsedAuthorization,
  principal: LocalIamPrincipal,
  signingDate: Date,
): Promise<{ signedHeaders: string; signature: string }> {
  const { path, query } = splitTarget(request.path);
  const toSign: SignableRequest = {
    method: request.method,
    protocol: 'https:',
    hostname: headers.get('host') ?? '',
    path,
    query,
    // Only the signed headers: the signer signs every header it is given that is not on its
    // unsignable list, and signableHeaders below re-admits signed ones that are (user-agent…).
    headers: Object.fromEntries(parsed.signedHeaders.map((name) => [name, headers.get(name) ?? ''])),
    body: request.body,
  };
  const signer = new SignatureV4({
    credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
    region: parsed.region,
    service: parsed.service,
    sha256: Hash.bind(null, 'sha256'),
    // Otherwise the signer adds and signs x-amz-content-sha256 when the client did not.
    applyChecksum: false,
  });
  const signed = await signer.sign(toSign, { signingDate, signableHeaders: new Set(parsed.signedHeaders) });
  const produced = parseAuthorization(String(signed.headers.authorization));
  return { signedHeaders: produced.signedHeaders.join(';'), signature: produced.signature };
}

function splitTarget(target: string): { path: string; query: Record<string, string | string[]> } {
  if (!target.startsWith('/')) throw new SignatureRejected('request path does not start with /');
  const questionMark = target.indexOf('?');
  if (questionMark === -1) return { path: target, query: {} };
  return { path: target.slice(0, questionMark), query: queryParameters(target.slice(questionMark + 1)) };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
