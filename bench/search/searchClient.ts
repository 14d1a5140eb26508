import { performance } from 'node:perf_hooks';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { invokeLikeLambda, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { MEMO_FIELD_NAMES } from '../../local/appsync/memoFieldsFragment.js';
import { runLambdaResolver } from '../../local/appsync/runLambdaResolver.js';
import { benchUserIdentity } from '../benchCaller.js';
import { callUnits } from '../capacity/callUnits.js';
import type { CapacityRecorder } from '../capacity/consumedCapacity.js';
import { round } from '../stats.js';
import { searchMemosHandler, type MemoStore } from '../resolverSeam.js';
import type { SearchRun } from './searchFigures.js';

const SELECTION_LIST = ['items', ...MEMO_FIELD_NAMES.map((field) => `items/${field}`), 'nextToken'];
const SELECTION_GRAPHQL = `{ items { ${MEMO_FIELD_NAMES.join(' ')} } nextToken }`;

export interface SearchArgs {
  query?: string;
  tags?: string[];
  limit: number;
}

/** A client of searchMemos as `sub`, a user-pool caller, bound to `store`: the APPSYNC_JS resolver, then the real handler across Lambda's JSON boundary. */
export function searchClient(store: MemoStore, sub: string) {
  const handler = searchMemosHandler.withStore(store) as LambdaHandler;
  const storeTime = timeStoreRequests(store);
  return {
    /** One first page of `args`, and what its requests (recorded since the last take) cost. */
    async firstPage(recorder: CapacityRecorder, args: SearchArgs): Promise<SearchRun> {
      recorder.take();
      const context = buildAppSyncContext({
        parentTypeName: 'Query',
        fieldName: 'searchMemos',
        args: { ...args },
        headers: { 'content-type': 'application/json' },
        identity: benchUserIdentity(sub),
        selectionSetList: SELECTION_LIST,
        selectionSetGraphQL: SELECTION_GRAPHQL,
      });
      storeTime.take();
      const started = performance.now();
      const page = (await runLambdaResolver(context, 'AMAZON_COGNITO_USER_POOLS', (payload) => invokeLikeLambda(handler, payload))) as {
        items: { ownerId: string }[];
        nextToken: string | null;
      };
      const ms = round(performance.now() - started, 1);
      const storeMs = round(storeTime.take(), 1);
      const requests = recorder.take();
      if (requests.some((request) => request.action !== 'Query'))
        throw new Error(`searchMemos sent ${requests.map((r) => r.action).join(', ')}`);
      if (page.items.some((memo) => memo.ownerId !== sub)) throw new Error("searchMemos returned another owner's memo");
      const { units, itemsRead = 0 } = callUnits(requests);
      return {
        requests: requests.length,
        readUnits: units.table.read + units.index.read,
        itemsRead,
        largestQueryItems: Math.max(0, ...requests.map((request) => request.itemsRead ?? 0)),
        received: page.items.length,
        hasNextToken: page.nextToken !== null,
        ms,
        storeMs,
      };
    },
    /** Removes the timing middleware. */
    stop: () => storeTime.stop(),
  };
}

let timers = 0;

/** Time in the store's requests (from send to the unmarshalled answer), so the handler's own share (matching) is the rest. */
function timeStoreRequests(store: MemoStore) {
  const stack = store.documentClient.middlewareStack;
  const name = `searchStoreTime-${++timers}`;
  let spent = 0;
  stack.add(
    (next) => async (args) => {
      const started = performance.now();
      try {
        return await next(args);
      } finally {
        spent += performance.now() - started;
      }
    },
    { step: 'initialize', name },
  );
  return {
    take: () => {
      const taken = spent;
      spent = 0;
      return taken;
    },
    stop: () => void stack.remove(name),
  };
}
