import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished, vi } from 'vitest';
import type { VerifiedCaller } from '../../local/auth/verifiedCaller.js';
import { startLocalApi } from '../../local/server.js';
import { MEMO_LIMITS } from '../../resolvers/lib/memoRules.js';
import { SEARCH_LIMITS } from '../../resolvers/lib/searchQuery.js';
import type { MemoChangePage, MemoRecord } from '../../resolvers/store/memoStore.js';
import { OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';
import { encodeSearchToken } from '../../resolvers/store/searchToken.js';
import { SearchMemosDocument } from '../../sdk/src/generated/operations.js';
import { SEARCH_CASES } from '../fixtures/searchCases.js';
import { iamCaller, userPoolCaller } from '../helpers/callers.js';
import { signIn } from '../helpers/localCredentials.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { resolveField, resolveOk, type FieldOutcome } from '../helpers/resolveField.js';
import { deleteTestTable, testMemoStore } from '../helpers/testStore.js';
import { postGraphQL } from '../local/helpers/localApiProcess.js';

type Page = { items: MemoRecord[]; nextToken: string | null };

const search = <T = Page>(args: Record<string, unknown>, caller: VerifiedCaller): Promise<FieldOutcome<T>> =>
  resolveField<T>('searchMemos', args, caller);
const searchOk = (args: Record<string, unknown>, caller: VerifiedCaller): Promise<Page> => resolveOk<Page>('searchMemos', args, caller);

/** Every page of a search, following nextToken. */
async function searchAll(caller: VerifiedCaller, args: Record<string, unknown>): Promise<Page[]> {
  const pages: Page[] = [];
  let nextToken: string | null = null;
  do {
    const page: Page = await searchOk({ ...args, nextToken }, caller);
    pages.push(page);
    nextToken = page.nextToken;
  } while (nextToken && pages.length < 1000);
  return pages;
}

const newUser = (name: string) => userPoolCaller(randomUUID(), name);
const subOf = (caller: VerifiedCaller) => (caller.identity as { sub: string }).sub;

/** Creates memos in order, each a millisecond after the one before (from `start`), so newest first is the reverse. */
async function createInOrder(
  caller: VerifiedCaller,
  memos: readonly { title?: string; content: string; tags?: readonly string[] }[],
  start = Date.UTC(2026, 10, 1),
): Promise<MemoRecord[]> {
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    const created: MemoRecord[] = [];
    for (const [index, memo] of memos.entries()) {
      vi.setSystemTime(new Date(start + index));
      created.push(await resolveOk('createMemo', { input: memo }, caller));
    }
    return created;
  } finally {
    vi.useRealTimers();
  }
}

/** The requests this test sends on the store's client, as each command received them. */
function recordRequests(): { command: string; input: Record<string, unknown> }[] {
  const requests: { command: string; input: Record<string, unknown> }[] = [];
  const client = testMemoStore().documentClient;
  const name = `recordRequests-${randomUUID()}`;
  client.middlewareStack.add(
    (next, context) => (args) => {
      requests.push({ command: String(context.commandName), input: args.input as Record<string, unknown> });
      return next(args);
    },
    { step: 'initialize', name },
  );
  onTestFinished(() => void client.middlewareStack.remove(name));
  return requests;
}

beforeAll(createMemoTable);
afterAll(() => vi.useRealTimers());

describe('searchMemos matches as the shared table says', () => {
  it.each(SEARCH_CASES.map((searchCase) => [searchCase.name, searchCase] as const))('%s', async (_name, searchCase) => {
    const caller = newUser('case');
    await createInOrder(caller, searchCase.memos);
    const pages = await searchAll(caller, { query: searchCase.query, tags: searchCase.tags, limit: 2 });
    expect(pages.flatMap((page) => page.items.map((memo) => memo.title))).toEqual(searchCase.expected);
  });
});

