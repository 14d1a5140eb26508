import type { MemoConnection, QueryListMemosArgs } from '../generated/schemaTypes.js';
import { appSyncHandler } from './lib/appSyncHandler.js';
import { decodePageToken, encodePageToken } from './lib/pageToken.js';
import { parseListLimit } from './lib/validation.js';
import { scanMemos } from './store/memoStore.js';

/** Query.listMemos: one Scan request per page; nextToken is opaque to clients. */
export const handler = appSyncHandler<QueryListMemosArgs, Required<Omit<MemoConnection, '__typename'>>>(
  'listMemos',
  async (args) => {
    const page = await scanMemos(parseListLimit(args.limit), decodePageToken(args.nextToken));
    return { items: page.items, nextToken: page.lastMemoId ? encodePageToken(page.lastMemoId) : null };
  },
);
