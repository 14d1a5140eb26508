import { describe, expect, it } from 'vitest';
import {
  batchGetReadUnits,
  getItemReadUnits,
  indexWriteUnits,
  queryItemsRead,
  queryReadUnits,
  writeUnits,
} from '../../../bench/capacity/capacityRules.js';
import { designMinimum, INDEX_DESIGNS, type IndexDesign } from '../../../bench/capacity/indexDesigns.js';
import type { IndexDesignName } from '../../../bench/capacity/capacityFigures.js';

const KB = 1024;
const design = (name: IndexDesignName): IndexDesign => INDEX_DESIGNS.find((candidate) => candidate.design === name)!;

// The examples are the Developer Guide's own (read-write-operations.html, GSI.html).
describe('the minimum-units rules', () => {
  it('charges a write 1 unit per started KB: 1.6 KB rounds up to 2', () => {
    expect(writeUnits(1.6 * KB)).toBe(2);
    expect(writeUnits(500)).toBe(1);
    expect(writeUnits(KB)).toBe(1);
    expect(writeUnits(KB + 1)).toBe(2);
  });

  it('rounds a GetItem up to 4 KB: 3.5 KB reads as 4, 10 KB as 12; eventually consistent costs half', () => {
    expect(getItemReadUnits(3.5 * KB, true)).toBe(1);
    expect(getItemReadUnits(10 * KB, true)).toBe(3);
    expect(getItemReadUnits(8 * KB, true)).toBe(2);
    expect(getItemReadUnits(8 * KB)).toBe(1);
    expect(getItemReadUnits(4 * KB)).toBe(0.5);
  });

  it('rounds each item of a BatchGetItem on its own: 1.5 KB and 6.5 KB read as 12 KB', () => {
    expect(batchGetReadUnits([1.5 * KB, 6.5 * KB], true)).toBe(3);
  });

  it('sums the items a Query reads before rounding once: 40.8 KB reads as 44 KB, 1,500 × 64 bytes as 96 KB', () => {
    expect(queryReadUnits(Array(10).fill(4.08 * KB), true)).toBe(11);
    expect(queryReadUnits(Array(1500).fill(64), true)).toBe(24);
  });

  it('charges an index Query on its entries, eventually consistent: 8 entries of 2,000 bytes cost 2 units', () => {
    expect(queryReadUnits(Array(8).fill(2000))).toBe(2);
  });

  it('ends a Query page at the limit, or with the item that brings it to 1 MB', () => {
    expect(queryItemsRead(21, KB)).toBe(21);
    expect(queryItemsRead(21, 64 * KB)).toBe(16);
    expect(queryItemsRead(21, 64 * KB - 1)).toBe(17);
  });

  it.each([
    ['a new entry: one write of its size', { after: { bytes: 3 * KB, keys: 'k', projected: 'p' } }, 3],
    ['a removed entry: one write of its size', { before: { bytes: 2 * KB, keys: 'k', projected: 'p' } }, 2],
    [
      'a changed index key: a delete and a put',
      { before: { bytes: KB, keys: 'a', projected: 'p' }, after: { bytes: 2 * KB, keys: 'b', projected: 'p' } },
      3,
    ],
    [
      'a changed projected attribute: one write of the larger entry',
      { before: { bytes: KB, keys: 'k', projected: 'a' }, after: { bytes: 2 * KB, keys: 'k', projected: 'b' } },
      2,
    ],
    [
      'nothing in the index changed: no write',
      { before: { bytes: 9 * KB, keys: 'k', projected: 'p' }, after: { bytes: 9 * KB, keys: 'k', projected: 'p' } },
      0,
    ],
    ['no entry before or after: no write', {}, 0],
  ])('writes the index for %s', (_case, change, units) => {
    expect(indexWriteUnits(change)).toBe(units);
  });
});

describe('designMinimum', () => {
  it.each([
    ['ALL', 1, 'createMemo', { table: { read: 0, write: 1 }, index: { read: 0, write: 1 } }],
    ['ALL', 4, 'createMemo', { table: { read: 0, write: 4 }, index: { read: 0, write: 4 } }],
    ['ALL', 64, 'updateMemo', { table: { read: 0, write: 64 }, index: { read: 0, write: 64 } }],
    ['ALL', 64, 'memo', { table: { read: 8, write: 0 }, index: { read: 0, write: 0 } }],
    ['ALL', 1, 'listMemos', { table: { read: 0, write: 0 }, index: { read: 3, write: 0 } }],
    ['ALL', 4, 'listMemos', { table: { read: 0, write: 0 }, index: { read: 10.5, write: 0 } }],
    ['ALL', 64, 'listMemos', { table: { read: 0, write: 0 }, index: { read: 128, write: 0 } }],
    ['KEYS_ONLY', 4, 'createMemo', { table: { read: 0, write: 4 }, index: { read: 0, write: 1 } }],
    ['KEYS_ONLY', 4, 'updateMemo', { table: { read: 0, write: 4 }, index: { read: 0, write: 0 } }],
    ['KEYS_ONLY', 4, 'listMemos', { table: { read: 10, write: 0 }, index: { read: 0.5, write: 0 } }],
    ['INCLUDE without content', 64, 'updateMemo', { table: { read: 0, write: 64 }, index: { read: 0, write: 1 } }],
    ['no index (seed)', 4, 'deleteMemo', { table: { read: 0, write: 4 }, index: { read: 0, write: 0 } }],
    ['no index (seed)', 1, 'listMemos', { table: { read: 2.5, write: 0 }, index: { read: 0, write: 0 } }],
  ] as const)('%s, %i KB memos: %s', (name, kb, operation, units) => {
    expect(designMinimum(design(name), kb).perOperation[operation]).toEqual(units);
  });

  it('prices a page on the items a store did read, when given them', () => {
    expect(designMinimum(design('KEYS_ONLY'), 64, { itemsRead: 16 })).toMatchObject({
      pageMemos: 16,
      perOperation: { listMemos: { table: { read: 128 } } },
    });
    expect(designMinimum(design('KEYS_ONLY'), 64)).toMatchObject({
      pageMemos: 20,
      itemsRead: 21,
      perOperation: { listMemos: { table: { read: 160 } } },
    });
  });

  it('projects into INCLUDE every attribute listMemos returns but no key, so INCLUDE entries equal ALL entries today', () => {
    expect(design('INCLUDE').projection?.NonKeyAttributes?.slice().sort()).toEqual([
      'changedAt',
      'changedAtId',
      'content',
      'createdAt',
      'tags',
      'title',
      'updatedAt',
      'version',
    ]);
    expect(designMinimum(design('INCLUDE'), 4).perOperation).toEqual(designMinimum(design('ALL'), 4).perOperation);
  });
});
