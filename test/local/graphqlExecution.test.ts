import { buildSchema, OperationTypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GraphQLExecutor, MAX_CACHED_QUERY_LENGTH } from '../../local/appsync/graphqlExecution.js';

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
