import { performance } from 'node:perf_hooks';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { MEMO_FIELD_NAMES } from '../../local/appsync/memoFieldsFragment.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { benchUserIdentity } from '../benchCaller.js';
import { callUnits } from '../capacity/callUnits.js';
import type { CapacityRecorder } from '../capacity/consumedCapacity.js';
import { round } from '../stats.js';
import { memoChangesHandler, type MemoStore } from '../resolverSeam.js';
import type { SyncRun } from './syncFigures.js';

/** The most changes memoChanges returns per page (MEMO_LIMITS.listLimitMax): what a sync asks for. */
export const SYNC_PAGE_LIMIT = 100;

const CHANGE_FIELDS = ['memoId', 'version', 'changedAt', 'deleted'];
const SELECTION_LIST = [
  'changes',
  ...CHANGE_FIELDS.map((field) => `changes/${field}`),
  'changes/memo',
  ...MEMO_FIELD_NAMES.map((field) => `changes/memo/${field}`),
  'cursor',
  'hasMore',
];
const SELECTION_GRAPHQL = `{ changes { ${CHANGE_FIELDS.join(' ')} memo { ${MEMO_FIELD_NAMES.join(' ')} } } cursor hasMore }`;

interface ChangePage {
  changes: { memoId: string; version: number; deleted: boolean }[];
  cursor: string;
  hasMore: boolean;
}

/** A client of memoChanges as `sub`, a user-pool caller, bound to `store`: the APPSYNC_JS resolver, then the real handler across Lambda's JSON boundary. */
export function feedClient(store: MemoStore, sub: string) {
  const handler = memoChangesHandler.withStore(store) as LambdaHandler;
  const page = async (cursor: string | undefined): Promise<ChangePage> => {
    const context = buildAppSyncContext({
      parentTypeName: 'Query',
      fieldName: 'memoChanges',
      args: { limit: SYNC_PAGE_LIMIT, ...(cursor === undefined ? {} : { cursor }) },
      headers: { 'content-type': 'application/json' },
      identity: benchUserIdentity(sub),
      selectionSetList: SELECTION_LIST,
      selectionSetGraphQL: SELECTION_GRAPHQL,
    });
    const value = await runLambdaResolver(context, 'AMAZON_COGNITO_USER_POOLS', (payload) => invokeLikeLambda(handler, payload));
    return value as ChangePage;
  };
  return {
    /**
     * Pulls pages from `cursor` (none: a full sync) while `hasMore` says more is waiting, as the
     * offline store does; returns the run's cost and the cursor to keep.
     */
    async pull(recorder: CapacityRecorder, cursor?: string): Promise<{ run: SyncRun; cursor: string }> {
      recorder.take();
      const started = performance.now();
      let received = 0;
      let next = cursor;
      for (let more = true; more;) {
        const answer = await page(next);
        received += answer.changes.length;
        next = answer.cursor;
        more = answer.hasMore;
      }
      const ms = round(performance.now() - started, 1);
      return { run: { ...runOf(recorder), received, ms }, cursor: next! };
    },
  };
}

/** The requests recorded since the last take: how many, their read units (table and indexes) and the items they read. */
export function runOf(recorder: CapacityRecorder): Omit<SyncRun, 'received' | 'ms'> {
  const requests = recorder.take();
  const { units, feedIndex, itemsRead = 0 } = callUnits(requests);
  return { requests: requests.length, readUnits: units.table.read + units.index.read + (feedIndex?.read ?? 0), itemsRead };
}
