import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { MAX_EXPANDED_SELECTIONS, MAX_NESTING_DEPTH } from '../../../local/appsync/fixedLimits.js';
import { RequestLimitExceeded } from '../../../local/appsync/requestLimitExceeded.js';
import { checkRequestLimits } from '../../../local/appsync/requestLimits.js';
import { countingFragments, doublingFragmentsQuery, doublingInlineFragmentsQuery, fragmentChainQuery } from './hostileDocuments.js';

const schema = buildSchema(`
  type Memo { memoId: ID! title: String }
  type MemoConnection { items: [Memo!]! nextToken: String }
  type Query { listMemos: MemoConnection! memo(memoId: ID!): Memo }
`);
const limits = { queryDepthLimit: 20, resolverCountLimit: 25 };
const isRootField = (typeName: string) => typeName === 'Query';

function check(query: string) {
  const { operation, fragments, lookups } = countingFragments(query);
  const errors = checkRequestLimits(schema, operation, fragments, isRootField, limits);
  return { errors, lookups: lookups(), refusal: errors[0]?.originalError as RequestLimitExceeded | undefined };
}

describe('checkRequestLimits', () => {
  it('visits each named fragment once per selection set (the 24-fragment query of the report)', () => {
    const { errors, lookups } = check(doublingFragmentsQuery(24));
    expect(errors).toEqual([]);
    // Expanding the fragments once to measure them, once to count depth and resolvers: 2 × 24.
    expect(lookups).toBe(2 * 24);
  });

  it(`refuses an operation that expands past ${MAX_EXPANDED_SELECTIONS} selections with RequestLimitExceeded, doing bounded work`, () => {
    const { errors, lookups, refusal } = check(doublingInlineFragmentsQuery(24));
    expect(errors).toHaveLength(1);
    expect(refusal).toBeInstanceOf(RequestLimitExceeded);
    expect(refusal?.errorInfo).toEqual({ limit: 'expandedSelections', max: MAX_EXPANDED_SELECTIONS });
    expect(lookups).toBeLessThanOrEqual(MAX_EXPANDED_SELECTIONS + 1);
  });

  it(`refuses fragment spreads chained deeper than ${MAX_NESTING_DEPTH} levels`, () => {
    const { refusal } = check(fragmentChainQuery(1000));
    expect(refusal?.errorInfo).toEqual({ limit: 'nestingDepth', max: MAX_NESTING_DEPTH });
  });

  it('counts a resolver field spread twice by the same fragment once, and aliased copies each', () => {
    const spreadTwice = check('{ ...Q ...Q } fragment Q on Query { listMemos { nextToken } }');
    expect(spreadTwice.errors).toEqual([]);
    const aliased = check(`{ ${Array.from({ length: 26 }, (_, k) => `m${k}: listMemos { nextToken }`).join(' ')} }`);
    expect(aliased.refusal?.errorInfo).toEqual({ limit: 'resolverCountLimit', max: 25 });
    expect(aliased.errors[0]?.message).toBe('The request selects 26 resolver fields, more than the limit of 25');
  });

  it('types the depth-limit refusal', () => {
    const { operation } = countingFragments('{ listMemos { items { memoId } } }');
    const [tooDeep] = checkRequestLimits(schema, operation, {}, isRootField, { ...limits, queryDepthLimit: 2 });
    expect(tooDeep?.message).toBe('Query depth 3 exceeds the limit of 2');
    expect((tooDeep?.originalError as RequestLimitExceeded).errorInfo).toEqual({ limit: 'queryDepthLimit', max: 2 });
  });
});
