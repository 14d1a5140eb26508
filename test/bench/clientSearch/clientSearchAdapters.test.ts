import { describe, expect, it } from 'vitest';
import type { ClientSearchAdapter, IndexedMemo, SearchRequest } from '../../../bench/clientSearch/clientSearchAdapter.js';
import { clientCorpus } from '../../../bench/clientSearch/clientCorpus.js';
import { corpusEdits, editedCorpus, typedQueries } from '../../../bench/clientSearch/clientQueries.js';
import { createAdapter as flexSearch } from '../../../bench/clientSearch/flexSearchAdapter.js';
import { createAdapter as miniSearch } from '../../../bench/clientSearch/miniSearchAdapter.js';
import { createAdapter as orama } from '../../../bench/clientSearch/oramaAdapter.js';
import { countMismatches, referenceSearch } from '../../../bench/clientSearch/referenceSearch.js';
import { SEARCH_CASES } from '../../fixtures/searchCases.js';

// The adapters are plain modules: here they run in Node on the shared case table, where the bench
// runs them in Chromium. MiniSearch and FlexSearch claim to express the rules; Orama does not.
const EXACT = { MiniSearch: miniSearch, FlexSearch: flexSearch };

/** A case's memos as the replica holds them, oldest first, one minute apart. */
function caseMemos(memos: (typeof SEARCH_CASES)[number]['memos']): IndexedMemo[] {
  return memos.map((memo, i) => ({
    id: `memo-${i}`,
    title: memo.title,
    content: memo.content,
    tags: memo.tags ?? [],
    createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
  }));
}

async function titlesFound(adapter: ClientSearchAdapter, memos: IndexedMemo[], query = '', tags: readonly string[] = []) {
  const ids = await adapter.search({ query, tags });
  return ids.map((id) => memos.find((memo) => memo.id === id)!.title);
}

/** The searches one after another, as the bench runs them. */
async function searchAll(adapter: ClientSearchAdapter, requests: readonly SearchRequest[]): Promise<string[][]> {
  const answers: string[][] = [];
  for (const request of requests) answers.push(await adapter.search(request));
  return answers;
}

describe.each(Object.entries(EXACT))('%s adapter', (_library, createAdapter) => {
  it.each(SEARCH_CASES.map((searchCase) => [searchCase.name, searchCase] as const))(
    'finds what the shared table says: %s',
    async (_name, searchCase) => {
      const memos = caseMemos(searchCase.memos);
      const adapter = createAdapter();
      adapter.build(memos);
      expect(await titlesFound(adapter, memos, searchCase.query ?? '', searchCase.tags ?? [])).toEqual(searchCase.expected);
    },
  );

  it('answers as the linear reference over the generated memos, before and after edits', async () => {
    const memos = clientCorpus(300);
    const adapter = createAdapter();
    adapter.build(memos);
    const searches = typedQueries();
    const answers = await searchAll(adapter, searches);
    expect(
      countMismatches(
        searches,
        searches.map((request) => referenceSearch(memos, request)),
        answers,
      ).searches,
    ).toBe(0);

    const edits = corpusEdits(memos, 3);
    for (const memo of edits.replacements) await adapter.replace(memo);
    for (const id of edits.removals) await adapter.remove(id);
    const edited = editedCorpus(memos, edits);
    const after = await searchAll(adapter, edits.checks);
    expect(after[0]).toEqual(edits.replacements.map((memo) => memo.id).reverse());
    expect(
      countMismatches(
        edits.checks,
        edits.checks.map((request) => referenceSearch(edited, request)),
        after,
      ).searches,
    ).toBe(0);
  });
});

describe('the Orama adapter', () => {
  it('finds a single whole word and a tag as the rules do, where its AND of prefixes is not involved', async () => {
    const memos = caseMemos(SEARCH_CASES[0]!.memos);
    const adapter = orama();
    adapter.build(memos);
    expect(await titlesFound(adapter, memos, 'roadmap')).toEqual(['Monday']);
    expect(await titlesFound(adapter, memos, '', ['WORK'])).toEqual(['Wednesday', 'Monday']);
  });
});

describe('countMismatches', () => {
  const requests = [
    { query: 'a', tags: [] },
    { query: 'b', tags: [] },
    { query: 'c', tags: ['t'] },
    { query: 'd', tags: [] },
  ];
  it('counts searches that miss, add or reorder memos, and the memos missing and extra', () => {
    const expected = [['1', '2'], ['3'], ['4', '5'], []];
    const answers = [['1', '2'], ['3', '9'], ['5', '4'], []];
    expect(countMismatches(requests, expected, answers)).toEqual({
      searches: 2,
      missing: 0,
      extra: 1,
      examples: ['"b": 0 missing, 1 extra', '"c" tags ["t"]: 0 missing, 0 extra, order differs'],
    });
    expect(countMismatches(requests, expected, [['1'], ['3'], ['4', '5'], []])).toMatchObject({ searches: 1, missing: 1, extra: 0 });
  });
});
