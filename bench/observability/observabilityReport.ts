import type { Spread } from '../stats.js';
import { textTable } from '../textTable.js';
import type { ObservabilityFigures } from './measureObservability.js';

/** Section 12 of the report: what Powertools Logger, Metrics and Tracer cost the deployed function's first response. */
export function observabilityReportLines(figures: ObservabilityFigures): string[] {
  const signed = (value: number, digits: number) => `${value > 0 ? '+' : ''}${value.toFixed(digits)}`;
  return [
    `12. Observability on the first response (issue 21, item 1): the deployed entry (memo request, one GetItem) with Lambda's environment, ` +
      `a fresh node per cold start, ${figures.runs} runs each, taking turns; then ${figures.runs} more processes each: CPU (user + system) ` +
      `from exec to the first result, and ${figures.warmCalls} warm calls after it`,
    ...textTable(
      [
        'variant',
        'bundle KiB (gzip)',
        'first response ms median (p25–p75)',
        'vs (b) ms',
        'CPU to first result ms',
        'vs (b) ms',
        'warm call ms median (p25–p75)',
        'vs (b) ms',
      ],
      figures.rows.map((row) => [
        row.label,
        `${row.bundleKiB} (${row.gzipKiB})`,
        formatSpread(row.firstResponse.wallMs, 1),
        signed(row.vsNoneMs, 1),
        formatSpread(row.firstResponseCpuMs, 1),
        signed(row.cpuVsNoneMs, 1),
        formatSpread(row.warmMs, 3),
        signed(row.warmVsNoneMs, 3),
      ]),
    ),
    `   Tracer was on: the stand-in X-Ray daemon received ${figures.traces.documentsPerColdStart} documents per traced cold start` +
      `${figures.traces.dynamoDbSubsegment ? ', a DynamoDB subsegment among them' : ', none of them a DynamoDB subsegment'}.`,
    `   ${figures.rule}`,
    `   Decision: ${figures.decision.reason}`,
  ];
}

function formatSpread({ median, p25, p75 }: Spread, digits: number): string {
  return `${median.toFixed(digits)} (${p25.toFixed(digits)}–${p75.toFixed(digits)})`;
}
