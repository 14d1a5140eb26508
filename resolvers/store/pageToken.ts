import { validate as isUuid } from 'uuid';
import type { OwnerIndexKey } from './memoItem.js';
import { ValidationError } from '../lib/errors.js';
import { openToken, signToken } from './tokenSignature.js';

/**
 * listMemos' nextToken: `{"v":2,"owner":…,"after":"<createdAt>#<memoId>"}`, signed
 * (tokenSignature.ts). Clients treat it as opaque. A token we did not issue (garbage, a changed
 * character, a hand-made body, a memoChanges cursor) fails the MAC, and a token issued for one
 * owner's list is refused for another's: both are a ValidationError, never a crash or a leak.
 */
const TOKEN_VERSION = 2;

interface PageTokenBody {
  v: typeof TOKEN_VERSION;
  owner: string;
  after: string;
}

export function encodePageToken(last: OwnerIndexKey, key: string): string {
  return signToken({ v: TOKEN_VERSION, owner: last.ownerId, after: last.createdAtId } satisfies PageTokenBody, key, 'listMemos');
}

/**
 * The index key to continue after, or undefined for the first page.
 * @throws {ValidationError} when the token is not one listMemos issued for `ownerId`'s list
 */
export function decodePageToken(token: unknown, key: string, ownerId: string): OwnerIndexKey | undefined {
  if (token == null) return undefined;
  const parsed = openToken(token, key, 'listMemos');
  if (!isPageTokenBody(parsed) || parsed.owner !== ownerId) throw invalidToken();
  const memoId = parsed.after.slice(parsed.after.lastIndexOf('#') + 1);
  return { ownerId, memoId, createdAtId: parsed.after };
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