describe('searchMemos pages', () => {
  const alice = newUser('alice');
  let memos: MemoRecord[];
  let needles: MemoRecord[];

  beforeAll(async () => {
    // 90 memos, a third with the word; ten share each millisecond, so order rests on the memoId tie-break too.
    const fields = Array.from({ length: 90 }, (_, i) => ({ title: `memo ${i}`, content: i % 3 === 0 ? `a needle ${i}` : `hay ${i}` }));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      memos = [];
      for (let burst = 0; burst < 9; burst++) {
        vi.setSystemTime(new Date(Date.UTC(2026, 10, 2, 0, 0, 0, burst)));
        const batch = fields.slice(burst * 10, burst * 10 + 10);
        memos.push(...(await Promise.all(batch.map((input) => resolveOk('createMemo', { input }, alice)))));
      }
    } finally {
      vi.useRealTimers();
    }
    const order = (a: MemoRecord, b: MemoRecord) =>
      a.createdAt === b.createdAt ? b.memoId.localeCompare(a.memoId) : b.createdAt.localeCompare(a.createdAt);
    memos.sort(order);
    needles = memos.filter((memo) => memo.content.includes('needle'));
  });

  it.each([1, 7, 20, 29, 30, 100])('at limit %i: full pages but the last, newest first, no gap or duplicate', async (limit) => {
    const pages = await searchAll(alice, { query: 'needle', limit });
    expect(pages.flatMap((page) => page.items)).toEqual(needles);
    expect(pages.slice(0, -1).every((page) => page.items.length === limit)).toBe(true);
    expect(pages.at(-1)!.items.length).toBeGreaterThan(0);
    expect(pages.at(-1)!.nextToken).toBeNull();
  });

  it('gives no nextToken when the matches exactly fill the page', async () => {
    const page = await searchOk({ query: 'needle', limit: needles.length }, alice);
    expect(page).toEqual({ items: needles, nextToken: null });
  });

  it('without a query or tags lists every memo in one Query per page, as listMemos does', async () => {
    const requests = recordRequests();
    const page = await searchOk({ limit: 20 }, alice);
    expect(page.items).toEqual(memos.slice(0, 20));
    expect(requests.map(({ command }) => command)).toEqual(['QueryCommand']);
    const listed = await resolveOk<Page>('listMemos', { limit: 20 }, alice);
    expect(listed.items).toEqual(page.items);
  });

  it("reads only the caller's partition of the owner index, never a Scan, even when the one match is among the oldest", async () => {
    const requests = recordRequests();
    const page = await searchOk({ query: 'needle 0' }, alice);
    expect(page).toEqual({ items: [memos.find((memo) => memo.content === 'a needle 0')], nextToken: null });
    expect(requests.length).toBeGreaterThan(1);
    for (const { command, input } of requests) {
      expect(command).toBe('QueryCommand');
      expect(input).toMatchObject({ IndexName: OWNER_INDEX.name, ExpressionAttributeValues: { ':owner': subOf(alice) } });
    }
  });

  it('gives a user with no memos, or no match, one empty page', async () => {
    expect(await searchOk({ query: 'needle' }, newUser('nobody'))).toEqual({ items: [], nextToken: null });
    expect(await searchOk({ query: 'absent' }, alice)).toEqual({ items: [], nextToken: null });
  });

  it('accepts the token with the same search spelled otherwise (the normalised words and the set of tags)', async () => {
    const first = await searchOk({ query: 'Needle', tags: [], limit: 5 }, alice);
    const again = await searchOk({ query: '  NEEDLE!', limit: 5, nextToken: first.nextToken }, alice);
    expect(again.items).toEqual(needles.slice(5, 10));
  });
});

describe('searchMemos follows changes', () => {
  it('finds an updated memo by its new words only, and a deleted one no more', async () => {
    const caller = newUser('editor');
    const [kept, changed, removed] = await createInOrder(caller, [
      { content: 'kiwi kept' },
      { content: 'kiwi old words' },
      { content: 'kiwi removed' },
    ]);
    const updated = await resolveOk('updateMemo', { input: { memoId: changed!.memoId, content: 'mango new words' } }, caller);
    await resolveOk('deleteMemo', { memoId: removed!.memoId }, caller);
    expect((await searchOk({ query: 'kiwi' }, caller)).items).toEqual([kept]);
    expect((await searchOk({ query: 'mango' }, caller)).items).toEqual([updated]);
    expect((await searchOk({ query: 'old' }, caller)).items).toEqual([]);
  });
});

