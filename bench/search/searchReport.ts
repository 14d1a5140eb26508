import { textTable } from '../textTable.js';
import { designReportLines } from './designReport.js';
import type { SearchFigures } from './searchFigures.js';

/** Issue 20's search figures as plain-text lines: first pages per owner size and search, and the latency model's limit. */
export function searchReportLines(figures: SearchFigures): string[] {
  const lines = [
    `Search (issue 20): searchMemos' first page (limit ${figures.limit}) through the real handler as a user-pool caller, measured on ${figures.store} (ReturnConsumedCapacity), ${figures.elapsedSeconds} s`,
    `   ${figures.memoBytes}-byte memos; a neighbour's ${figures.neighbourMemos.toLocaleString('en-US')} memos, matching every search, share the table (never read: one owner's partition of the owner index)`,
    '',
  ];
  lines.push(
    ...textTable(
      [
        'memos',
        'search',
        'matching',
        'Queries',
        'read units',
        'items read',
        'largest Query',
        'page',
        'next page',
        'ms (local)',
        'of which DynamoDB',
      ],
      figures.rows.map((row) => [
        row.memos.toLocaleString('en-US'),
        row.kind,
        row.matching.toLocaleString('en-US'),
        row.firstPage.requests,
        row.firstPage.readUnits,
        row.firstPage.itemsRead.toLocaleString('en-US'),
        row.firstPage.largestQueryItems,
        row.firstPage.received,
        row.firstPage.hasNextToken ? 'yes' : 'no',
        row.firstPage.ms,
        row.firstPage.storeMs,
      ]),
    ).map((line) => (line ? `   ${line}` : line)),
  );
  lines.push(
    `   Added write cost per memo: ${figures.addedWriteUnitsPerMemo} units (no search items, no index: the owner index listMemos reads is all it uses).`,
    `   Limit (model: a no-match search reads the whole partition; each Query of up to 1 MB assumed to take the ms below on AWS, plus the handler's ${figures.limits[0]?.handlerMsPerMemo ?? 0} ms per memo read, measured here):`,
  );
  for (const limit of figures.limits)
    lines.push(
      `   - ${limit.queryMs} ms per Query: ${limit.queries} Queries in ${limit.budgetMs} ms → up to ${limit.memos.toLocaleString('en-US')} memos per user`,
    );
  const { handlerCpu } = figures;
  lines.push(
    `   The handler's CPU per memo read, measured in-process (one core): ${handlerCpu.perMemoMs} ms (JSON parse, unmarshall, fromItem, matching), of which matching ${handlerCpu.matchingMsPerMemo} ms.`,
    '   Limit by the same model with that CPU, scaled to the Lambda size (M MB get M/1,769 of a vCPU):',
  );
  for (const limit of figures.cpuLimits)
    lines.push(
      `   - ${limit.memoryMb} MB (${limit.handlerMsPerMemo} ms per memo), ${limit.queryMs} ms per Query: ${limit.queries} Queries → up to ${limit.memos.toLocaleString('en-US')} memos per user`,
    );
  lines.push('');
  lines.push(...designReportLines(figures.designs));
  return lines;
}
