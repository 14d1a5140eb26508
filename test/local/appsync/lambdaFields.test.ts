import { describe, expect, it } from 'vitest';
import { FUNCTION_MEMORY_MB } from '../../../resolvers/fields.js';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { LOCAL_FUNCTION_NAME, lambdaContext } from '../../../local/appsync/lambdaInvocation.js';
import { selectionsOf } from '../../../local/appsync/selectionCache.js';

describe('the Lambda context handed to handlers', () => {
  it('reports the memory size infra deploys', () => {
    expect(lambdaContext()).toMatchObject({
      functionName: LOCAL_FUNCTION_NAME,
      memoryLimitInMB: String(FUNCTION_MEMORY_MB),
    });
  });
});

describe("a field's selection set, as handlers receive it", () => {
  const fieldOf = (query: string) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    const fragments = Object.fromEntries(
      document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    return { fieldNodes: operation.selectionSet.selections as FieldNode[], fragments };
  };

  it('is worked out once per field of a document and shared, frozen, by every request that sends it', () => {
    const info = fieldOf('{ memo(memoId: "m") { memoId title } }');
    const first = selectionsOf(info);
    expect(first).toEqual({ selectionSetList: ['memoId', 'title'], selectionSetGraphQL: '{\n  memoId\n  title\n}' });
    expect(selectionsOf({ ...info })).toBe(first);
    expect(Object.isFrozen(first.selectionSetList)).toBe(true);
  });

  it('is its own for every other document, however alike', () => {
    const a = selectionsOf(fieldOf('{ memo(memoId: "m") { memoId } }'));
    const b = selectionsOf(fieldOf('query Q { memo(memoId: "m") { memoId content ...F } } fragment F on Memo { tags }'));
    expect(a.selectionSetList).toEqual(['memoId']);
    expect(b.selectionSetList).toEqual(['memoId', 'content', 'tags']);
  });

  it('merges a field selected twice in one query, without keeping it', () => {
    const merged = fieldOf('{ memo(memoId: "m") { memoId } memo(memoId: "m") { title } }');
    expect(selectionsOf(merged).selectionSetList).toEqual(['memoId', 'title']);
    expect(selectionsOf(merged)).not.toBe(selectionsOf(merged));
  });
});
