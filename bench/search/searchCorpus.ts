import { itemSizeBytes } from '../capacity/itemSize.js';
import { sampleMemo } from '../capacity/sizedMemo.js';
import { toItem, type MemoRecord } from '../resolverSeam.js';

/** The words and tag the searches look for; the filler holds none of them, nor a word they prefix. */
export const SEARCH_TERMS = { rare: 'zephyr', common: 'meeting', tag: 'travel', absent: 'quokka' } as const;

const FILLER = 'plan team notes budget draft review status call later today ';
const TARGET_BYTES = 1024;

/** Which of the owner's memos (numbered oldest first) carry what: spread evenly, so newest first meets them at their rate. */
export const carries = {
  rare: (i: number) => i % 100 === 50,
  common: (i: number) => i % 2 === 0,
  // Every 20 memos: one even (also common) and one odd, so the tag is 10 % and common + tag 5 %.
  tag: (i: number) => i % 20 === 3 || i % 20 === 8,
};

/**
 * Memo `i` of `ownerId`, a 1 KB item (padded with filler to 1,024 bytes by DynamoDB's size rule),
 * made `i` ms after `base`. A neighbour's memo carries every term, the absent word included, so a
 * search that read another owner's partition would find it.
 */
export function searchMemo(ownerId: string, i: number, base: number, neighbour = false): MemoRecord {
  const has = (term: keyof typeof carries) => neighbour || carries[term](i);
  const words = [
    `memo ${i}`,
    has('rare') ? SEARCH_TERMS.rare : '',
    has('common') ? SEARCH_TERMS.common : '',
    neighbour ? SEARCH_TERMS.absent : '',
  ].filter(Boolean);
  const fields = { title: `note ${i}`, content: `${words.join(' ')} `, tags: has('tag') ? ['bench', SEARCH_TERMS.tag] : ['bench'] };
  const memo = sampleMemo(fields, ownerId, new Date(base + i).toISOString());
  const missing = TARGET_BYTES - itemSizeBytes(toItem(memo));
  const filler = FILLER.repeat(Math.ceil(Math.max(missing, 0) / FILLER.length) + 1).slice(0, Math.max(missing, 0));
  return { ...memo, content: memo.content + filler };
}

/** How many of an owner's `memos` carry the terms a predicate tests. */
export function countCarrying(memos: number, test: (i: number) => boolean): number {
  let count = 0;
  for (let i = 0; i < memos; i++) if (test(i)) count++;
  return count;
}
