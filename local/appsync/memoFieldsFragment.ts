import { readFileSync } from 'node:fs';
import { Kind, parse, print, type FragmentDefinitionNode } from 'graphql';

/**
 * The MemoFields fragment as graphql/operations.graphql defines it: the one selection the SDK's
 * documents, the examples, GraphiQL, the handler tests and the bench all use.
 */
const fragment = ((): FragmentDefinitionNode => {
  const operations = parse(readFileSync(new URL('../../graphql/operations.graphql', import.meta.url), 'utf8'));
  const found = operations.definitions.find(
    (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === 'MemoFields',
  );
  if (!found) throw new Error('graphql/operations.graphql defines no MemoFields fragment');
  return found as FragmentDefinitionNode;
})();

/** The fragment's text, for documents built at run time (GraphiQL's examples). */
export const MEMO_FIELDS_FRAGMENT = print(fragment);

/** The fields it selects, in order: AppSync's `selectionSetList` of a field selecting `...MemoFields`. */
export const MEMO_FIELD_NAMES: readonly string[] = Object.freeze(
  fragment.selectionSet.selections.map((selection) => {
    if (selection.kind !== Kind.FIELD) throw new Error('MemoFields selects fields only');
    return selection.name.value;
  }),
);

/** AppSync's `selectionSetGraphQL` of a field selecting `...MemoFields`. */
export const MEMO_FIELDS_SELECTION_GRAPHQL = print(fragment.selectionSet);
