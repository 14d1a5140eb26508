import { describe, expect, it } from 'vitest';
import { itemSizeBytes, valueSizeBytes } from '../../../bench/capacity/itemSize.js';
import { MEMO_SIZES_KB, sampleMemo, sizedMemoFields } from '../../../bench/capacity/sizedMemo.js';
import { parseCreateInput } from '../../../resolvers/lib/validation.js';
import { toItem } from '../../../resolvers/store/memoItem.js';

// The rule: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
describe('itemSizeBytes, by the documented item-size rule', () => {
  it.each([
    ['a string: name bytes + UTF-8 bytes', { id: 'abc' }, 2 + 3],
    ['a non-ASCII string counts UTF-8 bytes, not characters', { é: 'été' }, 2 + 5],
    ['a number: 1 byte per two significant digits + 1', { n: 123 }, 1 + 3],
    ['leading and trailing zeroes do not count', { n: 0.0012 }, 1 + 2],
    ['nor do the zeroes of a round number', { n: 1_200_000 }, 1 + 2],
    ['nor the sign', { n: -7 }, 1 + 2],
    ['zero', { n: 0 }, 1 + 1],
    ['null and Boolean: 1 byte', { a: null, b: true }, 1 + 1 + 1 + 1],
    ['binary: its raw bytes', { b: new Uint8Array(10) }, 1 + 10],
    ['an empty List: 3 bytes', { tags: [] }, 4 + 3],
    ['a List: 3 bytes + 1 byte and the size of each element', { tags: ['bench', 'x'] }, 4 + 3 + (1 + 5) + (1 + 1)],
    ['a Map: 3 bytes + 1 byte, the name and the value of each element', { m: { a: 'x', bc: 1 } }, 1 + 3 + (1 + 1 + 1) + (1 + 2 + 2)],
  ])('%s', (_rule, item, bytes) => {
    expect(itemSizeBytes(item)).toBe(bytes);
  });

  it('adds up an item attribute by attribute, as a worked example of the rule does (141 bytes)', () => {
    const item = {
      itemType: 'SLOT',
      id: 'abc1231',
      hostName: 'Harry Mason',
      timeSlot: 'February 23, 1999',
      slotStatus: 'OPEN',
      createdAt: 'February 1, 1999',
      updatedAt: 'February 1, 1999',
      expiresAt: 2099,
    };
    expect(itemSizeBytes(item)).toBe(141);
  });

  it('refuses a value the rule does not cover', () => {
    expect(() => valueSizeBytes(new Set(['a']))).toThrow(TypeError);
    expect(() => valueSizeBytes(undefined)).toThrow(TypeError);
  });
});

describe('sizedMemoFields', () => {
  it.each(MEMO_SIZES_KB)('makes a %i KB memo whose stored item is exactly that many KB, whoever writes it and when', (kb) => {
    const fields = sizedMemoFields(kb);
    for (const memo of [sampleMemo(fields), sampleMemo(fields, 'another-owner-0000-0000-000000000000', '2031-12-31T23:59:59.999Z')]) {
      expect(itemSizeBytes(toItem(memo))).toBe(kb * 1024);
    }
    expect(itemSizeBytes(toItem({ ...sampleMemo(sizedMemoFields(kb, 'y')), version: 99 }))).toBe(kb * 1024);
  });

  it('keeps the 64 KB memo within the API limits, so createMemo accepts it', () => {
    expect(() => parseCreateInput(sizedMemoFields(64))).not.toThrow();
  });

  it('refuses a size whose content the API would reject', () => {
    expect(() => sizedMemoFields(65)).toThrow(RangeError);
  });
});
