import { createHmac, timingSafeEqual } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import { ValidationError } from './errors.js';

/**
 * listMemos' nextToken: base64url of `{"v":1,"after":"<last memoId>"}`, a dot, and a truncated
 * HMAC-SHA256 of that body. Clients treat it as opaque; a token we did not issue (garbage, a
 * changed character, a hand-made body) fails the MAC and is a ValidationError, never a crash.
 */
const TOKEN_VERSION = 1;
const MAC_BYTES = 16;

interface PageTokenBody {
  v: typeof TOKEN_VERSION;
  after: string;
}

export function encodePageToken(lastMemoId: string, key: string): string {
  const body = Buffer.from(JSON.stringify({ v: TOKEN_VERSION, after: lastMemoId } satisfies PageTokenBody)).toString('base64url');
  return `${body}.${mac(body, key).toString('base64url')}`;
}

/** Returns the memoId to start after, or undefined for the first page. */
export function decodePageToken(token: unknown, key: string): string | undefined {
  if (token == null) return undefined;
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,50}$/.test(token)) throw invalidToken();
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
  if (!isPageTokenBody(parsed)) throw invalidToken();
  return parsed.after;
}

function mac(body: string, key: string): Buffer {
  return createHmac('sha256', key).update(body).digest().subarray(0, MAC_BYTES);
}

function isPageTokenBody(body: unknown): body is PageTokenBody {
  if (typeof body !== 'object' || body === null) return false;
  const { v, after, ...extra } = body as Record<string, unknown>;
  return v === TOKEN_VERSION && typeof after === 'string' && isUuid(after) && Object.keys(extra).length === 0;
}

function invalidToken(): ValidationError {
  return new ValidationError('nextToken', 'is not a token issued by listMemos');
}
