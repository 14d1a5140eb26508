import type { BenchResults } from './benchResults.js';
import { capacityReportLines } from './capacity/capacityReport.js';
import { clientSearchReportLines } from './clientSearch/clientSearchReport.js';
import { coldStartReportLines } from './coldStart/coldStartReport.js';
import { costReportLines } from './cost/costReport.js';
import { memoryReportLines } from './memory/memoryReport.js';
import { searchReportLines } from './search/searchReport.js';
import { sessionReportLines } from './sessions/sessionReport.js';
import { observabilityReportLines } from './observability/observabilityReport.js';
import { offlineReportLines } from './sync/offlineReport.js';
import { textTable } from './textTable.js';

/** The benchmark figures as plain-text tables, for the terminal and docs/performance.md. */
export function formatReport(results: BenchResults): string {
  const lines: string[] = [];
  const table = (header: string[], rows: (string | number)[][]) => lines.push(...textTable(header, rows));
  const { settings, machine } = results;
  lines.push(
    `Memo API benchmark — ${results.generatedAt} — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node} — store: ${results.store}${settings.quick ? ' — QUICK (smoke) run: figures are not meaningful' : ''}`,
    '',
  );

  lines.push('1. DynamoDB round trips per GraphQL operation (counted by client middleware)');
  table(
    ['operation', 'DynamoDB requests'],
    Object.entries(results.roundTrips.perOperation).map(([op, calls]) => [
      op,
      Object.entries(calls)
        .map(([a, n]) => `${a} × ${n}`)
        .join(', '),
    ]),
  );
  lines.push(`   listMemos: ${results.roundTrips.listQueries} Query requests (owner index) for ${results.roundTrips.listPages} pages`, '');

  lines.push(
    `2. Endpoint (HTTP + token verification + GraphQL + resolver + handler) vs raw DynamoDB request, ${settings.count} ops after ${settings.warmup} warm-up`,
  );
  table(
    ['operation', 'conc', 'endpoint ops/s', 'raw ops/s', 'ratio', 'endpoint p50/p95/p99 ms', 'raw p50/p95/p99 ms'],
    results.endpointVsRaw.map((c) => [
      c.operation,
      c.concurrency,
      c.endpoint.opsPerSecond,
      c.raw.opsPerSecond,
      c.throughputRatio,
      `${c.endpoint.p50Ms} / ${c.endpoint.p95Ms} / ${c.endpoint.p99Ms}`,
      `${c.raw.p50Ms} / ${c.raw.p95Ms} / ${c.raw.p99Ms}`,
    ]),
  );

  lines.push(...coldStartReportLines(results.coldStart, settings.coldStartRuns));

  lines.push('4. Scale: the same operations as the table grows (concurrency 16; list pages walked one after another)');
  table(
    ['stored memos', 'memo ops/s', 'memo p95 ms', 'updateMemo ops/s', 'updateMemo p95 ms', 'listMemos page p50 ms', 'page p95 ms'],
    results.scale.map((p) => [
      p.storedMemos,
      p.memo.opsPerSecond,
      p.memo.p95Ms,
      p.updateMemo.opsPerSecond,
      p.updateMemo.p95Ms,
      p.listMemosPage.p50Ms,
      p.listMemosPage.p95Ms,
    ]),
  );

  lines.push(`5. ${memoryReportLines(results.memory, results.lambdaSizing).join('\n')}`, '');
  lines.push(`6. ${capacityReportLines(results.capacity).join('\n')}`, '');
  lines.push(`7. ${costReportLines(results.cost).join('\n')}`, '');
  lines.push(`8. ${offlineReportLines(results.offline).join('\n')}`, '');
  lines.push(`9. ${searchReportLines(results.search).join('\n')}`, '');
  lines.push(`10. ${clientSearchReportLines(results.clientSearch).join('\n')}`, '');
  lines.push(`11. ${sessionReportLines(results.sessions).join('\n')}`);
  lines.push('', ...observabilityReportLines(results.observability));
  lines.push('', `Whole run: ${results.elapsedSeconds} s.`);
  return lines.join('\n');
}
