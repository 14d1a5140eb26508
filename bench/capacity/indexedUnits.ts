import type { ConsumedRequest } from './consumedCapacity.js';
import type { IndexedUnits } from './feedLayouts.js';

/** Sums requests' units, the table's and each index's apart. */
export function indexedUnits(requests: readonly ConsumedRequest[]): IndexedUnits {
  const units: IndexedUnits = { table: { read: 0, write: 0 }, indexes: {} };
  for (const request of requests) {
    units.table.read += request.table.read;
    units.table.write += request.table.write;
    for (const [name, used] of Object.entries(request.indexes)) {
      const sum = (units.indexes[name] ??= { read: 0, write: 0 });
      sum.read += used.read;
      sum.write += used.write;
    }
  }
  return units;
}

/** The units every call of one kind consumed; calls on items of one size must agree, or the measurement is wrong. */
export function agreedIndexedUnits(what: string, calls: readonly IndexedUnits[]): IndexedUnits {
  const [first] = calls;
  if (!first) throw new Error(`${what}: no call was measured`);
  const differing = calls.find((call) => JSON.stringify(call) !== JSON.stringify(first));
  if (differing) throw new Error(`${what}: calls consumed different units: ${JSON.stringify(first)} and ${JSON.stringify(differing)}`);
  return first;
}
