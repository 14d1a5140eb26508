import type { AppSyncResolverEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, type LambdaHandler } from '../../local/appsync/lambdaInvocation.js';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { handler, MEMO_FIELD_HANDLERS } from '../../resolvers/memoFunction.js';
import { createMemoStore } from '../../resolvers/store/memoStore.js';
import { userPoolCaller } from '../helpers/callers.js';
import { createMemoTable } from '../helpers/memoTable.js';
import { testMemoStore, testStoreConfig } from '../helpers/testStore.js';
import { captureOutput, logLinesOf } from './lambda/capturedOutput.js';

// The deployed function's entry: one handler for every memo field, dispatching on AppSync's event.info.

function eventOf(parentTypeName: string, fieldName: string, args: unknown) {
  return {
    arguments: args,
    identity: userPoolCaller().identity,
    source: null,
    request: { headers: {}, domainName: null },
    info: { parentTypeName, fieldName, variables: {}, selectionSetList: ['memoId'], selectionSetGraphQL: '{ memoId }' },
    prev: null,
    stash: {},
  } as unknown as AppSyncResolverEvent<unknown>;
}

type Answer = { data?: { memoId?: string; content?: string } | null; error?: { errorType: string; message: string } };

const savedLevel = process.env.POWERTOOLS_LOG_LEVEL;
beforeAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO'; // as deployed: the lines below are read
  await createMemoTable();
});
afterAll(() => {
  if (savedLevel === undefined) delete process.env.POWERTOOLS_LOG_LEVEL;
  else process.env.POWERTOOLS_LOG_LEVEL = savedLevel;
});

describe('MEMO_FIELD_HANDLERS', () => {
  it('is exactly MEMO_FIELDS, each field with the handler its own entry exports', async () => {
    expect(Object.keys(MEMO_FIELD_HANDLERS).sort()).toEqual(MEMO_FIELDS.map((f) => `${f.typeName}.${f.fieldName}`).sort());
    for (const field of MEMO_FIELDS) {
      const module = (await import(/* @vite-ignore */ new URL(`../../${field.entry.replace(/\.ts$/, '.js')}`, import.meta.url).href)) as {
        handler: unknown;
      };
      expect(MEMO_FIELD_HANDLERS[`${field.typeName}.${field.fieldName}` as keyof typeof MEMO_FIELD_HANDLERS], field.entry).toBe(
        module.handler,
      );
    }
  });
});

describe('the memo function', () => {
  const invoke = (event: AppSyncResolverEvent<unknown>, store = testMemoStore()) =>
    (handler.withStore(store) as LambdaHandler)(event, lambdaContext()) as Promise<Answer>;

  it('serves each field with that field’s handler: a memo created through it is read back through it, each line under its own field', async () => {
    const { lines } = await captureOutput(async () => {
      const created = await invoke(eventOf('Mutation', 'createMemo', { input: { content: 'one function' } }));
      const read = await invoke(eventOf('Query', 'memo', { memoId: created.data!.memoId }));
      expect(read.data).toMatchObject({ memoId: created.data!.memoId, content: 'one function' });
    });
    expect(logLinesOf(lines).map((line) => [line.field, line.outcome])).toEqual([
      ['Mutation.createMemo', 'ok'],
      ['Query.memo', 'ok'],
    ]);
  });

  it.each([
    ['a field the schema has but no memo handler', 'Subscription', 'onCreateMemo'],
    ['a query field of another type name', 'Mutation', 'memo'],
    ['a field named like an Object.prototype member', 'Query', 'constructor'],
    ['a field named like __proto__', 'Query', '__proto__'],
    ['no type name at all', '', 'memo'],
  ])('refuses %s as an InternalError logged at ERROR, and touches no memo', async (_case, typeName, fieldName) => {
    // A table that does not exist: any store call would fail with ResourceNotFoundException, which the line would carry.
    const missingTable = createMemoStore(testStoreConfig(`memoTable-missing-${Date.now()}`));
    try {
      const { lines } = await captureOutput(async () => {
        const answer = await invoke(eventOf(typeName, fieldName, { memoId: '7d5e0b1c-1111-4a2b-8c3d-000000000001' }), missingTable);
        expect(answer).toEqual({ error: { errorType: 'InternalError', message: expect.any(String), errorInfo: null } });
      });
      const [line, ...others] = logLinesOf(lines);
      expect(others).toEqual([]);
      expect(line).toMatchObject({ level: 'ERROR', field: `${typeName}.${fieldName}`, outcome: 'failed', errorType: 'InternalError' });
      expect(JSON.stringify(line!.error)).toContain('is not served by this function');
    } finally {
      missingTable.destroy();
    }
  });

  it('is the bound handler of the process too: the entry infra deploys answers without withStore', () => {
    expect(typeof handler).toBe('function');
    expect(typeof handler.withStore).toBe('function');
  });
});
