import { validate as isUuid } from 'uuid';
import { ValidationError } from './errors.js';

/**
 * listMemos' nextToken: base64url of a small versioned JSON document holding the last key.
 * Clients must treat it as opaque; anything we did not issue is rejected as a ValidationError.
 */
const TOKEN_VERSION = 1;

interface PageTokenBody {
  v: typeof TOKEN_VERSION;
  after: string;
}

export function encodePageToken(lastMemoId: string): string {
  const body: PageTokenBody = { v: TOKEN_VERSION, after: lastMemoId };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** Returns the memoId to start after, or undefined for the first page. */
export function decodePageToken(token: unknown): string | undefined {
  if (token == null) return undefined;
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{1,200}$/.test(token)) throw invalidToken();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!isPageTokenBody(body) || encodePageToken(body.after) !== token) throw invalidToken();
  return body.after;
}

function isPageTokenBody(body: unknown): body is PageTokenBody {
  if (typeof body !== 'object' || body === null) return false;
  const { v, after, ...extra } = body as Record<string, unknown>;
  return v === TOKEN_VERSION && typeof after === 'string' && isUuid(after) && Object.keys(extra).length === 0;
}

function invalidToken(): ValidationError {
  return new ValidationError('nextToken', 'is not a token issued by listMemos');
}
