import { CreateMemoDocument, DeleteMemoDocument, GetMemoDocument, ListMemosDocument, UpdateMemoDocument } from '@memo-api/client';
import type { GraphqlRequest } from './graphqlClient.js';
import { measureLoad, type LoadOptions } from './load.js';
import { LIST_LIMIT, sampleFields, type RawOperations } from './rawOperations.js';
import { round, type RunFigures } from '../stats.js';

export const OPERATIONS = ['createMemo', 'memo', 'updateMemo', 'listMemos', 'deleteMemo'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface Comparison {
  operation: Operation;
  concurrency: number;
  endpoint: RunFigures;
  raw: RunFigures;
  /** Endpoint throughput as a share of raw DynamoDB throughput (1 = no overhead). */
  throughputRatio: number;
}

/**
 * Each operation through the GraphQL endpoint (HTTP, token verification, generated SDK
 * documents) and the same DynamoDB request issued raw, back to back so both see the same
 * machine state. Both act on the signed-in user's memos.
 */
export async function compareEndpointToRaw(request: GraphqlRequest, raw: RawOperations, options: LoadOptions): Promise<Comparison[]> {
  const total = options.warmup + options.count;
  const pool = await raw.seed(200);
  const pick = (i: number) => pool[i % pool.length]!;
  const comparisons: Comparison[] = [];

  for (const operation of OPERATIONS) {
    const [endpointIds, rawIds] = operation === 'deleteMemo' ? [await raw.seed(total), await raw.seed(total)] : [pool, pool];
    const endpointCall: Record<Operation, (i: number) => Promise<unknown>> = {
      createMemo: (i) => request(CreateMemoDocument, { input: sampleFields(i) }),
      memo: (i) => request(GetMemoDocument, { memoId: pick(i) }),
      updateMemo: (i) => request(UpdateMemoDocument, { input: { memoId: pick(i), content: `update ${i}` } }),
      listMemos: () => request(ListMemosDocument, { limit: LIST_LIMIT }),
      deleteMemo: (i) => request(DeleteMemoDocument, { memoId: endpointIds[i]! }),
    };
    const rawCall: Record<Operation, (i: number) => Promise<unknown>> = {
      createMemo: (i) => raw.createMemo(i),
      memo: (i) => raw.memo(pick(i)),
      updateMemo: (i) => raw.updateMemo(pick(i), `update ${i}`),
      listMemos: () => raw.listMemos(),
      deleteMemo: (i) => raw.deleteMemo(rawIds[i]!),
    };
    const endpoint = await measureLoad(endpointCall[operation], options);
    const rawFigures = await measureLoad(rawCall[operation], options);
    comparisons.push({
      operation,
      concurrency: options.concurrency,
      endpoint,
      raw: rawFigures,
      throughputRatio: round(endpoint.opsPerSecond / rawFigures.opsPerSecond, 2),
    });
  }
  return comparisons;
}
