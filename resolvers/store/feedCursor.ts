import { validate as isUuid } from 'uuid';
import { ValidationError } from '../lib/errors.js';
import { openToken, signToken } from './tokenSignature.js';

/**
 * Where a memoChanges pull continues:
 * - `full`: a full sync paging the list index (live memos only), after `after` (its sort key;
 *   null on the first page), started at `syncStart`;
 * - `feed`: the feed index after `after` (a `<changedAt>#<memoId>` key, or a bare time), in a run
 *   of pages whose first read was at `origin` (null when a run starts here).
 */
export type FeedPosition =
  | { readonly kind: 'full'; readonly after: string | null; readonly syncStart: string }
  | { readonly kind: 'feed'; readonly after: string; readonly origin: string | null };

type CursorBody = FeedPosition & { c: 1; owner: string };

/** The cursor clients get: signed for memoChanges (a list page token never passes), bound to the owner. */
export function encodeFeedCursor(position: FeedPosition, ownerId: string, key: string): string {
  return signToken({ c: 1, owner: ownerId, ...position } satisfies CursorBody, key, 'memoChanges');
}

/**
 * The position a cursor names, or undefined for none (a full sync from the start).
 * @throws {ValidationError} when the cursor is not one memoChanges issued for `ownerId`
 */
export function decodeFeedCursor(cursor: unknown, key: string, ownerId: string): FeedPosition | undefined {
  if (cursor == null) return undefined;
  const body = openToken(cursor, key, 'memoChanges');
  if (!isCursorBody(body) || body.owner !== ownerId) {
    throw new ValidationError('cursor', 'is not a cursor issued by memoChanges for this owner');
  }
  return body.kind === 'full'
    ? { kind: 'full', after: body.after, syncStart: body.syncStart }
    : { kind: 'feed', after: body.after, origin: body.origin };
}

/** The time a position stands at: what SyncExpired compares with the retention. */
export function positionTime(position: FeedPosition): string {
  return position.kind === 'full' ? position.syncStart : position.after.split('#')[0]!;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function isTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value);
}

/** `<time>#<uuid>`, or (feed only) a bare time. */
function isKey(value: unknown, bareTimeAllowed: boolean): value is string {
  if (typeof value !== 'string') return false;
  const [time, memoId, ...rest] = value.split('#');
  return isTime(time) && rest.length === 0 && (memoId === undefined ? bareTimeAllowed : isUuid(memoId));
}

function isCursorBody(body: unknown): body is CursorBody {
  if (typeof body !== 'object' || body === null) return false;
  const { c, owner, kind, after, ...rest } = body as Record<string, unknown>;
  if (c !== 1 || typeof owner !== 'string') return false;
  const keys = Object.keys(rest);
  if (kind === 'full') return (after === null || isKey(after, false)) && isTime(rest.syncStart) && keys.join() === 'syncStart';
  if (kind === 'feed') return isKey(after, true) && (rest.origin === null || isTime(rest.origin)) && keys.join() === 'origin';
  return false;
}
