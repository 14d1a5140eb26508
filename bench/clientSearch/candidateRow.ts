import { quantile, round, spread } from '../stats.js';
import type { ClientSearchRow } from './clientSearchFigures.js';
import type { PageBundle } from './pageBundles.js';
import type { Mismatches } from './referenceSearch.js';

/** What was gathered for one candidate over the run, raw. */
export interface CandidateSamples {
  library: string;
  version: string;
  bundle: PageBundle;
  buildMs: number[];
  /** Every warm search, ms. */
  searchMs: number[];
  replaceMs: number[];
  removeMs: number[];
  heapBeforeBytes: number;
  heapAfterBytes: number;
  mismatches: Mismatches;
  editMismatches: Mismatches;
}

const median = (samples: readonly number[]) =>
  round(
    quantile(
      [...samples].sort((a, b) => a - b),
      0.5,
    ),
    3,
  );

/** One row of the table from a candidate's samples. */
export function candidateRow(samples: CandidateSamples): ClientSearchRow {
  const searches = [...samples.searchMs].sort((a, b) => a - b);
  return {
    library: samples.library,
    version: samples.version,
    bundleBytes: samples.bundle.bytes,
    bundleGzipBytes: samples.bundle.gzipBytes,
    buildMs: spread(samples.buildMs, 1),
    queryP50Ms: round(quantile(searches, 0.5), 3),
    queryP95Ms: round(quantile(searches, 0.95), 3),
    queryMaxMs: round(searches.at(-1)!, 3),
    replaceMs: median(samples.replaceMs),
    removeMs: median(samples.removeMs),
    heapMiB: round(samples.heapAfterBytes / 2 ** 20, 2),
    indexHeapMiB: round((samples.heapAfterBytes - samples.heapBeforeBytes) / 2 ** 20, 2),
    mismatches: samples.mismatches,
    editMismatches: samples.editMismatches,
  };
}
