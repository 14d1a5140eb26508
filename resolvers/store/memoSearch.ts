import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { memoMatcher, type SearchFilter } from '../lib/searchMatch.js';
import { fromItem, ownerIndexKeyOf, type MemoRecord, type OwnerIndexKey } from './memoItem.js';
import { ownerPageQuery } from './ownerPageQuery.js';
import { decodeSearchToken, encodeSearchToken } from './searchToken.js';

/**
 * The most items one Query of a search evaluates. Reads start at a page's worth and double, so a
 * search that matches most memos costs what listMemos does and a rare word pays in few round
 * trips; DynamoDB also stops each Query at 1 MB.
 */
export const SEARCH_CHUNK_MAX = 1000;

/** What a search needs of the store. */
export interface SearchSource {
  readonly documentClient: DynamoDBDocumentClient;
  readonly tableName: string;
  readonly tokenKey: string;
}

export interface SearchPage {
  items: MemoRecord[];
  nextToken: string | null;
}

/**
 * One page of `ownerId`'s memos matching `filter`, newest first: the owner index is read in
 * order, chunk by chunk (never a Scan, never another partition), and matched here, until the page
 * holds `limit` matches and one more proves a next page exists. So a page is full unless it is
 * the last, and a nextToken always leads to at least one memo. The token continues after the
 * page's last memo, so the one extra match is read again by the next page.
 *
 * @throws {ValidationError} when `nextToken` is not one searchMemos issued for this owner and filter
 */
export async function searchOwnerMemos(
  source: SearchSource,
  ownerId: string,
  filter: SearchFilter,
  limit: number,
  nextToken: unknown,
): Promise<SearchPage> {
  let startAfter: OwnerIndexKey | undefined = decodeSearchToken(nextToken, source.tokenKey, ownerId, filter);
  const matches = memoMatcher(filter);
  const found: Record<string, unknown>[] = [];
  let chunk = limit + 1;
  for (;;) {
    // listMemos' very Query (owner index, this owner's key, newest first), with the chunk as its Limit.
    const query = { ...ownerPageQuery(source.tableName, ownerId, limit, startAfter), Limit: chunk };
    const { Items = [], LastEvaluatedKey } = await source.documentClient.send(new QueryCommand(query));
    for (const item of Items) {
      if (matches(fromItem(item))) found.push(item);
      if (found.length > limit) break;
    }
    if (found.length > limit || LastEvaluatedKey === undefined) break;
    startAfter = LastEvaluatedKey as OwnerIndexKey;
    chunk = Math.min(chunk * 2, SEARCH_CHUNK_MAX);
  }
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(fromItem),
    nextToken: found.length > limit && last ? encodeSearchToken(ownerIndexKeyOf(last), filter, source.tokenKey) : null,
  };
}
