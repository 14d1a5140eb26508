import { round, type Spread } from '../stats.js';
import { textTable } from '../textTable.js';
import { COMPILE_CACHE_VARIANT, type ColdStartFigures } from './coldStart.js';
import { PHASES } from './profileBreakdown.js';

/** The issue's targets: ours within 1.25 × the floor, and at least twice as fast as the CDK default. */
export const COLD_START_TARGETS = { oursOverFloorAtMost: 1.25, cdkDefaultOverOursAtLeast: 2 } as const;

/** Ratios of the wall-time medians (as printed, so they can be recomputed from the table). */
export function coldStartRatios(figures: ColdStartFigures): { oursOverFloor: number; cdkDefaultOverOurs: number } {
  const [ours, cdkDefault, floor] = figures.firstResponse.map((row) => row.wallMs.median);
  return { oursOverFloor: round(ours! / floor!, 2), cdkDefaultOverOurs: round(cdkDefault! / ours!, 2) };
}

/** Section 3 of the report: first response, where the time goes, import only. */
export function coldStartReportLines(figures: ColdStartFigures, runs: number): string[] {
  const lines: string[] = [];
  const floorWall = figures.firstResponse[2]!.wallMs.median;
  lines.push(
    `3. Cold start to first response: \`${figures.firstResponseField}\` (one GetItem) in a fresh node per run, ${runs} runs each, taking turns;`,
    '   "first response" = spawn() to the result read back (the whole cold start as a caller waits for it); loaded / result = inside the process, from its time origin',
  );
  lines.push(
    ...textTable(
      ['variant', 'first response ms median (p25–p75)', '× floor', 'loaded ms', 'result ms', 'peak RSS MiB'],
      figures.firstResponse.map((row) => [
        row.name,
        formatSpread(row.wallMs),
        (row.wallMs.median / floorWall).toFixed(2),
        row.loadedMs.median.toFixed(2),
        row.firstResultMs.median.toFixed(2),
        row.peakRssMiB.median.toFixed(1),
      ]),
    ),
  );
  const ratios = coldStartRatios(figures);
  lines.push(
    `   ours = ${ratios.oursOverFloor} × the floor (target ≤ ${COLD_START_TARGETS.oursOverFloorAtMost}); the CDK default takes ${ratios.cdkDefaultOverOurs} × ours (target ≥ ${COLD_START_TARGETS.cdkDefaultOverOursAtLeast})`,
    ...compileCacheLines(figures),
    '',
    '   Where the CPU time goes: one more cold start each under `node --cpu-prof` (100 µs sampling slows it; read the shares), ms per phase',
  );
  const [ours, cdkDefault, floor] = figures.profile;
  lines.push(
    ...textTable(
      ['phase', 'ours', 'CDK default', 'floor', 'ours − floor'],
      PHASES.map((phase) => [
        phase,
        ours!.phases[phase].toFixed(1),
        cdkDefault!.phases[phase].toFixed(1),
        floor!.phases[phase].toFixed(1),
        (ours!.phases[phase] - floor!.phases[phase]).toFixed(1),
      ]),
    ),
  );
  lines.push(`   profiles: ${figures.profile.map((p) => p.file).join(', ')}`, '');
  lines.push(
    `   Import only, every function: a fresh node loading the bundle, alternating with a bare \`node -e 0\` (the baseline; ratio = load median ÷ that row's baseline median)`,
    ...sharedBundleLines(figures),
  );
  lines.push(
    ...textTable(
      ['function', 'variant', 'KB', 'gzip KB', 'load ms median (p25–p75)', 'node -e 0 ms median (p25–p75)', 'ratio'],
      printedImportRows(figures).map((r) => [
        r.label,
        r.variant,
        (r.figures.bytes / 1024).toFixed(1),
        (r.figures.gzipBytes / 1024).toFixed(1),
        formatSpread(r.figures.loadMs),
        formatSpread(r.figures.baselineMs),
        r.figures.ratio.toFixed(2),
      ]),
    ),
  );
  return lines;
}

/** With one function for several fields, their rows are one measurement: say so, rather than let them pass for agreement. */
function sharedBundleLines(figures: ColdStartFigures): string[] {
  const shared = figures.importTime.filter((row) => row.variant === 'ours' && row.sharedBy > 1);
  if (shared.length === 0) return [];
  const bundles = new Set(shared.map((row) => JSON.stringify(row.figures)));
  return [
    `   ${shared.map((row) => row.fieldName).join(', ')}: ${bundles.size === 1 ? 'one deployed bundle serves them all' : `${bundles.size} deployed bundles serve them`}, each measured once (and its CDK default once), one row per bundle below`,
  ];
}

/** The import rows as printed: the rows of fields sharing one bundle (one measurement) merged into one row counting them. */
function printedImportRows(figures: ColdStartFigures) {
  const groups = new Map<string, { row: ColdStartFigures['importTime'][number]; fields: number }>();
  for (const row of figures.importTime) {
    // Rows of one shared measurement carry equal figures; a field of its own keeps its own row.
    const key = row.sharedBy > 1 ? `${row.variant} ${JSON.stringify(row.figures)}` : `${row.variant} ${row.fieldName}`;
    const group = groups.get(key);
    if (group) group.fields += 1;
    else groups.set(key, { row, fields: 1 });
  }
  return [...groups.values()].map(({ row, fields }) => ({
    label: fields === 1 ? row.fieldName : `${fields} fields`,
    variant: row.variant,
    figures: row.figures,
  }));
}

/** Node 24's module compile cache against ours without it: kept only if it pays (docs/performance.md). */
function compileCacheLines(figures: ColdStartFigures): string[] {
  const ours = figures.firstResponse[0]!;
  const cached = figures.firstResponse.find((row) => row.name.startsWith(COMPILE_CACHE_VARIANT));
  if (!cached) return [];
  return [
    `   ${COMPILE_CACHE_VARIANT}: ${cached.wallMs.median.toFixed(2)} ms = ${(cached.wallMs.median / ours.wallMs.median).toFixed(2)} × ours (loaded ${(cached.loadedMs.median - ours.loadedMs.median).toFixed(2)} ms, result ${(cached.firstResultMs.median - ours.firstResultMs.median).toFixed(2)} ms against ours)`,
  ];
}

/** `117.60 (115.21–120.33)`: two decimals, as stored, so ratios can be recomputed from the page. */
export function formatSpread({ median, p25, p75 }: Spread): string {
  return `${median.toFixed(2)} (${p25.toFixed(2)}–${p75.toFixed(2)})`;
}
