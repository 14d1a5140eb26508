import { performance } from 'node:perf_hooks';
import { capacityReportingProblem } from '../capacity/storeProbe.js';
import { FEED_LAYOUT_QUICK_RUN, FEED_LAYOUT_RUN, measureFeedLayouts, skippedFeedLayouts } from '../capacity/measureFeedLayouts.js';
import { round } from '../stats.js';
import { measureSync, SYNC_QUICK_SETTINGS, SYNC_SETTINGS, type SyncSettings } from './measureSync.js';
import type { OfflineFigures } from './syncFigures.js';

export interface MeasureOfflineOptions {
  quick: boolean;
  /** The capacity section's store: DynamoDB Local in the bench, the test run's store in the tests. */
  store: { endpoint: string; description: string };
  log: (line: string) => void;
  /** Overrides the sync sizes (the tests keep them small). */
  sync?: SyncSettings;
}

/**
 * Issue 19's measurements on the capacity store: the index layout (item 3; skipped where the store
 * reports no index units on writes, as dynalite), full and delta syncs through memoChanges, and
 * DataStore's filtered Scan beside our owner Query (read units only: dynalite reports those too).
 * The outbox drain needs the running API: runBench measures it (outboxDrain.ts).
 */
export async function measureOffline(options: MeasureOfflineOptions): Promise<Omit<OfflineFigures, 'outboxDrain'>> {
  const started = performance.now();
  const { endpoint, description } = options.store;
  const problem = await capacityReportingProblem(endpoint, 'memoOfflineProbe');
  options.log(`offline: index layouts (one shared index or two) on ${description}…`);
  const feedLayouts = problem
    ? skippedFeedLayouts(`${description}: ${problem}`)
    : await measureFeedLayouts(endpoint, options.quick ? FEED_LAYOUT_QUICK_RUN : FEED_LAYOUT_RUN);
  const sync = await measureSync(endpoint, options.sync ?? (options.quick ? SYNC_QUICK_SETTINGS : SYNC_SETTINGS), options.log);
  return {
    store: description,
    feedLayouts,
    ...sync,
    elapsedSeconds: round((performance.now() - started) / 1000),
  };
}