const tagList = (count: number) => Array.from({ length: count }, (_, i) => `tag${i}`);
const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i}`).join(' ');

describe('searchMemos refuses bad input with a ValidationError naming the argument', () => {
  const caller = newUser('careless');
  it.each<[string, Record<string, unknown>, string]>([
    [`a query of ${SEARCH_LIMITS.queryMaxChars + 1} characters`, { query: 'é'.repeat(SEARCH_LIMITS.queryMaxChars + 1) }, 'query'],
    [`a query of ${SEARCH_LIMITS.queryMaxWords + 1} words`, { query: words(SEARCH_LIMITS.queryMaxWords + 1) }, 'query'],
    ['a query that is a number', { query: 42 }, 'query'],
    ['a query holding a lone surrogate', { query: 'half \ud800' }, 'query'],
    [`${MEMO_LIMITS.tagsMax + 1} tags`, { tags: tagList(MEMO_LIMITS.tagsMax + 1) }, 'tags'],
    ['tags that are not a list', { tags: 'work' }, 'tags'],
    ['a blank tag', { tags: ['work', '  '] }, 'tags[1]'],
    [`a tag of ${MEMO_LIMITS.tagMaxChars + 1} characters`, { tags: ['x'.repeat(MEMO_LIMITS.tagMaxChars + 1)] }, 'tags[0]'],
    ['a null tag', { tags: [null] }, 'tags[0]'],
    ['limit 0', { limit: 0 }, 'limit'],
    ['limit 101', { limit: 101 }, 'limit'],
    ['a fractional limit', { limit: 2.5 }, 'limit'],
    ['a nextToken that is a number', { nextToken: 5 }, 'nextToken'],
    ['a nextToken that is garbage', { nextToken: '!!!' }, 'nextToken'],
    ['a hand-made nextToken', { nextToken: `${Buffer.from('{"s":1}').toString('base64url')}.AAAAAAAAAAAAAAAAAAAAAA` }, 'nextToken'],
  ])('%s', async (_case, args, field) => {
    expect(await search(args, caller)).toMatchObject({ errorType: 'ValidationError', errorInfo: { field } });
  });

  it.each<[string, Record<string, unknown>]>([
    [`a query of ${SEARCH_LIMITS.queryMaxChars} characters`, { query: 'é'.repeat(SEARCH_LIMITS.queryMaxChars) }],
    [`a query of ${SEARCH_LIMITS.queryMaxWords} words, punctuation aside`, { query: `${words(SEARCH_LIMITS.queryMaxWords)} - , !` }],
    [`${MEMO_LIMITS.tagsMax} tags, and duplicates ignoring case`, { tags: [...tagList(MEMO_LIMITS.tagsMax), 'TAG0'] }],
    ['limit 1', { limit: 1 }],
    ['limit 100', { limit: 100 }],
  ])('accepts %s', async (_case, args) => {
    expect(await search(args, caller)).toEqual({ data: { items: [], nextToken: null } });
  });
});

describe('searchMemos keeps every user to their own memos', () => {
  const alice = newUser('alice');
  const bob = newUser('bob');
  const SECRET = 'alice-secret-word';
  let aliceToken: string;

  beforeAll(async () => {
    await createInOrder(
      alice,
      Array.from({ length: 4 }, (_, i) => ({ title: `plan ${i}`, content: `${SECRET} ${i}`, tags: ['private'] })),
    );
    await createInOrder(bob, [
      { title: 'plan of bob', content: 'bob only', tags: ['private'] },
      { title: 'another plan of bob', content: 'bob only', tags: ['private'] },
    ]);
    aliceToken = (await searchOk({ query: 'plan', limit: 1 }, alice)).nextToken!;
    expect(aliceToken).toEqual(expect.any(String));
  });

  const refusedToken = { errorType: 'ValidationError', errorInfo: { field: 'nextToken' } };
  type Attempt = [Record<string, unknown>, VerifiedCaller];

  /** A real token (there is a next page), issued to IAM for `owner`'s search. */
  async function tokenOfIamNaming(owner: VerifiedCaller): Promise<string> {
    const { nextToken } = await searchOk({ query: 'plan', limit: 1, ownerId: subOf(owner) }, iamCaller());
    expect(nextToken).toEqual(expect.any(String));
    return nextToken!;
  }

  it.each<[string, () => Attempt | Promise<Attempt>, object]>([
    ["bob reuses alice's token with her query", () => [{ query: 'plan', limit: 1, nextToken: aliceToken }, bob], refusedToken],
    ["bob names alice's ownerId", () => [{ query: 'plan', ownerId: subOf(alice) }, bob], { errorType: 'Unauthorized' }],
    ['alice names her own ownerId', () => [{ query: 'plan', ownerId: subOf(alice) }, alice], { errorType: 'Unauthorized' }],
    ["alice's token with another query", () => [{ query: 'plans', limit: 1, nextToken: aliceToken }, alice], refusedToken],
    ["alice's token with tags added", () => [{ query: 'plan', tags: ['private'], nextToken: aliceToken }, alice], refusedToken],
    ["alice's token with the query dropped", () => [{ nextToken: aliceToken }, alice], refusedToken],
    [
      'IAM names bob, then alice uses the token',
      async () => [{ query: 'plan', nextToken: await tokenOfIamNaming(bob) }, alice],
      refusedToken,
    ],
    [
      'IAM names bob, then IAM uses the token naming alice',
      async () => [{ query: 'plan', ownerId: subOf(alice), nextToken: await tokenOfIamNaming(bob) }, iamCaller()],
      refusedToken,
    ],
    [
      'IAM names alice, then bob uses the token',
      async () => [{ query: 'plan', nextToken: await tokenOfIamNaming(alice) }, bob],
      refusedToken,
    ],
    [
      "bob sends alice's listMemos token",
      async () => [{ nextToken: (await resolveOk<Page>('listMemos', { limit: 1 }, alice)).nextToken }, bob],
      refusedToken,
    ],
    [
      "bob sends alice's memoChanges cursor",
      async () => [{ nextToken: (await resolveOk<MemoChangePage>('memoChanges', { limit: 1 }, alice)).cursor }, bob],
      refusedToken,
    ],
    [
      'bob forges a token for his own search under another key',
      () => {
        const last = { ownerId: subOf(bob), memoId: randomUUID(), createdAtId: `2026-11-01T00:00:00.000Z#${randomUUID()}` };
        return [{ query: 'plan', nextToken: encodeSearchToken(last, { words: ['plan'], tagKeys: [] }, 'another key') }, bob];
      },
      refusedToken,
    ],
    ['IAM names nobody', () => [{ query: 'plan' }, iamCaller()], { errorType: 'ValidationError', errorInfo: { field: 'ownerId' } }],
  ])('%s: refused', async (_case, attempt, refusal) => {
    const [args, caller] = await attempt();
    expect(await search(args, caller)).toMatchObject(refusal);
  });

  it.each<[string, Record<string, unknown>]>([
    ["alice's word", { query: SECRET }],
    ["alice's titles", { query: 'plan' }],
    ['the tag both use', { tags: ['private'] }],
    ['everything', {}],
  ])('bob searching %s finds his memos only', async (_case, args) => {
    const items = (await searchAll(bob, args)).flatMap((page) => page.items);
    expect(items.every((memo) => memo.ownerId === subOf(bob))).toBe(true);
    expect(JSON.stringify(items)).not.toContain(SECRET);
  });

  it("continues alice's search with her own token", async () => {
    expect((await searchOk({ query: 'plan', limit: 1, nextToken: aliceToken }, alice)).items.map((memo) => memo.title)).toEqual(['plan 2']);
  });

  it('lets IAM search one named owner, and only that one', async () => {
    const items = (await searchAll(iamCaller(), { query: 'plan', ownerId: subOf(alice), limit: 3 })).flatMap((page) => page.items);
    expect(items.map((memo) => memo.title)).toEqual(['plan 3', 'plan 2', 'plan 1', 'plan 0']);
    expect(await resolveField('memo', { memoId: items[0]!.memoId }, bob)).toEqual({ data: null });
  });
});

