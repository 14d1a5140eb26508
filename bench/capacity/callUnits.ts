import { FEED_INDEX, OWNER_INDEX } from '../resolverSeam.js';
import type { TableAndIndexUnits } from './capacityFigures.js';
import type { ConsumedRequest } from './consumedCapacity.js';

/** What one call (one handler invocation, or one raw operation) sent and consumed. */
export interface CallUnits {
  requests: string[];
  units: TableAndIndexUnits;
  /**
   * The change feed's index (byOwnerChange), apart: every write also moves the memo's entry
   * there. The index-design comparison (`units.index`) is about the list index alone.
   */
  feedIndex?: { read: number; write: number };
  /** Items the call's Query or Scan read, when it sent one. */
  itemsRead?: number;
}

/** Sums one call's requests: table units, the owner index's and the feed index's (any other index would be a surprise). */
export function callUnits(requests: readonly ConsumedRequest[]): CallUnits {
  const units: TableAndIndexUnits = { table: { read: 0, write: 0 }, index: { read: 0, write: 0 } };
  let feedIndex: { read: number; write: number } | undefined;
  let itemsRead: number | undefined;
  for (const request of requests) {
    units.table.read += request.table.read;
    units.table.write += request.table.write;
    for (const [name, used] of Object.entries(request.indexes)) {
      if (name === FEED_INDEX.name) {
        feedIndex = { read: (feedIndex?.read ?? 0) + used.read, write: (feedIndex?.write ?? 0) + used.write };
        continue;
      }
      if (name !== OWNER_INDEX.name) throw new Error(`${request.action} consumed units on an unexpected index ${name}`);
      units.index.read += used.read;
      units.index.write += used.write;
    }
    if (request.itemsRead !== undefined) itemsRead = (itemsRead ?? 0) + request.itemsRead;
  }
  return {
    requests: requests.map((request) => request.action),
    units,
    ...(feedIndex === undefined ? {} : { feedIndex }),
    ...(itemsRead === undefined ? {} : { itemsRead }),
  };
}

/**
 * The units every call of one operation consumed. Calls on items of one size must agree (the
 * rules leave nothing to chance); when they do not, the measurement is wrong, not noisy.
 *
 * @throws {Error} naming the operation and the differing calls
 */
export function agreedUnits(what: string, calls: readonly CallUnits[]): CallUnits & { calls: number } {
  const [first] = calls;
  if (!first) throw new Error(`${what}: no call was measured`);
  const differing = calls.filter((call) => JSON.stringify(call) !== JSON.stringify(first));
  if (differing.length > 0)
    throw new Error(`${what}: calls consumed different units: ${JSON.stringify(first)} and ${JSON.stringify(differing[0])}`);
  return { ...first, calls: calls.length };
}
