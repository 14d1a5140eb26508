import type { BenchResults } from './runBench.js';
import { coldStartReportLines } from './coldStart/coldStartReport.js';

/** The benchmark figures as plain-text tables, for the terminal and docs/performance.md. */
export function formatReport(results: BenchResults): string {
  const lines: string[] = [];
  const table = (header: string[], rows: (string | number)[][]) => {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
    const format = (cells: (string | number)[]) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i]!)).join(' | ')} |`;
    lines.push(format(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(format), '');
  };
  const { settings, machine } = results;
  lines.push(`Memo API benchmark — ${results.generatedAt} — ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node} — store: ${results.store}${settings.quick ? ' — QUICK (smoke) run: figures are not meaningful' : ''}`, '');

  lines.push('1. DynamoDB round trips per GraphQL operation (counted by client middleware)');
  table(['operation', 'DynamoDB requests'], Object.entries(results.roundTrips.perOperation).map(([op, calls]) => [op, Object.entries(calls).map(([a, n]) => `${a} × ${n}`).join(', ')]));
  lines.push(`   listMemos: ${results.roundTrips.listQueries} Query requests (owner index) for ${results.roundTrips.listPages} pages`, '');

  lines.push(`2. Endpoint (HTTP + token verification + GraphQL + resolver + handler) vs raw DynamoDB request, ${settings.count} ops after ${settings.warmup} warm-up`);
  table(
    ['operation', 'conc', 'endpoint ops/s', 'raw ops/s', 'ratio', 'endpoint p50/p95/p99 ms', 'raw p50/p95/p99 ms'],
    results.endpointVsRaw.map((c) => [
      c.operation, c.concurrency, c.endpoint.opsPerSecond, c.raw.opsPerSecond, c.throughputRatio,
      `${c.endpoint.p50Ms} / ${c.endpoint.p95Ms} / ${c.endpoint.p99Ms}`, `${c.raw.p50Ms} / ${c.raw.p95Ms} / ${c.raw.p99Ms}`,
    ]),
  );

  lines.push(...coldStartReportLines(results.coldStart, settings.coldStartRuns));

  lines.push('4. Scale: the same operations as the table grows (concurrency 16; list pages walked one after another)');
  table(
    ['stored memos', 'memo ops/s', 'memo p95 ms', 'updateMemo ops/s', 'updateMemo p95 ms', 'listMemos page p50 ms', 'page p95 ms'],
    results.scale.map((p) => [p.storedMemos, p.memo.opsPerSecond, p.memo.p95Ms, p.updateMemo.opsPerSecond, p.updateMemo.p95Ms, p.listMemosPage.p50Ms, p.listMemosPage.p95Ms]),
  );

  const { cost } = results;
  lines.push(`5. Cost on AWS, USD per million calls (prices: ${cost.pricesRetrieved}; warm Lambda ms assumed: ${Object.entries(cost.assumptions.lambdaMsPerOperation).map(([op, ms]) => `${op} ${ms}`).join(', ')})`);
  const designNames = [...new Set(cost.designs.map((entry) => entry.design.name))];
  for (const name of designNames) {
    const bySize = cost.designs.filter((entry) => entry.design.name === name);
    lines.push(`   ${name}, ${bySize[0]!.design.lambdaMemoryMb} MB: total by memo size; the last column splits the 1 KB total into AppSync + Lambda + DynamoDB`);
    table(
      ['operation', ...bySize.map((entry) => `${entry.itemSizeKb} KB memos`), '1 KB split'],
      bySize[0]!.perOperation.map((cost1, row) => [
        cost1.operation,
        ...bySize.map((entry) => entry.perOperation[row]!.total),
        `${cost1.appsync} + ${cost1.lambda} + ${cost1.dynamodb}`,
      ]),
    );
    lines.push(`   read-heavy mix (${Object.entries(cost.assumptions.readHeavyMix).map(([op, share]) => `${op} ${share * 100}%`).join(', ')}): ${bySize.map((entry) => `$${entry.readHeavyMixPerMillion} at ${entry.itemSizeKb} KB`).join(', ')} per million`, '');
  }
  lines.push(`   The seed's provisioned table is cheapest per call only at 100 % utilisation, and caps writes at 1/s: a million writes take ${cost.seedProvisionedDaysPerMillionWrites} days; bursts throttle.`);
  lines.push('', `Whole run: ${results.elapsedSeconds} s.`);
  return lines.join('\n');
}
