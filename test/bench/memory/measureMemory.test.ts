import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { findFieldWiring } from '../../../infra/assembly/templateLookup.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../../infra/assembly/synthMemoApp.js';
import { invocationPlan } from '../../../bench/memory/invocationPlans.js';
import { lambdaNodeFlags } from '../../../bench/memory/lambdaNodeFlags.js';
import { measureMemory, type MemoryRow } from '../../../bench/memory/measureMemory.js';
import { runInvocationLoop } from '../../../bench/memory/runInvocationLoop.js';
import { FUNCTION_MEMORY_MB } from '../../../resolvers/fields.js';
import { createMemoTable } from '../../helpers/memoTable.js';
import { TEST_STORE_CONFIG, testMemoStore } from '../../helpers/testStore.js';

// Harness test: it proves the figures are produced from the deployed bundle, never what they are.
let synthesized: SynthesizedMemoApp;
let row: MemoryRow;
const logged: string[] = [];
const store = () => ({ endpoint: inject('dynamodbEndpoint'), tableName: TEST_STORE_CONFIG.tableName });

/** The function's bundle and literal environment as synthesized, as the bench takes them. */
function deployed(fieldName: string): { path: string; env: Record<string, string> } {
  const variables = findFieldWiring(synthesized.template, fieldName).fn.Properties.Environment.Variables as Record<string, unknown>;
  return {
    path: synthesized.bundleOf(fieldName),
    env: Object.fromEntries(Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string')),
  };
}

beforeAll(async () => {
  synthesized = synthMemoApp();
  await createMemoTable();
  [row] = (await measureMemory(new Map([['memo', deployed('memo')]]), store(), { invocations: 30, log: (line) => logged.push(line) })) as [
    MemoryRow,
  ];
}, 120_000);

afterAll(() => synthesized?.dispose());

describe('measureMemory', () => {
  it('measures the memo handler after 1 and after 1 + 30 invocations under the deployed size’s V8 limits', () => {
    expect(row).toMatchObject({ fieldName: 'memo', invocations: 30, lambdaMemoryMb: FUNCTION_MEMORY_MB });
    for (const figure of [
      'rssMiBAfter1',
      'rssMiBAfterN',
      'heapMiBAfter1',
      'heapMiBAtHalf',
      'heapMiBAfterN',
      'maxRssMiB',
      'cpuMsPerInvocation',
      'wallMsPerInvocation',
    ] as const) {
      expect(row[figure], figure).toBeGreaterThan(0);
    }
    expect(Number.isFinite(row.heapGrowthKiBPer1000)).toBe(true);
    expect(logged).toEqual([expect.stringContaining('memo, 1 + 30 invocations')]);
  });

  it('leaves no memo behind: what it seeded is removed', async () => {
    const { Count } = await testMemoStore().documentClient.send(
      new ScanCommand({ TableName: TEST_STORE_CONFIG.tableName, Select: 'COUNT' }),
    );
    expect(Count).toBe(0);
  });

  it('fails loudly when an invocation does not succeed', async () => {
    // Deleting memos nobody stored: MemoNotFound on the first invocation.
    const plan = invocationPlan('deleteMemo', randomUUID(), [randomUUID(), randomUUID(), randomUUID()], 2);
    const env = {
      PATH: process.env.PATH ?? '',
      TABLE_NAME: TEST_STORE_CONFIG.tableName,
      PAGE_TOKEN_SECRET: TEST_STORE_CONFIG.pageTokenKey,
      DYNAMODB_ENDPOINT: inject('dynamodbEndpoint'),
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    await expect(runInvocationLoop(deployed('deleteMemo').path, plan, { env, nodeFlags: lambdaNodeFlags(128) })).rejects.toThrow(
      /invocation 0 did not succeed.*MemoNotFound/s,
    );
  });
});
