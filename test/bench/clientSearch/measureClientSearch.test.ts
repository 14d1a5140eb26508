import { describe, expect, it } from 'vitest';
import { clientSearchReportLines } from '../../../bench/clientSearch/clientSearchReport.js';
import type { ClientSearchMeasured } from '../../../bench/clientSearch/clientSearchFigures.js';
import { measureClientSearch, type ClientSearchSettings } from '../../../bench/clientSearch/measureClientSearch.js';
import { CANDIDATES, pageBundle } from '../../../bench/clientSearch/pageBundles.js';
import { CHROMIUM, systemPartFor } from '../../helpers/systemParts.js';

const chromiumPath = systemPartFor('the client search bench in Chromium', CHROMIUM);
// Small, so the file stays fast: the figures' shape and the answers' agreement, never times.
const SETTINGS: ClientSearchSettings = { memos: 300, buildRuns: 2, searchRounds: 1, edits: 2 };

describe('measureClientSearch', () => {
  it('skips with one line naming where it looked when there is no Chromium, and measures nothing', async () => {
    const lines: string[] = [];
    const figures = await measureClientSearch(SETTINGS, (line) => lines.push(line), { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(figures).toEqual({ status: 'skipped', skippedReason: 'no Chromium at CHROMIUM_PATH=/nonexistent/chromium' });
    expect(lines).toEqual(['client search: skipped: no Chromium at CHROMIUM_PATH=/nonexistent/chromium']);
    expect(clientSearchReportLines(figures)).toEqual([
      'Client search (issue 20, item 4): skipped: no Chromium at CHROMIUM_PATH=/nonexistent/chromium',
    ]);
  });

  it('bundles each adapter with its library and the shared rules only, never the rest of the bench seam', async () => {
    for (const candidate of CANDIDATES) {
      const bundle = await pageBundle(candidate.adapterFile);
      expect(bundle.code).toContain('createAdapter');
      // Self-contained (no import left for the page to fetch), and nothing of the AWS SDK.
      expect(bundle.code).not.toMatch(/DynamoDB|@aws-sdk|\bfrom\s*["']/);
      expect(bundle.gzipBytes).toBeLessThan(bundle.bytes);
    }
  });

  describe.skipIf(!chromiumPath)('in Chromium', () => {
    let figures: ClientSearchMeasured;

    it('measures every candidate on the same searches and counts where each differs from the reference', async () => {
      const measured = await measureClientSearch(SETTINGS, () => {}, { CHROMIUM_PATH: chromiumPath });
      expect(measured.status).toBe('measured');
      figures = measured as ClientSearchMeasured;
      expect(figures.rows.map((row) => row.library)).toEqual(CANDIDATES.map((candidate) => candidate.library));
      expect(figures.searches).toBeGreaterThanOrEqual(200);
      for (const row of figures.rows) {
        expect(row.bundleGzipBytes).toBeGreaterThan(0);
        expect(row.bundleGzipBytes).toBeLessThan(row.bundleBytes);
        expect(row.buildMs.median).toBeGreaterThan(0);
        expect(row.queryP95Ms).toBeGreaterThanOrEqual(row.queryP50Ms);
        expect(row.queryMaxMs).toBeGreaterThanOrEqual(row.queryP95Ms);
        expect(row.heapMiB).toBeGreaterThan(row.indexHeapMiB);
        expect(row.indexHeapMiB).toBeGreaterThan(0);
      }
      // The two that express the rules agree with the reference everywhere; Orama's AND of prefixes does not.
      for (const library of ['MiniSearch', 'FlexSearch']) {
        const row = figures.rows.find((r) => r.library === library)!;
        expect({ library, typed: row.mismatches.searches, edits: row.editMismatches.searches }).toEqual({ library, typed: 0, edits: 0 });
      }
      expect(figures.rows.find((r) => r.library === 'Orama')!.mismatches.searches).toBeGreaterThan(0);
    }, 120_000);

    it('prints a row per library and the choice the rule makes from them', () => {
      const lines = clientSearchReportLines(figures);
      for (const row of figures.rows)
        expect(lines.filter((line) => line.startsWith(`   | ${row.library} ${row.version} `))).toHaveLength(1);
      expect(lines.at(-1)).toContain(figures.choice.reason);
      expect(figures.choice.qualified).not.toContain('Orama');
    });
  });
});
