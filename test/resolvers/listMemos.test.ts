import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoConnection } from '../../generated/schemaTypes.js';
import type { MemoRecord } from '../../resolvers/store/memoStore.js';
import { encodePageToken } from '../../resolvers/lib/pageToken.js';
import { countDynamoCalls } from '../helpers/countRequests.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk } from '../helpers/resolveField.js';

type Page = { items: MemoRecord[]; nextToken: string | null };

const STORED = 45;
let created: MemoRecord[];

beforeAll(async () => {
  await createMemoTable();
  created = await Promise.all(
    Array.from({ length: STORED }, (_, i) => resolveOk('createMemo', { input: { content: `memo ${i}` } })),
  );
});

async function listAll(limit?: number): Promise<{ pages: Page[]; items: MemoRecord[] }> {
  const pages: Page[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page = await resolveOk<Page>('listMemos', { limit, nextToken });
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken);
  return { pages, items: pages.flatMap((page) => page.items) };
}

describe('listMemos', () => {
  it('pages through every memo exactly once with the default limit of 20', async () => {
    const { pages, items } = await listAll();
    expect(pages[0]?.items).toHaveLength(20);
    expect(items.map((memo) => memo.memoId).sort()).toEqual(created.map((memo) => memo.memoId).sort());
    expect(items).toEqual(expect.arrayContaining(created));
  });

  it.each([1, 7, 100])('honours limit %i', async (limit) => {
    const { pages, items } = await listAll(limit);
    expect(pages.every((page) => page.items.length <= limit)).toBe(true);
    expect(pages[0]?.items).toHaveLength(Math.min(limit, STORED));
    expect(new Set(items.map((memo) => memo.memoId)).size).toBe(STORED);
  });

  it('ends with a null nextToken', async () => {
    const { pages } = await listAll(100);
    expect(pages.at(-1)?.nextToken).toBeNull();
  });

  it('issues an opaque, URL-safe, signed nextToken', async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 2 });
    expect(page.nextToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  });

  it('makes one DynamoDB call (Scan) per page', async () => {
    const counter = countDynamoCalls();
    const { pages } = await listAll(10);
    expect(counter.calls).toEqual({ Scan: pages.length });
  });

  it.each([
    ['garbage', '!!!not base64!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['JSON of the wrong shape', Buffer.from('{"foo":1}').toString('base64url')],
    ['a key that is not a UUID', Buffer.from('{"v":1,"after":"x"}').toString('base64url')],
    ['an unknown token version', Buffer.from('{"v":2,"after":"00000000-0000-4000-8000-000000000000"}').toString('base64url')],
    ['extra fields', Buffer.from('{"v":1,"after":"00000000-0000-4000-8000-000000000000","x":1}').toString('base64url')],
    ['an empty string', ''],
    ['an oversized token', 'A'.repeat(5000)],
  ])('rejects a nextToken that is %s with a ValidationError', async (_case, nextToken) => {
    expect(await resolveField('listMemos', { nextToken })).toMatchObject({
      errorType: 'ValidationError',
      message: 'nextToken is not a token issued by listMemos',
      errorInfo: { field: 'nextToken' },
    });
  });

  it.each([5, 12, 22, 30, -3])('rejects a token with the character at %i changed', async (position) => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 1 });
    const token = page.nextToken!;
    const at = position < 0 ? token.length + position : position;
    const tampered = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    expect(await resolveField('listMemos', { nextToken: tampered })).toMatchObject({ errorType: 'ValidationError' });
  });

  it('rejects a well-formed token it did not sign', async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 1 });
    const forgedBody = Buffer.from(JSON.stringify({ v: 1, after: created[3]!.memoId })).toString('base64url');
    const [, signature] = page.nextToken!.split('.');
    expect(await resolveField('listMemos', { nextToken: `${forgedBody}.${signature}` })).toMatchObject({ errorType: 'ValidationError' });
    expect(await resolveField('listMemos', { nextToken: encodePageToken(created[3]!.memoId, 'another key') })).toMatchObject({
      errorType: 'ValidationError',
    });
  });

  it('accepts the same token twice (tokens are stateless)', async () => {
    const page = await resolveOk<MemoConnection>('listMemos', { limit: 5 });
    const again = await resolveOk<MemoConnection>('listMemos', { limit: 5, nextToken: page.nextToken });
    const twice = await resolveOk<MemoConnection>('listMemos', { limit: 5, nextToken: page.nextToken });
    expect(twice).toEqual(again);
  });
});
