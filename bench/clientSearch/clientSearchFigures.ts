import type { Spread } from '../stats.js';
import type { Mismatches } from './referenceSearch.js';

/** Issue 20, item 4: client search libraries measured in Chromium on one corpus and one set of searches. */

export interface ClientSearchRow {
  library: string;
  version: string;
  /** The adapter and the library, bundled and minified for the browser, bytes. */
  bundleBytes: number;
  /** The same, gzip -9. */
  bundleGzipBytes: number;
  /** Building the index over every memo, ms, over the build runs. */
  buildMs: Spread;
  /** The typed-as-you-go searches, every warm pass (the first, checked pass is not timed), ms. */
  queryP50Ms: number;
  queryP95Ms: number;
  queryMaxMs: number;
  /** One memo re-indexed (an edit), median of the edits, ms. */
  replaceMs: number;
  /** One memo dropped, median, ms. */
  removeMs: number;
  /** The page's live JS heap after a collection, with the index built, MiB. */
  heapMiB: number;
  /** Of which the index: the heap after the build less the heap with the memos loaded and no index, MiB. */
  indexHeapMiB: number;
  /** Answers that differ from the linear reference (the shared rules over every memo) on the typed searches. */
  mismatches: Mismatches;
  /** The same after the edits, on searches that tell whether the index followed them. */
  editMismatches: Mismatches;
}

/** The rule of issue 20's pick, applied to the rows: what qualified and what won. */
export interface ClientSearchChoice {
  /** Libraries with no mismatch and p95 under the budget. */
  qualified: string[];
  chosen: string | null;
  /** One line: why this one (or why none). */
  reason: string;
}

export interface ClientSearchMeasured {
  status: 'measured';
  /** Chromium's version string. */
  browser: string;
  memos: number;
  /** Searches in the typed-as-you-go sequence. */
  searches: number;
  /** Warm passes over them, whose times the percentiles are of. */
  searchRounds: number;
  /** Searches after the edits. */
  editSearches: number;
  buildRuns: number;
  rows: ClientSearchRow[];
  choice: ClientSearchChoice;
  elapsedSeconds: number;
}

export type ClientSearchFigures = ClientSearchMeasured | { status: 'skipped'; skippedReason: string };
