import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { round } from '../stats.js';
import { measuredFigures, skippedFigures } from './assembleFigures.js';
import type { CapacityFigures } from './capacityFigures.js';
import { openCapacityStore } from './capacityStore.js';
import { measureDesign, type DesignRunSize } from './designRun.js';
import { deleteTable, emulatorClient } from './designTables.js';
import { runHandlersInChild, type HandlerRunSize } from './handlerMeasurement.js';
import { INDEX_DESIGNS } from './indexDesigns.js';
import { MEMO_SIZES_KB } from './sizedMemo.js';
import { capacityReportingProblem } from './storeProbe.js';

export interface MeasureCapacityOptions {
  /** A smoke run: one call per single-memo operation instead of three; every figure is still produced. */
  quick: boolean;
  log(line: string): void;
  /**
   * A DynamoDB emulator already running (the tests pass their store), instead of a DynamoDB Local
   * started for the measurement. Fake credentials are sent: never a real AWS endpoint.
   */
  store?: { endpoint: string; description: string };
}

/**
 * Measures the capacity units every memo operation consumes, on the table and on the owner index,
 * at memo sizes of 1, 4 and 64 KB: the real handlers in a child process, and the store's requests
 * issued raw against one table per owner-index design (ALL, INCLUDE, KEYS_ONLY, a summary INCLUDE,
 * the seed's no index). Beside each figure, the least the pricing rules allow; from the measured
 * units, the read-heavy mix's DynamoDB cost per design and the cheapest design that serves
 * listMemos.
 *
 * Runs on DynamoDB Local (Java 17+). Without Java it falls back to dynalite, but only if dynalite
 * reports index units, which it does not: the result is then `skipped`, with the reason and the
 * rules' minimum in place of measured units. On CI (CI=true) a missing Java is an error. Stops the
 * store and the child it started, and deletes its tables, also when it fails.
 *
 * @example
 * const figures = await measureCapacity({ quick: false, log: console.error });
 * console.log(capacityReportLines(figures).join('\n'));
 * @throws {JavaNotFoundError} on CI without Java
 */
export async function measureCapacity(options: MeasureCapacityOptions): Promise<CapacityFigures> {
  const started = performance.now();
  const store = await openCapacityStore(options);
  try {
    const problem = await capacityReportingProblem(store.endpoint);
    const elapsed = () => round((performance.now() - started) / 1000);
    if (problem) {
      options.log(`capacity: ${store.description} cannot measure index units (${problem}); reporting the rules' minimum`);
      return { ...skippedFigures(`${store.description}: ${problem}`), store: store.description, elapsedSeconds: elapsed() };
    }
    const repeats = options.quick ? 1 : 3;
    options.log(`capacity: handlers and ${INDEX_DESIGNS.length} index designs at ${MEMO_SIZES_KB.join(', ')} KB on ${store.description}…`);
    const [handlerSizes, designSizes] = await settledBoth(
      measureHandlers(store.endpoint, repeats),
      measureDesigns(store.endpoint, repeats),
    );
    return { ...measuredFigures(handlerSizes, designSizes), store: store.description, elapsedSeconds: elapsed() };
  } finally {
    await store.close();
  }
}

async function measureHandlers(endpoint: string, repeats: number): Promise<HandlerRunSize[]> {
  const tableName = `memoCapacity-handlers-${randomUUID().slice(0, 8)}`;
  try {
    return await runHandlersInChild(endpoint, tableName, { sizesKb: [...MEMO_SIZES_KB], repeats });
  } finally {
    const client = emulatorClient(endpoint);
    await deleteTable(client, tableName).finally(() => client.destroy());
  }
}

/** The designs one after another (each creates and deletes its own tables), beside the handler child. */
async function measureDesigns(endpoint: string, repeats: number): Promise<Map<string, DesignRunSize[]>> {
  const measured = new Map<string, DesignRunSize[]>();
  for (const design of INDEX_DESIGNS) measured.set(design.design, await measureDesign(endpoint, design, MEMO_SIZES_KB, repeats));
  return measured;
}

/** Both results; when either fails, the first failure, but only after both have finished (and cleaned up). */
async function settledBoth<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [first, second] = await Promise.allSettled([a, b]);
  if (first.status === 'rejected') throw first.reason;
  if (second.status === 'rejected') throw second.reason;
  return [first.value, second.value];
}
