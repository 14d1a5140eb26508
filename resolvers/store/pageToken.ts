import { createHmac, timingSafeEqual } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import type { OwnerIndexKey } from './memoItem.js';
import { ValidationError } from '../lib/errors.js';

/**
 * listMemos' nextToken: base64url of `{"v":2,"owner":…,"after":"<createdAt>#<memoId>"}`, a dot,
 * and a truncated HMAC-SHA256 of that body. Clients treat it as opaque. A token we did not issue
 * (garbage, a changed character, a hand-made body) fails the MAC, and a token issued for one
 * owner's list is refused for another's: both are a ValidationError, never a crash or a leak.
 */
const TOKEN_VERSION = 2;
const MAC_BYTES = 16;

interface PageTokenBody {
  v: typeof TOKEN_VERSION;
  owner: string;
  after: string;
}

export function encodePageToken(last: OwnerIndexKey, key: string): string {
  const body = Buffer.from(
    JSON.stringify({ v: TOKEN_VERSION, owner: last.ownerId, after: last.createdAtId } satisfies PageTokenBody),
  ).toString('base64url');
  return `${body}.${mac(body, key).toString('base64url')}`;
}

/**
 * The index key to continue after, or undefined for the first page.
 * @throws {ValidationError} when the token is not one listMemos issued for `ownerId`'s list
 */
export function decodePageToken(token: unknown, key: string, ownerId: string): OwnerIndexKey | undefined {
  if (token == null) return undefined;
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{1,400}\.[A-Za-z0-9_-]{1,50}$/.test(token)) throw invalidToken();
  const [body, signature] = token.split('.') as [string, string];
  const given = Buffer.from(signature, 'base64url');
  // Canonical encodings only: base64url decoding ignores the last character's spare bits, so
  // without this check several spellings of one MAC would pass.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== signature) throw invalidToken();
  if (!timingSafeEqual(given, mac(body, key))) throw invalidToken();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!isPageTokenBody(parsed) || parsed.owner !== ownerId) throw invalidToken();
  const memoId = parsed.after.slice(parsed.after.lastIndexOf('#') + 1);
  return { ownerId, memoId, createdAtId: parsed.after };
}

function mac(body: string, key: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

function isPageTokenBody(body: unknown): body is PageTokenBody {
  if (typeof body !== 'object' || body === null) return false;
  const { v, owner, after, ...extra } = body as Record<string, unknown>;
  return (
    v === TOKEN_VERSION &&
    typeof owner === 'string' &&
    typeof after === 'string' &&
    isUuid(after.slice(after.lastIndexOf('#') + 1)) &&
    Object.keys(extra).length === 0
  );
}

function invalidToken(): ValidationError {
  return new ValidationError('nextToken', 'is not a token issued by listMemos for this list');
}
