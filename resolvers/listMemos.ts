import type { MemoConnection, QueryListMemosArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { parseListLimit } from './lib/validation.js';
import { scanMemos } from './store/memoStore.js';

/** Query.listMemos: one Scan request per page; nextToken is opaque (and signed) to clients. */
export const handler = appSyncHandler<QueryListMemosArgs, Required<Omit<MemoConnection, '__typename'>>>(
  'listMemos',
  async ({ limit, nextToken }) => scanMemos(parseListLimit(limit), nextToken),
);
