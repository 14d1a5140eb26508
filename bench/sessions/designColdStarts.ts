import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { v4 as uuidv4 } from 'uuid';
import { buildAppSyncContext } from '../../local/appsync/appSyncContext.js';
import { benchUserIdentity, handlerEnv } from '../benchCaller.js';
import type { DeployedBundle } from '../coldStart/coldStart.js';
import { measureFirstResponses, type FirstResponseFigures } from '../coldStart/firstResponse.js';
import { MEMO_FIELDS, storedFields, toItem } from '../resolverSeam.js';
import type { RawStore } from '../runtime/rawOperations.js';
import { READ_FIELDS } from './functionDesigns.js';
import { buildGroupedBundle } from './groupedBundles.js';

/** One design's bundle that serves `memo`, cold: its size and its first response. */
export interface DesignColdStart {
  design: string;
  bundle: string;
  bytes: number;
  gzipBytes: number;
  firstResponse: FirstResponseFigures;
}

const OWNER = 'c01d57a7-0000-4000-8000-00000000c0de';

/**
 * The first response to the same `memo` request, each run in a fresh node, the bundles taking
 * turns (bench/coldStart/firstResponse.ts): A = today's deployed `memo` bundle, B = one bundle of
 * every field, C = the bundle of the read fields (design C's larger function of two). `store`
 * must be served from outside the processes measured.
 */
export async function measureDesignColdStarts(
  deployedMemo: DeployedBundle,
  store: RawStore,
  options: { runs: number; log(line: string): void },
): Promise<DesignColdStart[]> {
  const dir = mkdtempSync(join(tmpdir(), 'memo-design-bundles-'));
  try {
    const bundles = [
      { design: 'A', bundle: 'memo (deployed)', path: deployedMemo.path },
      {
        design: 'B',
        bundle: `all ${MEMO_FIELDS.length} fields`,
        path: await buildGroupedBundle(
          MEMO_FIELDS.map((field) => field.fieldName),
          dir,
          'allFields',
        ),
      },
      { design: 'C', bundle: `the ${READ_FIELDS.size} read fields`, path: await buildGroupedBundle([...READ_FIELDS], dir, 'readFields') },
    ];
    const eventFile = await memoEventFile(store, dir);
    const env = handlerEnv(deployedMemo.env, store);
    options.log(
      `cold start per design (memo, one GetItem): ${bundles.map((b) => `${b.design} ${b.bundle}`).join(', ')}, ${options.runs} runs each…`,
    );
    const figures = await measureFirstResponses(
      bundles.map(({ design, path }) => ({
        name: design,
        runnerArgs: ['handler', path, eventFile.path],
        env,
        check: eventFile.check,
      })),
      options.runs,
    );
    return bundles.map(({ design, bundle, path }, index) => {
      const bytes = readFileSync(path);
      return { design, bundle, bytes: bytes.length, gzipBytes: gzipSync(bytes).length, firstResponse: figures[index]! };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Stores one memo of OWNER and writes the `memo` event that fetches it; `check` throws unless a result is that memo. */
async function memoEventFile(store: RawStore, dir: string) {
  const memoId = uuidv4();
  const now = new Date().toISOString();
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: store.endpoint, region: store.region, credentials: store.credentials }),
  );
  try {
    const item = toItem({
      memoId,
      ownerId: OWNER,
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
    identity: benchUserIdentity(OWNER),
    selectionSetList: ['memoId', 'content'],
    selectionSetGraphQL: '{ memoId content }',
  });
  const path = join(dir, 'memoEvent.json');
  writeFileSync(path, JSON.stringify(event));
  const check = (result: unknown) => {
    const { data } = (result ?? {}) as { data?: { memoId?: string } };
    if (data?.memoId !== memoId) throw new Error(`the cold start did not return memo ${memoId}: ${JSON.stringify(result).slice(0, 300)}`);
  };
  return { path, check };
}
