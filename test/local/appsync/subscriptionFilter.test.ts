import { describe, expect, it } from 'vitest';
import {
  FILTER_LIMITS,
  InvalidSubscriptionFilter,
  matchesFilter,
  toSubscriptionFilter,
} from '../../../local/appsync/subscriptionFilter.js';

const event = { memoId: 'm1', ownerId: 'alice', version: 3, tags: ['a', 'b'], title: 'Hello world', nested: { level: 2 } };

describe('util.transform.toSubscriptionFilter', () => {
  it('turns a map of fields into one group of AND-ed filters', () => {
    expect(toSubscriptionFilter({ ownerId: { eq: 'alice' }, memoId: { eq: 'm1' } })).toEqual({
      filterGroup: [
        {
          filters: [
            { fieldName: 'ownerId', operator: 'eq', value: 'alice' },
            { fieldName: 'memoId', operator: 'eq', value: 'm1' },
          ],
        },
      ],
    });
  });

  it('expands or into OR-ed groups, each keeping the AND-ed fields beside it', () => {
    const filter = toSubscriptionFilter({ ownerId: { eq: 'alice' }, or: [{ memoId: { eq: 'm1' } }, { version: { gt: 5 } }] });
    expect(filter.filterGroup).toHaveLength(2);
    expect(filter.filterGroup.map((group) => group.filters.map((f) => f.fieldName))).toEqual([
      ['ownerId', 'memoId'],
      ['ownerId', 'version'],
    ]);
  });

  it('leaves out ignored fields', () => {
    expect(toSubscriptionFilter({ ownerId: { eq: 'a' }, memoId: { eq: 'm' } }, ['memoId']).filterGroup[0]!.filters).toHaveLength(1);
  });

  it.each([
    ['an unknown operator', { ownerId: { like: 'a' } }],
    [`in with more than ${FILTER_LIMITS.listValues} values`, { version: { in: [1, 2, 3, 4, 5, 6] } }],
    [`containsAny with more than ${FILTER_LIMITS.containsAnyValues} values`, { tags: { containsAny: Array.from({ length: 21 }, String) } }],
    ['a field nested deeper than 5 levels', { 'a.b.c.d.e.f': { eq: 1 } }],
    ['between without two bounds', { version: { between: [1] } }],
  ])('refuses %s, as AppSync refuses the subscription', (_case, obj) => {
    expect(() => toSubscriptionFilter(obj)).toThrow(InvalidSubscriptionFilter);
  });
});

describe('an event against a filter', () => {
  it.each([
    [{ ownerId: { eq: 'alice' } }, true],
    [{ ownerId: { eq: 'bob' } }, false],
    [{ ownerId: { ne: 'bob' } }, true],
    [{ version: { gt: 2 }, memoId: { eq: 'm1' } }, true],
    [{ version: { between: [4, 9] } }, false],
    [{ version: { in: [1, 3] } }, true],
    [{ version: { notIn: [1, 3] } }, false],
    [{ tags: { contains: 'b' } }, true],
    [{ title: { contains: 'world' } }, true],
    [{ title: { beginsWith: 'Hell' } }, true],
    [{ tags: { containsAny: ['x', 'a'] } }, true],
    [{ 'nested.level': { le: 2 } }, true],
    [{ content: { attributeExists: false } }, true],
    [{ or: [{ ownerId: { eq: 'bob' } }, { memoId: { eq: 'm1' } }] }, true],
  ])('%j → %s', (obj, expected) => {
    expect(matchesFilter(toSubscriptionFilter(obj), event)).toBe(expected);
  });

  it('never matches a field the mutation did not select, whatever the operator (AppSync evaluates selected fields only)', () => {
    const withoutOwner = { memoId: 'm1', version: 1 };
    expect(matchesFilter(toSubscriptionFilter({ ownerId: { eq: 'alice' } }), withoutOwner)).toBe(false);
    expect(matchesFilter(toSubscriptionFilter({ ownerId: { ne: 'bob' } }), withoutOwner)).toBe(false);
  });
});
