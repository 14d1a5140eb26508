import type { ClientSearchChoice, ClientSearchRow } from './clientSearchFigures.js';

/** Issue 20's bar for a search box: a search answers within this at 10,000 memos. */
export const QUERY_P95_BUDGET_MS = 50;
/** The memos the rule is stated for. */
export const RULE_MEMOS = 10_000;
/** Bundles this close in gzip size count as a tie, broken by build time. */
export const GZIP_TIE_BYTES = 1024;

/**
 * The pick, from the figures: every library with no mismatch (typed searches and after edits) and
 * p95 under the budget qualifies; among those the smallest gzip bundle wins, and libraries within
 * GZIP_TIE_BYTES of it are a tie broken by the faster median build.
 *
 * @example
 * chooseClientSearch(rows, 10_000); // { qualified: ['MiniSearch', 'FlexSearch'], chosen: 'MiniSearch', reason: '…' }
 */
export function chooseClientSearch(rows: readonly ClientSearchRow[], memos: number): ClientSearchChoice {
  const scale =
    memos === RULE_MEMOS
      ? ''
      : ` (measured at ${memos.toLocaleString('en-US')} memos, not the rule's ${RULE_MEMOS.toLocaleString('en-US')})`;
  const qualified = rows.filter(
    (row) => row.mismatches.searches + row.editMismatches.searches === 0 && row.queryP95Ms < QUERY_P95_BUDGET_MS,
  );
  if (qualified.length === 0)
    return {
      qualified: [],
      chosen: null,
      reason: `none qualifies: every library mismatches or has p95 ≥ ${QUERY_P95_BUDGET_MS} ms${scale}`,
    };
  const smallest = Math.min(...qualified.map((row) => row.bundleGzipBytes));
  const tied = qualified
    .filter((row) => row.bundleGzipBytes - smallest <= GZIP_TIE_BYTES)
    .sort((a, b) => a.buildMs.median - b.buildMs.median);
  const chosen = tied[0]!;
  const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
  const others = tied.slice(1).map((row) => `${row.library} ${kB(row.bundleGzipBytes)}, build ${row.buildMs.median} ms`);
  const why =
    tied.length > 1
      ? `gzip bundle within ${kB(GZIP_TIE_BYTES)} of the smallest (${kB(chosen.bundleGzipBytes)}; ${others.join('; ')}), fastest build (${chosen.buildMs.median} ms)`
      : `smallest gzip bundle of those that qualify (${kB(chosen.bundleGzipBytes)})`;
  return {
    qualified: qualified.map((row) => row.library),
    chosen: chosen.library,
    reason: `${chosen.library}: ${qualified.length} of ${rows.length} qualify (0 mismatches, p95 < ${QUERY_P95_BUDGET_MS} ms); ${why}${scale}`,
  };
}
