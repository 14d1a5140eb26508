import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { benchUserIdentity } from '../benchCaller.js';
import { storedFields, toItem } from '../resolverSeam.js';
import type { RawStore } from '../runtime/rawOperations.js';

/** The request every cold start in the bench answers: `memo` of one stored memo. */
export interface MemoColdStartEvent {
  readonly memoId: string;
  /** The AppSync direct-Lambda event, as JSON on disk for the runner (bench/coldStart/firstResponseRunner.mjs). */
  readonly path: string;
  /** Throws unless `result` is that memo: a handler's `{ data }`, or the floor's raw GetItem `{ Item }`. A cold start that fails proves nothing. */
  readonly check: (result: unknown) => void;
  /** Deletes the stored memo (for a section that must leave the store as it found it). */
  readonly remove: () => Promise<void>;
}

/**
 * Stores one memo of a fresh owner in `store` and writes, to `dir`, the `memo` event that fetches
 * it as that owner (one GetItem): the first request of section 3's variants and of section 11's
 * designs alike.
 */
export async function memoColdStartEvent(store: RawStore, dir: string): Promise<MemoColdStartEvent> {
  const memoId = randomUUID();
  const owner = randomUUID();
  const now = new Date().toISOString();
  const client = documentClient(store);
  try {
    const item = toItem({
      memoId,
      ownerId: owner,
      ...storedFields({ title: 'cold', content: 'start' }),
      createdAt: now,
      updatedAt: now,
      version: 1,
    });
    await client.send(new PutCommand({ TableName: store.tableName, Item: item }));
  } finally {
    client.destroy();
  }
  const event = buildAppSyncContext({
    parentTypeName: 'Query',
    fieldName: 'memo',
    args: { memoId },
    headers: { 'content-type': 'application/json' },
    identity: benchUserIdentity(owner),
    selectionSetList: ['memoId', 'content'],
    selectionSetGraphQL: '{ memoId content }',
  });
  const path = join(dir, 'memoEvent.json');
  writeFileSync(path, JSON.stringify(event));
  const check = (result: unknown) => {
    const { data, Item } = (result ?? {}) as { data?: { memoId?: string }; Item?: { memoId?: { S?: string } } };
    if ((data?.memoId ?? Item?.memoId?.S) !== memoId)
      throw new Error(`the cold start did not return memo ${memoId}: ${JSON.stringify(result).slice(0, 300)}`);
  };
  const remove = async () => {
    const deleting = documentClient(store);
    try {
      await deleting.send(new DeleteCommand({ TableName: store.tableName, Key: { memoId } }));
    } finally {
      deleting.destroy();
    }
  };
  return { memoId, path, check, remove };
}

function documentClient(store: RawStore): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: store.endpoint, region: store.region, credentials: store.credentials }),
  );
}
