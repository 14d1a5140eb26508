import { textTable } from '../textTable.js';
import type { ClientSearchFigures } from './clientSearchFigures.js';
import type { Mismatches } from './referenceSearch.js';

const kB = (bytes: number) => (bytes / 1024).toFixed(1);
const mismatched = (m: Mismatches, of: number) =>
  m.searches === 0 ? `0 of ${of}` : `${m.searches} of ${of} (−${m.missing} / +${m.extra})`;

/** Issue 20, item 4's figures as plain-text lines: one row per library, then the pick the rule makes. */
export function clientSearchReportLines(figures: ClientSearchFigures): string[] {
  if (figures.status === 'skipped') return [`Client search (issue 20, item 4): skipped: ${figures.skippedReason}`];
  const lines = [
    `Client search (issue 20, item 4) in ${figures.browser}: ${figures.memos.toLocaleString('en-US')} memos, ${figures.searches} typed-as-you-go searches (every prefix of ten phrases, tag chips, both), ${figures.elapsedSeconds} s`,
    `   each library behind the same adapter (shared tokenizer, every word, the last as a prefix, every tag), bundled alone with esbuild (minified ESM; gzip -9); build: median of ${figures.buildRuns} (p25–p75); query times over ${figures.searchRounds} warm pass${figures.searchRounds === 1 ? '' : 'es'} (the candidates taking turns); heap after a collection; mismatches: searches whose ids or order differ from the shared rules over every memo (−missing / +extra memos), then after the edits (${figures.editSearches} searches)`,
    '',
  ];
  lines.push(
    ...textTable(
      [
        'library',
        'bundle kB (gzip)',
        'build ms',
        'query p50 / p95 / max ms',
        'replace / remove ms',
        'heap MiB (index)',
        'mismatches',
        'after edits',
      ],
      figures.rows.map((row) => [
        `${row.library} ${row.version}`,
        `${kB(row.bundleBytes)} (${kB(row.bundleGzipBytes)})`,
        `${row.buildMs.median} (${row.buildMs.p25}–${row.buildMs.p75})`,
        `${row.queryP50Ms} / ${row.queryP95Ms} / ${row.queryMaxMs}`,
        `${row.replaceMs} / ${row.removeMs}`,
        `${row.heapMiB} (${row.indexHeapMiB})`,
        mismatched(row.mismatches, figures.searches),
        mismatched(row.editMismatches, figures.editSearches),
      ]),
    ).map((line) => (line ? `   ${line}` : line)),
  );
  for (const row of figures.rows)
    for (const example of [...row.mismatches.examples, ...row.editMismatches.examples].slice(0, 2))
      lines.push(`   ${row.library} differs on ${example}`);
  lines.push(
    `   Choice (0 mismatches and p95 < 50 ms qualify; smallest gzip bundle, ties within 1 kB by build time): ${figures.choice.reason}`,
  );
  return lines;
}
