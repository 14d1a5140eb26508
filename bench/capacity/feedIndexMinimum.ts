import type { MemoOperation, Units } from './capacityFigures.js';
import { writeUnits } from './capacityRules.js';

/**
 * A tombstone's item: keys, timestamps, version and TTL, its content gone (313 bytes measured):
 * under 1 KB, so its feed-index entry costs one write unit.
 */
const TOMBSTONE_WRITE_UNITS = 1;

/**
 * The least the pricing rules charge on the change feed's index (byOwnerChange, projection ALL:
 * an entry is the whole item) for one handler call on a memo of `itemBytes`. Every write moves the
 * entry, because its sort key is the change time: a create puts one, an update deletes the old
 * entry and puts the new, a delete replaces the memo's entry with its tombstone's. Reads never
 * touch it (memoChanges does, and is measured apart).
 */
export function feedIndexMinimum(operation: MemoOperation, itemBytes: number): Units {
  const write = {
    createMemo: writeUnits(itemBytes),
    updateMemo: 2 * writeUnits(itemBytes),
    deleteMemo: writeUnits(itemBytes) + TOMBSTONE_WRITE_UNITS,
  };
  return { read: 0, write: operation in write ? write[operation as keyof typeof write] : 0 };
}
