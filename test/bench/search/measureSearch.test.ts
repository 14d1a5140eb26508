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

  it('measures the lookup designs on the same searches, each page as full as the owner index gives it', () => {
    const { rows } = figures.designs;
    expect(rows).toHaveLength(3 * SETTINGS.sizes.length * 5);
    for (const ownerIndex of rows.filter((r) => r.design === 'owner index'))
      for (const design of ['tag items', 'word items'] as const) {
        const other = rows.find((r) => r.design === design && r.memos === ownerIndex.memos && r.kind === ownerIndex.kind)!;
        expect({ design, kind: ownerIndex.kind, received: other.received, next: other.hasNextToken }).toEqual({
          design,
          kind: ownerIndex.kind,
          received: ownerIndex.received,
          next: ownerIndex.hasNextToken,
        });
      }
    // Tag items look up only tags: a word alone goes to the owner index, as deployed.
    const tagItems = rows.filter((r) => r.design === 'tag items');
    expect(tagItems.filter((r) => r.asOwnerIndex).map((r) => r.kind)).toEqual(
      expect.arrayContaining(['rare word (1 %)', 'common word (50 %)', 'no match']),
    );
    expect(tagItems.filter((r) => r.kind.includes('tag')).every((r) => !r.asOwnerIndex && r.batchGets > 0)).toBe(true);
  });

  it('reads what a page needs on word items, whatever the owner holds: no match is one empty Query', () => {
    const design = (memos: number, kind: SearchKind) =>
      figures.designs.rows.find((r) => r.design === 'word items' && r.memos === memos && r.kind === kind)!;
    for (const memos of SETTINGS.sizes) {
      expect(design(memos, 'no match')).toMatchObject({ requests: 1, batchGets: 0, received: 0 });
      // An empty Query: DynamoDB Local reports 0 units, AWS bills its ½-unit minimum.
      expect(design(memos, 'no match').readUnits).toBeLessThanOrEqual(0.5);
    }
    for (const kind of ['rare word (1 %)', 'tag (10 %)'] as const)
      expect(design(LARGE, kind).readUnits).toBeLessThan(row(LARGE, kind).readUnits);
    expect(design(LARGE, 'tag (10 %)').readUnits).toBe(design(SMALL, 'tag (10 %)').readUnits);
  });

  it('prices the writes: tag items leave a content update alone; word items add an item per distinct word and tag; with prefixes, past one transaction', () => {
    const { prose, writes } = figures.designs;
    const write = (layout: string, operation: string) => writes.find((w) => w.layout === layout && w.operation === operation)!;
    expect(write('tag items', 'create')).toMatchObject({ lookupItems: prose.tags, transactions: 1 });
    expect(write('tag items', 'update content')).toMatchObject({ lookupItems: 0, transactions: 0, addedUnitsTransactional: 0 });
    expect(write('word items', 'create').lookupItems).toBe(prose.distinctWords + prose.tags);
    expect(write('word items', 'update content').lookupItems).toBe(prose.updateAdds + prose.updateRemoves);
    // Whole words still need their own items: a prefix's items also hold the longer words it starts.
    expect(write('word items + prefixes', 'create').lookupItems).toBe(prose.distinctWords + prose.distinctPrefixes + prose.tags);
    for (const w of writes) {
      // One memo action besides the lookup items, at most 100 actions a transaction.
      expect(w.transactions).toBe(w.lookupItems === 0 ? 0 : Math.ceil((w.lookupItems + 1) / 100));
      // Lookup items are far below 1 KB: 1 unit each, twice in a transaction, plus the memo's write doubled.
      expect(w.addedUnitsBatched).toBe(w.lookupItems);
      if (w.lookupItems > 0) expect(w.addedUnitsTransactional).toBeGreaterThan(2 * w.lookupItems);
    }
    expect(write('word items + prefixes', 'create').transactions).toBeGreaterThan(1);
  });

  it('models the limit from the CPU per memo measured in-process, fewer memos on a smaller Lambda', () => {
    expect(figures.handlerCpu.perMemoMs).toBeGreaterThan(figures.handlerCpu.matchingMsPerMemo);
    expect(figures.handlerCpu.matchingMsPerMemo).toBeGreaterThan(0);
    for (const queryMs of [10, 20, 40]) {
      const [small, full] = [512, 1769].map((memoryMb) => figures.cpuLimits.find((l) => l.memoryMb === memoryMb && l.queryMs === queryMs)!);
      expect(small!.handlerMsPerMemo).toBeGreaterThan(full!.handlerMsPerMemo);
      expect(small!.memos).toBeLessThanOrEqual(full!.memos);
    }
  });

  it('prints the table and the limit', () => {
    const printed = searchReportLines(figures).join('\n');
    for (const part of [
      'Search (issue 20)',
      '| memos',
      'no match',
      'Added write cost per memo: 0',
      'memos per user',
      'Designs compared',
      'word items + prefixes',
    ])
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
