import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MemoConnection } from '../../generated/schemaTypes.js';
import { encodePageToken } from '../../resolvers/store/pageToken.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { iamCaller, OTHER_USER_SUB, userPoolCaller } from '../helpers/callers.js';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';
import { tableSnapshot } from '../helpers/tableSnapshot.js';

type Page = { items: MemoRecord[]; nextToken: string | null };

const PER_USER = 150;
const alice = userPoolCaller('a11ce000-0000-4000-8000-00000000000a', 'alice');
const bob = userPoolCaller('b0b00000-0000-4000-8000-00000000000b', 'bob');
const subOf = (caller: typeof alice) => caller.identity.sub as string;
let memosOf: Map<string, MemoRecord[]>;

/**
 * 150 memos for each of two users, created with a frozen clock in bursts of 25: every burst
 * shares one creation millisecond, so order and paging rest on the memoId tie-break.
 */
beforeAll(async () => {
  await createMemoTable();
  memosOf = new Map();
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (let burst = 0; burst < PER_USER / 25; burst++) {
      vi.setSystemTime(new Date(Date.UTC(2026, 10, 25, 12, 0, 0, burst)));
      for (const caller of [alice, bob]) {
        const created = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            resolveOk('createMemo', { input: { content: `${String(caller.identity.username)} ${burst}.${i}` } }, caller),
          ),
        );
        memosOf.set(subOf(caller), [...(memosOf.get(subOf(caller)) ?? []), ...created]);
      }
    }
  } finally {
    vi.useRealTimers();
  }
});

afterAll(() => vi.useRealTimers());

/** Newest first, ties broken by memoId descending: the order the owner index keeps. */
const newestFirst = (memos: MemoRecord[]) =>
  [...memos].sort((a, b) => (a.createdAt === b.createdAt ? b.memoId.localeCompare(a.memoId) : b.createdAt.localeCompare(a.createdAt)));

async function listAll(
  caller: typeof alice,
  limit?: number,
  extra: Record<string, unknown> = {},
): Promise<{ pages: Page[]; items: MemoRecord[] }> {
  const pages: Page[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page = await resolveOk<Page>('listMemos', { limit, nextToken, ...extra }, caller);
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken);
  return { pages, items: pages.flatMap((page) => page.items) };
}

describe('listMemos', () => {
  it.each([
    ['alice', alice],
    ['bob', bob],
  ])('gives %s exactly their own memos, newest first, no duplicate or gap across pages of the default 20', async (_name, caller) => {
    const { pages, items } = await listAll(caller);
    expect(pages.map((page) => page.items.length)).toEqual([20, 20, 20, 20, 20, 20, 20, 10]);
    expect(items).toEqual(newestFirst(memosOf.get(subOf(caller))!));
  });

  it.each([1, 7, 25, 100])('keeps the same order and coverage at limit %i, with no empty page', async (limit) => {
    const { pages, items } = await listAll(alice, limit);
    expect(pages.every((page) => page.items.length > 0 && page.items.length <= limit)).toBe(true);
    expect(pages.at(-1)?.nextToken).toBeNull();
    expect(items).toEqual(newestFirst(memosOf.get(subOf(alice))!));
  });

  it('makes one DynamoDB Query on the owner index per page, and no Scan', async () => {
    const counter = countDynamoCalls();
    const { pages } = await listAll(alice, 50);
    expect(counter.calls).toEqual({ Query: pages.length });
    expect(pages).toHaveLength(3);
  });

  it('gives a user with no memos an empty list', async () => {
    expect(await resolveOk('listMemos', {}, userPoolCaller(OTHER_USER_SUB))).toEqual({ items: [], nextToken: null });
  });

  it("refuses a nextToken issued to another user (ValidationError), leaking nothing of that user's list", async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 5 }, alice);
    const outcome = await resolveField('listMemos', { limit: 5, nextToken: page.nextToken }, bob);
    expect(outcome).toEqual({
      errorType: 'ValidationError',
      message: 'nextToken is not a token issued by listMemos for this list',
      errorInfo: { field: 'nextToken' },
    });
  });

  it('lets an IAM caller list any one owner, and refuses an IAM call that names no owner', async () => {
    const { items } = await listAll(iamCaller(), 100, { ownerId: subOf(bob) });
    expect(items).toEqual(newestFirst(memosOf.get(subOf(bob))!));
    expect(await resolveField('listMemos', {}, iamCaller())).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'ownerId' },
      message: 'ownerId is required for IAM callers',
    });
  });

  it.each([
    ['another user', () => subOf(bob)],
    ['themselves', () => subOf(alice)],
  ])('answers a user-pool caller who names an owner (%s) with Unauthorized', async (_case, ownerId) => {
    const before = await tableSnapshot();
    expect(await resolveField('listMemos', { ownerId: ownerId() }, alice)).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access listMemos on type Query: ownerId is for IAM callers only',
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it('issues an opaque, URL-safe, signed nextToken', async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 2 }, alice);
    expect(page.nextToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it.each([
    ['garbage', '!!!not base64!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from('{"foo":1}').toString('base64url')],
    ['an empty string', ''],
    ['an oversized token', 'A'.repeat(5000)],
  ])('rejects a nextToken that is %s with a ValidationError', async (_case, nextToken) => {
    expect(await resolveField('listMemos', { nextToken }, alice)).toMatchObject({
      errorType: 'ValidationError',
      errorInfo: { field: 'nextToken' },
    });
  });

  it.each([5, 12, 22, 30, -3, -1])('rejects a token with the character at %i changed', async (position) => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 1 }, alice);
    const token = page.nextToken!;
    const at = position < 0 ? token.length + position : position;
    const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(await resolveField('listMemos', { nextToken: tampered }, alice)).toMatchObject({ errorType: 'ValidationError' });
  });

  it('rejects a well-formed token it did not sign', async () => {
    const last = memosOf.get(subOf(alice))![3]!;
    const key = { ownerId: subOf(alice), memoId: last.memoId, createdAtId: `${last.createdAt}#${last.memoId}` };
    expect(await resolveField('listMemos', { nextToken: encodePageToken(key, 'another key') }, alice)).toMatchObject({
      errorType: 'ValidationError',
    });
  });

  it('accepts the same token twice (tokens are stateless)', async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 5 }, alice);
    const again = await resolveOk<MemoConnection>('listMemos', { limit: 5, nextToken: page.nextToken }, alice);
    const twice = await resolveOk<MemoConnection>('listMemos', { limit: 5, nextToken: page.nextToken }, alice);
    expect(twice).toEqual(again);
  });
});
