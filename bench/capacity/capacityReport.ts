import { textTable } from '../textTable.js';
import type { CapacityFigures, IndexDesignRow, TableAndIndexUnits, Units } from './capacityFigures.js';
import { PAGE_SIZE } from './indexDesigns.js';

/**
 * The capacity figures as plain-text lines: units per call measured beside the rules' minimum
 * (handlers, then each owner-index design), the projection verdict, and the rules themselves.
 */
export function capacityReportLines(figures: CapacityFigures): string[] {
  const measured = figures.status === 'measured';
  const lines = [
    measured
      ? `DynamoDB capacity units per call, measured on ${figures.store} (ReturnConsumedCapacity: INDEXES), each beside the least DynamoDB's pricing rules allow (measured / minimum)`
      : `DynamoDB capacity units per call: NOT MEASURED (${figures.skippedReason}); the figures below are the pricing rules' minimum only`,
    `   Memos sized by DynamoDB's item-size rule: ${figures.sizes.map((size) => `${size.kb} KB = a ${size.itemBytes}-byte item (${size.contentBytes} bytes of content)`).join('; ')}. Reads are eventually consistent (the store sets no ConsistentRead).`,
    '',
    '   a) The real handlers (APPSYNC_JS resolver + Lambda handler, as a user-pool caller) on the deployed table: owner index byOwner and feed index byOwnerChange, both projection ALL',
  ];
  lines.push(
    ...indent(
      textTable(
        [
          'operation',
          'memo',
          'requests',
          'table read',
          'table write',
          'owner index read',
          'owner index write',
          'feed index write',
          'measured = minimum',
        ],
        figures.handlers.map((row) => [
          row.operation,
          `${row.kb} KB`,
          row.requests.join(' + ') || '–',
          pair(row.measured?.table.read, row.minimum.table.read),
          pair(row.measured?.table.write, row.minimum.table.write),
          pair(row.measured?.index.read, row.minimum.index.read),
          pair(row.measured?.index.write, row.minimum.index.write),
          pair(row.measured?.feedIndex?.write, row.minimum.feedIndex?.write ?? 0),
          row.measured ? (sameUnits(row.measured, row.minimum) ? 'yes' : 'NO') : '–',
        ]),
      ),
    ),
  );
  const cutPages = figures.handlers.filter(
    (row) => row.operation === 'listMemos' && row.itemsRead !== undefined && row.itemsRead <= PAGE_SIZE,
  );
  for (const row of cutPages)
    lines.push(
      `   listMemos at ${row.kb} KB: its Query read ${row.itemsRead} memos, not ${PAGE_SIZE + 1}: the 1 MB page cap ends the page early.`,
    );
  lines.push(
    '',
    `   b) Owner-index designs: the store's requests issued raw (memoItem.toItem, ownerPageQuery), one table per design and size; units as table + owner index, measured${measured ? '' : ' (not measured: minimum)'}`,
  );
  lines.push(
    ...indent(
      textTable(
        ['design', 'memo', 'create write', 'update write', 'delete write', 'memo read', 'list page', 'page read', 'mix $/M'],
        figures.indexDesigns.map((row) => [
          row.design,
          `${row.kb} KB`,
          split(row, 'createMemo', 'write'),
          split(row, 'updateMemo', 'write'),
          split(row, 'deleteMemo', 'write'),
          split(row, 'memo', 'read'),
          `${row.listRequests.join(' + ')}: ${row.pageMemos} memos${row.pageMemos === row.rulePageMemos ? '' : ` (rule: ${row.rulePageMemos})`}`,
          split(row, 'listMemos', 'read'),
          row.readHeavyMixPerMillion.toFixed(4),
        ]),
      ),
    ),
  );
  lines.push(
    `   mix $/M: DynamoDB on-demand dollars per million calls of the read-heavy mix (${Object.entries(figures.readHeavyMix)
      .map(([operation, share]) => `${operation} ${share * 100}%`)
      .join(', ')}), a list call counted per full page of ${PAGE_SIZE} memos.`,
    `   A figure differing from the rules' minimum shows as "measured (min …)". A page the store cut shorter than the documented 1 MB cap allows shows "(rule: n)".`,
    ...(figures.indexDesigns.some((row) => row.pageMemos < row.rulePageMemos)
      ? [
          "   (rule: n): the store capped an index Query at 1 MB of the table items behind the entries, not of the entries it returned; the units are the rules' for what it read.",
        ]
      : []),
    ...figures.designs.map((design) => `   - ${design.design}: ${design.note}`),
    '',
    '   c) Projection choice for the owner index (designs that serve listMemos, whole memos on a page):',
    ...figures.verdict.map(
      (verdict) =>
        `   ${verdict.kb} KB: ${Object.entries(verdict.perMillion)
          .map(([design, dollars]) => `${design} $${dollars.toFixed(4)}`)
          .join(
            ', ',
          )} per million → cheapest: ${verdict.cheapest}${verdict.cheapest === 'ALL' ? '' : ` (saves ${saving(verdict.perMillion.ALL!, verdict.perMillion[verdict.cheapest]!)} against ALL)`}`,
    ),
    `   ${verdictSentence(figures)}`,
    '',
    '   Rules the minimum follows (a KB is 1,024 bytes):',
    ...figures.rules.map((rule) => `   - ${rule.topic}: ${rule.text} (${rule.source})`),
    '',
  );
  return lines;
}

function verdictSentence(figures: CapacityFigures): string {
  const winners = figures.verdict.filter((verdict) => verdict.cheapest !== 'ALL');
  const basis = figures.status === 'measured' ? 'The measurement' : 'The rules (not a measurement)';
  if (winners.length === 0) return `${basis} keeps ALL: no other projection that serves listMemos is cheaper at any size.`;
  return `${basis} says otherwise at ${winners.map((verdict) => `${verdict.kb} KB (${verdict.cheapest})`).join(', ')}: the index writes it saves outweigh the reads a page then adds. ALL is still what resolvers/ and infra/ deploy: changing it is a decision on typical memo sizes.`;
}

function saving(allDollars: number, cheapestDollars: number): string {
  return `$${(allDollars - cheapestDollars).toFixed(4)}, ${Math.round((1 - cheapestDollars / allDollars) * 100)} %`;
}

/** `measured / minimum`, or the minimum alone with a dash when nothing was measured. */
function pair(measured: number | undefined, minimum: number): string {
  return measured === undefined ? `– / ${minimum}` : `${measured} / ${minimum}`;
}

/** `table + index` units of one kind, measured, with the minimum only where it differs. */
function split(row: IndexDesignRow, operation: keyof IndexDesignRow['perOperation'], kind: keyof Units): string {
  const { measured, minimum } = row.perOperation[operation];
  const format = (units: TableAndIndexUnits) => `${units.table[kind]} + ${units.index[kind]}`;
  if (!measured) return `(min ${format(minimum)})`;
  return sameUnits(measured, minimum) ? format(measured) : `${format(measured)} (min ${format(minimum)})`;
}

function sameUnits(a: TableAndIndexUnits, b: TableAndIndexUnits): boolean {
  return (
    a.table.read === b.table.read &&
    a.table.write === b.table.write &&
    a.index.read === b.index.read &&
    a.index.write === b.index.write &&
    a.feedIndex?.read === b.feedIndex?.read &&
    a.feedIndex?.write === b.feedIndex?.write
  );
}

function indent(lines: string[]): string[] {
  return lines.map((line) => (line ? `   ${line}` : line));
}
