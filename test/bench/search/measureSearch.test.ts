import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { emulatorClient } from '../../../bench/capacity/designTables.js';
import { measureSearch, SEARCH_PAGE_LIMIT, type SearchSettings } from '../../../bench/search/measureSearch.js';
import type { SearchFigures, SearchKind } from '../../../bench/search/searchFigures.js';
import { searchLimit } from '../../../bench/search/searchModel.js';
import { searchReportLines } from '../../../bench/search/searchReport.js';
import { TEST_STORE } from '../../helpers/testStore.js';

const endpoint = inject('dynamodbEndpoint');
// Small, so the file stays fast; the figures' shape and the units' proportions, never times.
const SETTINGS: SearchSettings = { sizes: [200, 2000], neighbourMemos: 200, repeats: 2 };
const [SMALL, LARGE] = SETTINGS.sizes as [number, number];
let figures: SearchFigures;
let tablesBefore: string[];

beforeAll(async () => {
  tablesBefore = await searchTables();
  figures = await measureSearch({ endpoint, description: TEST_STORE }, SETTINGS, () => {});
}, 120_000);

async function searchTables(): Promise<string[]> {
  const client = emulatorClient(endpoint);
  try {
    const { TableNames = [] } = await client.send(new ListTablesCommand({}));
    return TableNames.filter((name) => name.startsWith('memoSearch'));
  } finally {
    client.destroy();
  }
}

const row = (memos: number, kind: SearchKind) => figures.rows.find((r) => r.memos === memos && r.kind === kind)!.firstPage;

describe('measureSearch', () => {
  it('leaves no table behind', async () => {
    expect((await searchTables()).filter((name) => !tablesBefore.includes(name))).toEqual([]);
  });

  it('measures every kind of search at every size, each page full or the last, with the matching shares the corpus promises', () => {
    expect(figures.rows).toHaveLength(SETTINGS.sizes.length * 5);
    for (const { memos, kind, matching, firstPage } of figures.rows) {
      const share = {
        'rare word (1 %)': 0.01,
        'common word (50 %)': 0.5,
        'tag (10 %)': 0.1,
        'common word + tag (5 %)': 0.05,
        'no match': 0,
      }[kind];
      expect(matching).toBe(memos * share);
      expect(firstPage.received).toBe(Math.min(SEARCH_PAGE_LIMIT, matching));
      expect(firstPage.hasNextToken).toBe(matching > SEARCH_PAGE_LIMIT);
    }
  });

  it("reads the whole partition for no match, and never the neighbour's memos, which match every search", () => {
    for (const memos of SETTINGS.sizes) expect(row(memos, 'no match')).toMatchObject({ itemsRead: memos, received: 0 });
  });

  it('pays for no match about in proportion to the memos read', () => {
    const [small, large] = [row(SMALL, 'no match'), row(LARGE, 'no match')];
    const ratio = large.readUnits / small.readUnits;
    // Each Query rounds its units up: a few more small Queries for the small owner, so a little under 10x.
    expect(ratio).toBeGreaterThan(0.8 * (LARGE / SMALL));
    expect(ratio).toBeLessThanOrEqual(LARGE / SMALL);
    expect(large.requests).toBeGreaterThan(small.requests);
  });

  it("reads a common word's first page in two Queries (a page and one more, then twice that), whatever the owner holds", () => {
    for (const memos of SETTINGS.sizes) {
      const page = row(memos, 'common word (50 %)');
      // Half of 21 items match: the second Query (42 items) completes the 21 matches.
      expect(page.requests).toBe(2);
      expect(page.itemsRead).toBeGreaterThanOrEqual(2 * (SEARCH_PAGE_LIMIT + 1) - 1);
      expect(page.itemsRead).toBeLessThanOrEqual(3 * (SEARCH_PAGE_LIMIT + 1));
    }
    expect(row(SMALL, 'common word (50 %)').readUnits).toBe(row(LARGE, 'common word (50 %)').readUnits);
  });

  it('reads more for a rarer filter: common word < tag < word + tag, and the tag reads about 1/10 of what it needs', () => {
    const page = (kind: SearchKind) => row(LARGE, kind).itemsRead;
    expect(page('common word (50 %)')).toBeLessThan(page('tag (10 %)'));
    expect(page('tag (10 %)')).toBeLessThan(page('common word + tag (5 %)'));
    expect(page('tag (10 %)')).toBeGreaterThanOrEqual(10 * SEARCH_PAGE_LIMIT);
  });

  it('says the design adds no write, and models the limit from the Queries of a whole-partition read', () => {
    expect(figures.addedWriteUnitsPerMemo).toBe(0);
    const largest = Math.max(...figures.rows.map((r) => r.firstPage.largestQueryItems));
    expect(figures.limits.map((limit) => limit.queryMs)).toEqual([10, 20, 40]);
    for (const limit of figures.limits)
      expect(limit).toEqual(
        searchLimit({
          queryMs: limit.queryMs,
          handlerMsPerMemo: limit.handlerMsPerMemo,
          budgetMs: 300,
          limit: SEARCH_PAGE_LIMIT,
          largestQuery: largest,
        }),
      );
    // A slower Query fits fewer memos in the budget.
    expect(figures.limits[0]!.memos).toBeGreaterThan(figures.limits[2]!.memos);
  });

  it('prints the table and the limit', () => {
    const printed = searchReportLines(figures).join('\n');
    for (const part of ['Search (issue 20)', '| memos', 'no match', 'Added write cost per memo: 0', 'memos per user'])
      expect(printed).toContain(part);
    expect(JSON.parse(JSON.stringify(figures))).toEqual(figures);
  });
});

describe('searchLimit', () => {
  it.each([
    [20, 0, 1000, 15, 21 + 42 + 84 + 168 + 336 + 672 + 9 * 1000],
    [10, 0, 1000, 30, 1323 + 24 * 1000],
    [300, 0, 1000, 1, 21],
    // 10 ms per Query and 0.01 ms per memo: each full Query costs 20 ms; the first six cost 60 + 13.23 ms.
    [10, 0.01, 1000, 6 + 11, 1323 + 11 * 1000],
  ])(
    'at %i ms per Query, %f ms per memo and Queries of at most %i items: %i Queries, %i memos',
    (queryMs, perMemo, largest, queries, memos) => {
      expect(searchLimit({ queryMs, handlerMsPerMemo: perMemo, budgetMs: 300, limit: 20, largestQuery: largest })).toEqual({
        queryMs,
        budgetMs: 300,
        handlerMsPerMemo: perMemo,
        queries,
        memos,
      });
    },
  );
});
