import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * AppSync's `info.selectionSetList`: every field below the resolved one as a slash path
 * (`items`, `items/memoId`), named fragments and inline fragments expanded, aliased fields by
 * their alias, introspection fields left out.
 */
export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments): string[] {
  const paths = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined, prefix: string): void => {
    for (const field of subfields(selectionSet, fragments)) {
      if (field.name.value.startsWith('__')) continue;
      const path = `${prefix}${(field.alias ?? field.name).value}`;
      paths.add(path);
      walk(field.selectionSet, `${path}/`);
    }
  };
  for (const node of fieldNodes) walk(node.selectionSet, '');
  return [...paths];
}

/** The names (not aliases) of the fields selected directly below the resolved one. */
export function selectedFieldNames(fieldNodes: readonly FieldNode[], fragments: Fragments): Set<string> {
  return new Set(fieldNodes.flatMap((node) => subfields(node.selectionSet, fragments).map((field) => field.name.value)));
}

/**
 * AppSync's `info.selectionSetGraphQL`: the selection set as GraphQL text, with named fragment
 * spreads replaced by their selections and inline fragments kept.
 */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[], fragments: Fragments): string {
  const selectionSet = fieldNodes[0]?.selectionSet;
  return selectionSet ? print(inlineSpreads(selectionSet, fragments)) : '';
}

function subfields(selectionSet: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection];
      case Kind.INLINE_FRAGMENT:
        return subfields(selection.selectionSet, fragments);
      case Kind.FRAGMENT_SPREAD:
        return subfields(fragments[selection.name.value]?.selectionSet, fragments);
    }
  });
}

function inlineSpreads(selectionSet: SelectionSetNode, fragments: Fragments): SelectionSetNode {
  return {
    ...selectionSet,
    selections: selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        return fragment ? inlineSpreads(fragment.selectionSet, fragments).selections : [];
      }
      if (!selection.selectionSet) return [selection];
      return [{ ...selection, selectionSet: inlineSpreads(selection.selectionSet, fragments) }];
    }),
  };
}
