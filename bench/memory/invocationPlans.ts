import { benchUserIdentity } from '../benchCaller.js';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { appSyncLambdaRequest as request } from '../resolverSeam.js';
import { LIST_LIMIT, sampleFields } from '../runtime/rawOperations.js';
import { MEMO_FIELD_NAMES } from '../../local/appsync/memoFieldsFragment.js';

/** Where the invocation loop (invocationLoop.mjs) puts the memo id of each invocation. */
export const MEMO_ID_SLOT = '__MEMO_ID__';

/** What one memory run of one handler does: the child reads it from a JSON file. */
export interface InvocationPlan {
  /** The Lambda event AppSync sends for this field, as JSON, with MEMO_ID_SLOT where the memo id goes. */
  eventJson: string;
  /** The ids invocation `i` uses, `memoIds[i % length]`; empty for an operation that names no memo. */
  memoIds: string[];
  /** Invocations measured after the first one. */
  invocations: number;
  functionName: string;
}

interface OperationShape {
  typeName: 'Query' | 'Mutation';
  /** Memos of the caller the parent stores before the run, given the measured invocation count. */
  seededMemos: (invocations: number) => number;
  args: Record<string, unknown>;
  selection: readonly string[];
}

const MEMO_SELECTION = MEMO_FIELD_NAMES; // what clients select: the MemoFields fragment
/** Reads and updates cycle over this many memos: enough not to hit one item, few to seed. */
const CYCLED_MEMOS = 100;

/**
 * Each operation as a signed-in user sends it, with the client's usual selection. Updates carry
 * no expectedVersion (every invocation bumps the version); deletes need a memo each; listMemos
 * reads a full first page (more memos than the page, so it also signs a nextToken).
 */
const OPERATIONS: Record<string, OperationShape> = {
  memo: { typeName: 'Query', seededMemos: (n) => Math.min(CYCLED_MEMOS, n + 1), args: { memoId: MEMO_ID_SLOT }, selection: MEMO_SELECTION },
  listMemos: {
    typeName: 'Query',
    seededMemos: () => LIST_LIMIT * 2 + 10,
    args: { limit: LIST_LIMIT },
    selection: ['items', ...MEMO_SELECTION.map((field) => `items/${field}`), 'nextToken'],
  },
  // A word search's first page over memos that all match (the sample content is "content of memo i").
  searchMemos: {
    typeName: 'Query',
    seededMemos: () => LIST_LIMIT * 2 + 10,
    args: { query: 'memo', limit: LIST_LIMIT },
    selection: ['items', ...MEMO_SELECTION.map((field) => `items/${field}`), 'nextToken'],
  },
  createMemo: { typeName: 'Mutation', seededMemos: () => 0, args: { input: sampleFields(0) }, selection: MEMO_SELECTION },
  updateMemo: {
    typeName: 'Mutation',
    seededMemos: (n) => Math.min(CYCLED_MEMOS, n + 1),
    args: { input: { memoId: MEMO_ID_SLOT, content: sampleFields(1).content } },
    selection: MEMO_SELECTION,
  },
  deleteMemo: { typeName: 'Mutation', seededMemos: (n) => n + 1, args: { memoId: MEMO_ID_SLOT }, selection: MEMO_SELECTION },
  // A full sync's first page (no cursor), as a device starting from nothing sends it.
  memoChanges: {
    typeName: 'Query',
    seededMemos: () => LIST_LIMIT * 2 + 10,
    args: { limit: LIST_LIMIT },
    selection: [
      'changes',
      ...['memoId', 'version', 'changedAt', 'deleted', 'memo'].map((field) => `changes/${field}`),
      ...MEMO_SELECTION.map((field) => `changes/memo/${field}`),
      'cursor',
      'hasMore',
    ],
  },
};

/** How many memos of the caller `fieldName`'s run needs stored beforehand. */
export function memosToSeed(fieldName: string, invocations: number): number {
  return shapeOf(fieldName).seededMemos(invocations);
}

/**
 * The plan for `fieldName`: the event the APPSYNC_JS resolver (resolvers/appsync/invokeLambda.ts)
 * builds when user `ownerSub` calls the field through AppSync, and the seeded ids to use.
 */
export function invocationPlan(fieldName: string, ownerSub: string, seededIds: readonly string[], invocations: number): InvocationPlan {
  const shape = shapeOf(fieldName);
  const ctx = buildAppSyncContext({
    parentTypeName: shape.typeName,
    fieldName,
    args: shape.args,
    headers: appSyncHeaders(),
    identity: benchUserIdentity(ownerSub),
    selectionSetList: [...shape.selection],
    selectionSetGraphQL: selectionSetGraphQL(shape.selection),
  });
  const { payload } = request(ctx);
  return { eventJson: JSON.stringify(payload), memoIds: [...seededIds], invocations, functionName: `memo-bench-${fieldName}` };
}

function shapeOf(fieldName: string): OperationShape {
  const shape = OPERATIONS[fieldName];
  if (!shape) throw new Error(`no memory-run plan for the field ${fieldName}`);
  return shape;
}

/** The headers a browser client's request carries through AppSync; the resolver drops the credentials. */
function appSyncHeaders(): Record<string, string> {
  return {
    accept: 'application/json, text/plain, */*',
    'accept-encoding': 'gzip, deflate, br',
    authorization: 'eyJ.memory-run.token',
    'content-type': 'application/json; charset=UTF-8',
    host: 'example1234567890.appsync-api.us-east-1.amazonaws.com',
    origin: 'https://memo.example.com',
    'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
    'x-amz-user-agent': 'aws-amplify/6.0.0 api/1 framework/0',
    'x-amzn-trace-id': 'Root=1-65f0a1b2-0123456789abcdef01234567',
    'x-forwarded-for': '203.0.113.10, 198.51.100.7',
    'x-forwarded-port': '443',
    'x-forwarded-proto': 'https',
  };
}

/** `{ items { memoId … } nextToken }` from the flat list (`items/memoId`), as AppSync renders it, at any depth. */
function selectionSetGraphQL(selection: readonly string[]): string {
  const childrenOf = (parent: string) =>
    selection.filter((field) => field.startsWith(`${parent}/`) && !field.slice(parent.length + 1).includes('/'));
  const render = (path: string): string => {
    const children = childrenOf(path);
    const name = path.slice(path.lastIndexOf('/') + 1);
    return children.length ? `${name} { ${children.map(render).join(' ')} }` : name;
  };
  return `{ ${selection
    .filter((field) => !field.includes('/'))
    .map(render)
    .join(' ')} }`;
}