describe('searchMemos on the local runtime', () => {
  it('is served over GraphQL with the SDK document, from the handlers fields.ts lists', async () => {
    const tableName = `memoTable-search-${randomUUID()}`;
    const api = await startLocalApi({ dynamodbEndpoint: inject('dynamodbEndpoint'), tableName });
    onTestFinished(async () => {
      await api.close();
      await deleteTestTable(tableName);
    });
    const { userPoolEndpoint, userPoolClientId, users } = api.clientConfig;
    const alice = users.find((user) => user.username === 'alice')!;
    const { idToken } = await signIn(userPoolEndpoint, userPoolClientId, alice.username, alice.password);
    const post = (query: string, variables: Record<string, unknown>) =>
      postGraphQL(api.url, { query, variables }, { authorization: idToken });
    const create = 'mutation ($input: CreateMemoInput!) { createMemo(input: $input) { memoId } }';
    await post(create, { input: { content: 'Quarterly meeting', tags: ['Work'] } });
    await post(create, { input: { content: 'Quarterly taxes' } });

    const { status, body } = await post(print(SearchMemosDocument), { query: 'QUARTERLY meet', tags: ['work'] });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.searchMemos.items.map((memo: MemoRecord) => memo.content)).toEqual(['Quarterly meeting']);
    expect(body.data.searchMemos.nextToken).toBeNull();
  });
});
