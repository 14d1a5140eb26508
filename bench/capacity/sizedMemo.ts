import { randomUUID } from 'node:crypto';
import { MEMO_LIMITS, storedFields, toItem, type MemoRecord } from '../resolverSeam.js';
import { itemSizeBytes } from './itemSize.js';

/** The memo sizes measured and priced: a short note, a page, and about the largest memo the API accepts. */
export const MEMO_SIZES_KB = [1, 4, 64] as const;

/** What a client sends to create a memo, sized so the stored item lands on a KB boundary. */
export interface SizedMemoFields {
  title: string;
  content: string;
  tags: string[];
}

const TITLE = 'capacity probe';
const TAGS = ['bench'];

/**
 * Fields whose stored item (memoItem.toItem: every memo attribute plus the owner index's sort
 * key) is `kb` × 1,024 bytes exactly by DynamoDB's item-size rule, or as close below as it gets.
 * Ids are UUIDs and timestamps ISO-8601 strings, each of one fixed length, so every memo made from
 * these fields has this size, whoever owns it and whenever it is written; so has the same memo
 * after an update that swaps the content for another of as many bytes (`fill`), up to version 99.
 *
 * @throws {RangeError} when the content would break the API's limit (the 64 KB item does not:
 * its content is 64 KiB minus the other attributes)
 */
export function sizedMemoFields(kb: number, fill = 'x'): SizedMemoFields {
  const target = kb * 1024;
  const emptyBytes = itemSizeBytes(toItem(sampleMemo({ title: TITLE, content: '', tags: TAGS })));
  const contentBytes = target - emptyBytes;
  if (contentBytes < 1 || contentBytes > MEMO_LIMITS.contentMaxBytes) {
    throw new RangeError(`a ${kb} KB memo would need ${contentBytes} bytes of content, outside 1–${MEMO_LIMITS.contentMaxBytes}`);
  }
  if (Buffer.byteLength(fill, 'utf8') !== 1) throw new RangeError('fill must be one single-byte character');
  return { title: TITLE, content: fill.repeat(contentBytes), tags: [...TAGS] };
}

/** A memo as the store would hold it after createMemo, with these fields; ids and times are fresh. */
export function sampleMemo(fields: SizedMemoFields, ownerId: string = randomUUID(), createdAt = new Date().toISOString()): MemoRecord {
  // storedFields: a writable field these sizes leave out takes its default, as in the store.
  return { memoId: randomUUID(), ownerId, ...storedFields(fields), createdAt, updatedAt: createdAt, version: 1 };
}
