import { performance } from 'node:perf_hooks';
import { chromium, type Browser } from 'playwright-core';
import { round } from '../stats.js';
import { candidateRow, type CandidateSamples } from './candidateRow.js';
import { openCandidatePage, type CandidatePage } from './candidatePage.js';
import { CHROMIUM_FLAGS, locateChromium } from '../chromiumLocation.js';
import { chooseClientSearch } from './clientSearchChoice.js';
import type { ClientSearchFigures } from './clientSearchFigures.js';
import { clientCorpus } from './clientCorpus.js';
import { corpusEdits, editedCorpus, typedQueries } from './clientQueries.js';
import { CANDIDATES, installedVersion, pageBundle } from './pageBundles.js';
import { servePage } from './pageServer.js';
import { countMismatches, referenceSearch } from './referenceSearch.js';

export interface ClientSearchSettings {
  memos: number;
  /** Index builds per candidate; the median is kept. */
  buildRuns: number;
  /** Warm passes over the typed searches per candidate, after the one whose answers are checked. */
  searchRounds: number;
  /** Memos rewritten, and as many removed, after the searches. */
  edits: number;
}

export const CLIENT_SEARCH_SETTINGS: ClientSearchSettings = { memos: 10_000, buildRuns: 5, searchRounds: 3, edits: 5 };
export const CLIENT_SEARCH_QUICK_SETTINGS: ClientSearchSettings = { memos: 1000, buildRuns: 1, searchRounds: 1, edits: 3 };

const PAGE = '<!doctype html><meta charset="utf-8"><title>client search bench</title><script type="module" src="/harness.js"></script>';
const NO_MISMATCH = { searches: 0, missing: 0, extra: 0, examples: [] };
const bundlePath = (packageName: string) => `/${packageName.replace(/\W/g, '-')}.js`;

/**
 * Issue 20, item 4: MiniSearch, FlexSearch and Orama, each behind the same adapter and bundled on
 * its own, measured in headless Chromium on one corpus, one typed-as-you-go sequence and one set of
 * edits; their answers are compared with the linear reference (the shared rules over every memo, in
 * Node). The candidates take turns at every step (build, each pass of searches), so a busy moment
 * of the machine does not fall on one of them only. Without Chromium, says so and measures nothing.
 * The page server (127.0.0.1 only) and the browser are stopped before it returns or throws.
 */
export async function measureClientSearch(
  settings: ClientSearchSettings,
  log: (line: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClientSearchFigures> {
  const started = performance.now();
  const found = locateChromium(env);
  if ('problem' in found) {
    log(`client search: skipped: ${found.problem}`);
    return { status: 'skipped', skippedReason: found.problem };
  }
  log(`client search: ${settings.memos.toLocaleString('en-US')} memos, the reference answers in Node…`);
  const memos = clientCorpus(settings.memos);
  const searches = typedQueries();
  const expected = searches.map((request) => referenceSearch(memos, request));
  const edits = corpusEdits(memos, settings.edits);
  const edited = editedCorpus(memos, edits);
  const editExpected = edits.checks.map((request) => referenceSearch(edited, request));

  log('client search: bundling each candidate with esbuild…');
  const bundles = await Promise.all(CANDIDATES.map((candidate) => pageBundle(candidate.adapterFile)));
  const server = await servePage(
    new Map([
      ['/index.html', PAGE],
      ['/harness.js', (await pageBundle('pageHarness.ts')).code],
      ['/memos.json', JSON.stringify(memos)],
      ...CANDIDATES.map((candidate, i): [string, string] => [bundlePath(candidate.packageName), bundles[i]!.code]),
    ]),
  );
  let browser: Browser | undefined;
  const pages: CandidatePage[] = [];
  try {
    browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_FLAGS });
    log(`client search: ${CANDIDATES.map((candidate) => candidate.library).join(', ')} in ${browser.version()}, taking turns…`);
    const samples: CandidateSamples[] = [];
    for (const [i, candidate] of CANDIDATES.entries()) {
      const page = await openCandidatePage(browser, server.origin, bundlePath(candidate.packageName), '/memos.json');
      pages.push(page);
      samples.push({
        library: candidate.library,
        version: installedVersion(candidate.packageName),
        bundle: bundles[i]!,
        buildMs: [],
        searchMs: [],
        replaceMs: [],
        removeMs: [],
        heapBeforeBytes: await page.heapBytes(),
        heapAfterBytes: 0,
        // Set once the answers are in.
        mismatches: NO_MISMATCH,
        editMismatches: NO_MISMATCH,
      });
    }
    const eachTurn = async (step: (page: CandidatePage, sample: CandidateSamples) => Promise<void>) => {
      for (const [i, page] of pages.entries()) await step(page, samples[i]!);
    };
    for (let run = 0; run < settings.buildRuns; run++) await eachTurn(async (page, sample) => void sample.buildMs.push(await page.build()));
    await eachTurn(async (page, sample) => void (sample.heapAfterBytes = await page.heapBytes()));
    // The first pass's answers are checked; its times, taken while each library warms up, are not kept.
    await eachTurn(
      async (page, sample) => void (sample.mismatches = countMismatches(searches, expected, (await page.search(searches, true)).ids)),
    );
    for (let pass = 0; pass < settings.searchRounds; pass++)
      await eachTurn(async (page, sample) => void sample.searchMs.push(...(await page.search(searches, false)).ms));
    await eachTurn(async (page, sample) => {
      const { replaceMs, removeMs } = await page.change(edits.replacements, edits.removals);
      [sample.replaceMs, sample.removeMs] = [replaceMs, removeMs];
      sample.editMismatches = countMismatches(edits.checks, editExpected, (await page.search(edits.checks, true)).ids);
    });
    const rows = samples.map(candidateRow);
    return {
      status: 'measured',
      browser: `Chromium ${browser.version()}`,
      memos: settings.memos,
      searches: searches.length,
      searchRounds: settings.searchRounds,
      editSearches: edits.checks.length,
      buildRuns: settings.buildRuns,
      rows,
      choice: chooseClientSearch(rows, settings.memos),
      elapsedSeconds: round((performance.now() - started) / 1000),
    };
  } finally {
    for (const page of pages) await page.close();
    await browser?.close();
    await server.close();
  }
}
