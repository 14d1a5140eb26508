import { buildSchema, OperationTypeNode, type GraphQLFieldResolver } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GraphQLExecutor, MAX_CACHED_QUERY_LENGTH } from '../../../local/appsync/graphqlExecution.js';
import type { VerifiedCaller } from '../../../local/auth/verifiedCaller.js';
import { doublingFragmentsQuery, doublingInlineFragmentsQuery, inputWithExtraKeys, nestedValue } from './hostileDocuments.js';

const schema = buildSchema('type Query { hello: String }');
const limits = { queryDepthLimit: 20, resolverCountLimit: 25 };
const QUERIES = [OperationTypeNode.QUERY];

describe('the prepared-operation cache', () => {
  it('keeps a valid query it prepared', () => {
    const executor = new GraphQLExecutor(schema, () => false, limits);
    const first = executor.prepare({ query: '{ hello }' }, QUERIES);
    expect(executor.prepare({ query: '{ hello }' }, QUERIES)).toBe(first);
    expect(executor.cachedOperationCount).toBe(1);
  });

  it(`does not keep a query longer than ${MAX_CACHED_QUERY_LENGTH} characters (each would pin its text)`, () => {
    const executor = new GraphQLExecutor(schema, () => false, limits);
    const long = `{ hello }${' '.repeat(MAX_CACHED_QUERY_LENGTH)}`;
    const prepared = executor.prepare({ query: long }, QUERIES);
    expect(prepared).toHaveProperty('operation');
    expect(executor.cachedOperationCount).toBe(0);
  });
});

describe('hostile requests', () => {
  const memoSchema = buildSchema(`
    type Memo { memoId: ID! title: String }
    type MemoConnection { items: [Memo!]! nextToken: String }
    input CreateMemoInput { memoId: ID title: String content: String! tags: [String!] }
    type Query { listMemos: MemoConnection! }
    type Mutation { createMemo(input: CreateMemoInput!): Memo! }
  `);
  let resolverCalls = 0;
  const resolve: GraphQLFieldResolver<unknown, unknown> = () => {
    resolverCalls += 1;
    return { memoId: 'm1', items: [{ memoId: 'm1' }], nextToken: null };
  };
  memoSchema.getQueryType()!.getFields().listMemos!.resolve = resolve;
  memoSchema.getMutationType()!.getFields().createMemo!.resolve = resolve;
  const executor = new GraphQLExecutor(memoSchema, (typeName) => typeName !== 'Memo' && typeName !== 'MemoConnection', limits);
  const caller = {} as VerifiedCaller;
  const run = async (query: string, variables?: Record<string, unknown>) =>
    (await executor.execute({ query, variables }, {}, caller)).response;
  const CREATE = 'mutation M($input: CreateMemoInput!) { createMemo(input: $input) { memoId } }';

  /** The answer to a refused request: data null, one typed error, no resolver run; a normal request still answers. */
  async function expectRefused(response: Awaited<ReturnType<typeof run>>, limit: string) {
    expect(response).toMatchObject({ data: null, errors: [{ errorType: 'RequestLimitExceeded', errorInfo: { limit }, path: null }] });
    expect(response.errors).toHaveLength(1);
    expect(resolverCalls).toBe(0);
    expect(await run('{ listMemos { nextToken } }')).toEqual({ data: { listMemos: { nextToken: null } } });
    resolverCalls = 0;
  }

  it('answers the 24-fragment query of the report (980 bytes) as graphql-js executes it', async () => {
    expect(await run(doublingFragmentsQuery(24))).toEqual({ data: { listMemos: { items: [{ memoId: 'm1' }] } } });
    resolverCalls = 0;
  });

  it('refuses fragments that expand past the selection limit before any resolver runs', async () => {
    await expectRefused(await run(doublingInlineFragmentsQuery(24)), 'expandedSelections');
  });

  it.each([
    ['selection sets', `{ listMemos { ${'... on MemoConnection { '.repeat(3000)} nextToken ${'}'.repeat(3000)} } }`],
    ['list literals', `mutation { createMemo(input: { content: "x", tags: ${'['.repeat(3000)}${']'.repeat(3000)} }) { memoId } }`],
    ['object literals', `mutation { createMemo(input: ${'{ a: '.repeat(3000)}1${'}'.repeat(3000)}) { memoId } }`],
  ])('refuses %s nested 3,000 deep with a typed error, not "Maximum call stack size exceeded"', async (_case, query) => {
    const response = await run(query);
    await expectRefused(response, 'nestingDepth');
    expect(response.errors![0]!.locations).toEqual([{ line: 1, column: expect.any(Number), sourceName: null }]);
  });

  it.each([
    ['arrays', { content: 'x', tags: nestedValue(100_000, 'array') }],
    ['objects', { content: nestedValue(100_000, 'object') }],
  ])('refuses variables with %s nested 100,000 deep with a typed error', async (_case, input) => {
    await expectRefused(await run(CREATE, { input }), 'nestingDepth');
  });

  it('answers the 1 MB input of the report (70,000 unknown keys) with one short error', async () => {
    const response = await run(CREATE, { input: inputWithExtraKeys(70_000) });
    await expectRefused(response, 'unknownInputFields');
    expect(JSON.stringify(response).length).toBeLessThan(1000);
  });
});
