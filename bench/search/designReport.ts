import { textTable } from '../textTable.js';
import type { DesignFigures, DesignRow, SearchDesign } from './searchFigures.js';

const DESIGNS: readonly SearchDesign[] = ['owner index', 'tag items', 'word items'];

/** The designs side by side (requests, read units, local ms of each first page), then what each adds to a memo's writes. */
export function designReportLines(designs: DesignFigures): string[] {
  const cell = (row: DesignRow | undefined) =>
    !row
      ? ''
      : `${row.requests} req${row.batchGets ? ` (${row.batchGets} BatchGet)` : ''}, ${row.readUnits} RU, ${row.ms} ms${row.asOwnerIndex ? ' (=)' : ''}`;
  const keys = [...new Map(designs.rows.map((row) => [`${row.memos}|${row.kind}`, row])).values()];
  const { prose } = designs;
  return [
    'Designs compared (the same first pages): owner index = as deployed, through the handler; tag items and word items = the bench-only lookup prototypes',
    '   (bench/search/lookupLayouts.ts), timed around their store calls; (=) tag items without a tag fall back to the owner index.',
    '',
    ...textTable(
      ['memos', 'search', ...DESIGNS],
      keys.map(({ memos, kind }) => [
        memos.toLocaleString('en-US'),
        kind,
        ...DESIGNS.map((design) => cell(designs.rows.find((r) => r.design === design && r.memos === memos && r.kind === kind))),
      ]),
    ).map((line) => (line ? `   ${line}` : line)),
    '',
    `   Added write cost per memo of ${prose.bytes} bytes of prose (${prose.words} words, ${prose.distinctWords} distinct, ${prose.distinctPrefixes} distinct prefixes, ${prose.tags} tags;`,
    `   the content update redraws 10 % of the words: +${prose.updateAdds} / −${prose.updateRemoves} distinct words). Owner index: 0 for every write.`,
    '',
    ...textTable(
      [
        'layout',
        'write',
        'lookup items',
        'TransactWriteItems (≤ 100 actions)',
        'added WCU, atomic',
        'added WCU, batched (not atomic)',
        'ms (local)',
      ],
      designs.writes.map((write) => [
        write.layout,
        write.operation,
        write.lookupItems,
        write.transactions,
        write.addedUnitsTransactional,
        write.addedUnitsBatched,
        write.ms,
      ]),
    ).map((line) => (line ? `   ${line}` : line)),
  ];
}
