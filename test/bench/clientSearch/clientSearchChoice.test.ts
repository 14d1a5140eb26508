import { describe, expect, it } from 'vitest';
import { chooseClientSearch, GZIP_TIE_BYTES, QUERY_P95_BUDGET_MS, RULE_MEMOS } from '../../../bench/clientSearch/clientSearchChoice.js';
import type { ClientSearchRow } from '../../../bench/clientSearch/clientSearchFigures.js';

const none = { searches: 0, missing: 0, extra: 0, examples: [] };

function row(
  library: string,
  figures: { gzip: number; buildMs: number; p95?: number; mismatched?: number; editMismatched?: number },
): ClientSearchRow {
  return {
    library,
    version: '1.0.0',
    bundleBytes: figures.gzip * 3,
    bundleGzipBytes: figures.gzip,
    buildMs: { median: figures.buildMs, p25: figures.buildMs, p75: figures.buildMs },
    queryP50Ms: 1,
    queryP95Ms: figures.p95 ?? 2,
    queryMaxMs: 5,
    replaceMs: 0.1,
    removeMs: 0.1,
    heapMiB: 10,
    indexHeapMiB: 5,
    mismatches: { ...none, searches: figures.mismatched ?? 0 },
    editMismatches: { ...none, searches: figures.editMismatched ?? 0 },
  };
}

describe('chooseClientSearch', () => {
  it.each([
    {
      rule: 'the smallest gzip bundle of those that qualify wins',
      rows: [row('A', { gzip: 9000, buildMs: 10 }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['A', 'B'],
      chosen: 'B',
    },
    {
      rule: 'bundles within the tie are decided by build time',
      rows: [row('A', { gzip: 6000 + GZIP_TIE_BYTES, buildMs: 10 }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['A', 'B'],
      chosen: 'A',
    },
    {
      rule: 'one byte past the tie is no tie',
      rows: [row('A', { gzip: 6001 + GZIP_TIE_BYTES, buildMs: 10 }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['A', 'B'],
      chosen: 'B',
    },
    {
      rule: 'a mismatch disqualifies, however small the bundle',
      rows: [row('A', { gzip: 1000, buildMs: 1, mismatched: 1 }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['B'],
      chosen: 'B',
    },
    {
      rule: 'a mismatch after the edits disqualifies too',
      rows: [row('A', { gzip: 1000, buildMs: 1, editMismatched: 2 }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['B'],
      chosen: 'B',
    },
    {
      rule: 'p95 at the budget disqualifies',
      rows: [row('A', { gzip: 1000, buildMs: 1, p95: QUERY_P95_BUDGET_MS }), row('B', { gzip: 6000, buildMs: 90 })],
      qualified: ['B'],
      chosen: 'B',
    },
    {
      rule: 'nothing is chosen when nothing qualifies',
      rows: [row('A', { gzip: 1000, buildMs: 1, mismatched: 3 }), row('B', { gzip: 6000, buildMs: 90, p95: 80 })],
      qualified: [],
      chosen: null,
    },
  ])('$rule', ({ rows, qualified, chosen }) => {
    const choice = chooseClientSearch(rows, RULE_MEMOS);
    expect(choice).toMatchObject({ qualified, chosen });
    expect(choice.reason).toContain(chosen ?? 'none qualifies');
  });

  it("says when the figures were not measured at the rule's 10,000 memos", () => {
    expect(chooseClientSearch([row('A', { gzip: 1000, buildMs: 1 })], 1000).reason).toContain("not the rule's 10,000");
    expect(chooseClientSearch([row('A', { gzip: 1000, buildMs: 1 })], RULE_MEMOS).reason).not.toContain('not the rule');
  });
});
