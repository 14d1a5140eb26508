import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectedFieldNames, selectionSetGraphQL, selectionSetList } from '../../local/appsync/selectionSet.js';

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
