import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureExpansion, selectedFieldNames, selectionSetGraphQL, selectionSetList } from '../../../local/appsync/selectionSet.js';
import { countingFragments, doublingFragmentsQuery, doublingInlineFragmentsQuery, fragmentChainQuery } from './hostileDocuments.js';

const document = parse(`
  query { listMemos { page: items { ...Basics ... on Memo { tags } __typename } nextToken } }
  fragment Basics on Memo { memoId title }
`);
const operation = document.definitions[0] as OperationDefinitionNode;
const fieldNodes = [operation.selectionSet.selections[0] as FieldNode];
const fragments = { Basics: document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION) as FragmentDefinitionNode };

describe('the info AppSync gives resolvers about the selection', () => {
  it('lists selected fields as slash paths, aliases by alias, fragments expanded, __typename left out', () => {
    expect(selectionSetList(fieldNodes, fragments)).toEqual(['page', 'page/memoId', 'page/title', 'page/tags', 'nextToken']);
  });

  it('prints the selection set with named fragments inlined and inline fragments kept', () => {
    expect(selectionSetGraphQL(fieldNodes, fragments)).toBe(
      '{\n  page: items {\n    memoId\n    title\n    ... on Memo {\n      tags\n    }\n    __typename\n  }\n  nextToken\n}',
    );
  });

  it('knows the field names (not aliases) a mutation selected, for the subscription payload', () => {
    expect([...selectedFieldNames(fieldNodes, fragments)]).toEqual(['items', 'nextToken']);
  });
});

describe('repeated fragment spreads', () => {
  const itemsOf = (operation: OperationDefinitionNode) => {
    const listMemos = operation.selectionSet.selections[0] as FieldNode;
    return [listMemos.selectionSet!.selections[0] as FieldNode];
  };

  it('expands each named fragment once per selection set, not once per spread', () => {
    const { operation, fragments, lookups } = countingFragments(doublingFragmentsQuery(20));
    expect(selectionSetList(itemsOf(operation), fragments)).toEqual(['memoId']);
    expect(selectionSetGraphQL(itemsOf(operation), fragments)).toBe('{\n  memoId\n}');
    expect([...selectedFieldNames(itemsOf(operation), fragments)]).toEqual(['memoId']);
    // 2^19 copies of memoId written out; each of the 20 fragments looked up once per function.
    expect(lookups()).toBe(3 * 20);
  });

  it('prints a fragment spread twice in one selection set once, and one spread inside another once', () => {
    const repeated = parse(
      '{ memo(memoId: "1") { ...A ...A ...B title } } fragment A on Memo { memoId ...B } fragment B on Memo { content }',
    );
    const memo = [(repeated.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode];
    const named = Object.fromEntries(
      repeated.definitions.slice(1).map((d) => [(d as FragmentDefinitionNode).name.value, d as FragmentDefinitionNode]),
    );
    expect(selectionSetGraphQL(memo, named)).toBe('{\n  memoId\n  content\n  title\n}');
    expect(selectionSetList(memo, named)).toEqual(['memoId', 'content', 'title']);
  });

  it('lists a field selected twice once, with its subfields merged in response order', () => {
    const twice = parse('{ listMemos { items { memoId } nextToken items { title } } }');
    const listMemos = [(twice.definitions[0] as OperationDefinitionNode).selectionSet.selections[0] as FieldNode];
    expect(selectionSetList(listMemos, {})).toEqual(['items', 'items/memoId', 'items/title', 'nextToken']);
  });

  it('measures an expansion with work bounded by its limit, not by the document', () => {
    const { operation, fragments, lookups } = countingFragments(doublingInlineFragmentsQuery(24));
    const expansion = measureExpansion(operation.selectionSet, fragments, { maxSelections: 1000, maxNesting: 200 });
    expect(expansion.selections).toBe(1001);
    expect(lookups()).toBeLessThanOrEqual(1001);
  });

  it('stops measuring at the nesting bound of a chain of spreads', () => {
    const { operation, fragments } = countingFragments(fragmentChainQuery(500));
    expect(measureExpansion(operation.selectionSet, fragments, { maxSelections: 1000, maxNesting: 200 }).nesting).toBe(201);
  });
});
