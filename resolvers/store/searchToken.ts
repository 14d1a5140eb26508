import { createHash } from 'node:crypto';
import { validate as isUuid } from 'uuid';
import { ValidationError } from '../lib/errors.js';
import type { SearchFilter } from '../lib/searchMatch.js';
import type { OwnerIndexKey } from './memoItem.js';
import { openToken, signToken } from './tokenSignature.js';

/**
 * searchMemos' nextToken: `{"s":1,"owner":…,"filter":…,"after":"<createdAt>#<memoId>"}`, signed for
 * searchMemos (tokenSignature.ts), so neither a listMemos token nor a memoChanges cursor passes.
 * `filter` is a hash of the normalised words and tags: a token reused by another owner, or with
 * another query or tags, is a ValidationError, never a page of some other search.
 */
interface SearchTokenBody {
  s: 1;
  owner: string;
  filter: string;
  after: string;
}

export function encodeSearchToken(last: OwnerIndexKey, filter: SearchFilter, key: string): string {
  const body: SearchTokenBody = { s: 1, owner: last.ownerId, filter: filterHash(filter), after: last.createdAtId };
  return signToken(body, key, 'searchMemos');
}

/**
 * The index key to continue after, or undefined for the first page.
 * @throws {ValidationError} when the token is not one searchMemos issued for this owner and filter
 */
export function decodeSearchToken(token: unknown, key: string, ownerId: string, filter: SearchFilter): OwnerIndexKey | undefined {
  if (token == null) return undefined;
  const body = openToken(token, key, 'searchMemos');
  if (!isSearchTokenBody(body) || body.owner !== ownerId || body.filter !== filterHash(filter)) {
    throw new ValidationError('nextToken', 'is not a token issued by searchMemos for this search');
  }
  return { ownerId, memoId: body.after.slice(body.after.lastIndexOf('#') + 1), createdAtId: body.after };
}

/** Words in order (the last one is a prefix), tags in any order (a memo must carry them all). */
function filterHash(filter: SearchFilter): string {
  const canonical = JSON.stringify([filter.words, [...filter.tagKeys].sort()]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

function isSearchTokenBody(body: unknown): body is SearchTokenBody {
  if (typeof body !== 'object' || body === null) return false;
  const { s, owner, filter, after, ...extra } = body as Record<string, unknown>;
  return (
    s === 1 &&
    typeof owner === 'string' &&
    typeof filter === 'string' &&
    typeof after === 'string' &&
    isUuid(after.slice(after.lastIndexOf('#') + 1)) &&
    Object.keys(extra).length === 0
  );
}
