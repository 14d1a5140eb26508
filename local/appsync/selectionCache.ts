import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import { selectionSetGraphQL, selectionSetList } from './selectionSet.js';

interface Selections {
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/**
 * A field's selection as AppSync hands it to resolvers, worked out once per field of a prepared
 * document: graphqlExecution keeps parsed documents, so the same FieldNode comes back with every
 * request that sends the same query (and its fragments are that document's). Frozen: requests share it.
 */
const selections = new WeakMap<FieldNode, Selections>();

export function selectionsOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): Selections {
  const compute = (): Selections => ({
    selectionSetList: Object.freeze(selectionSetList(info.fieldNodes, info.fragments)) as string[],
    selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes, info.fragments),
  });
  // The same field selected twice in one query merges several nodes: rare, and not worth a key.
  const [node, ...more] = info.fieldNodes;
  if (!node || more.length > 0) return compute();
  let known = selections.get(node);
  if (!known) selections.set(node, (known = compute()));
  return known;
}
