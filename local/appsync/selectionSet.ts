import { Kind, print, type FieldNode, type FragmentDefinitionNode, type SelectionNode, type SelectionSetNode } from 'graphql';

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/*
 * Each named fragment is expanded once per selection set, as graphql-js's collectFields does: a
 * second spread of a fragment already expanded there adds nothing (its fields merge with the
 * first's). Expanding every spread each time instead grows exponentially with spreads of spreads
 * (`fragment F1 on Memo { ...F0 ...F0 }`, F2 spreading F1 twice, …).
 */

/**
 * AppSync's `info.selectionSetList`: every field below the resolved one as a slash path
 * (`items`, `items/memoId`), named fragments and inline fragments expanded, aliased fields by
 * their alias, introspection fields left out. A field selected twice is listed once, its
 * subfields merged, in the order of the response.
 */
export function selectionSetList(fieldNodes: readonly FieldNode[], fragments: Fragments): string[] {
  const paths: string[] = [];
  const walk = (nodes: readonly FieldNode[], prefix: string): void => {
    for (const [responseKey, group] of collectSubfields(nodes, fragments)) {
      if (group[0]!.name.value.startsWith('__')) continue;
      const path = `${prefix}${responseKey}`;
      paths.push(path);
      walk(group, `${path}/`);
    }
  };
  walk(fieldNodes, '');
  return paths;
}

/** The names (not aliases) of the fields selected directly below the resolved one. */
export function selectedFieldNames(fieldNodes: readonly FieldNode[], fragments: Fragments): Set<string> {
  return new Set([...collectSubfields(fieldNodes, fragments).values()].flat().map((field) => field.name.value));
}

/**
 * AppSync's `info.selectionSetGraphQL`: the selection set as GraphQL text, with named fragment
 * spreads replaced by their selections (once per selection set) and inline fragments kept.
 */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[], fragments: Fragments): string {
  const selectionSet = fieldNodes[0]?.selectionSet;
  return selectionSet ? print(inlineSpreads(selectionSet, fragments)) : '';
}

/** How far selectionSetGraphQL would expand a selection set; counting stops once a bound is crossed. */
export interface Expansion {
  /** Fields and inline fragments printed (at most `maxSelections + 1`). */
  readonly selections: number;
  /** Deepest nesting of selection sets and fragment spreads reached (at most `maxNesting + 1`). */
  readonly nesting: number;
}

/**
 * Measures the expansion selectionSetGraphQL (and, within it, selectionSetList) would do, without
 * building it: the work is bounded by the bounds, not by the document.
 * @example measureExpansion(operation.selectionSet, fragments, { maxSelections: 20_000, maxNesting: 200 })
 */
export function measureExpansion(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  bounds: { readonly maxSelections: number; readonly maxNesting: number },
): Expansion {
  let selections = 0;
  let nesting = 0;
  /** Walks one printed selection set; false once a bound is crossed. */
  const measure = (root: SelectionSetNode, rootDepth: number): boolean => {
    const expanded = new Set<string>();
    const visit = (set: SelectionSetNode, depth: number): boolean => {
      nesting = Math.max(nesting, depth);
      if (depth > bounds.maxNesting) return false;
      for (const selection of set.selections) {
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name.value;
          if (expanded.has(name)) continue;
          expanded.add(name);
          const fragment = fragments[name];
          if (fragment && !visit(fragment.selectionSet, depth + 1)) return false;
          continue;
        }
        selections += 1;
        if (selections > bounds.maxSelections) return false;
        if (selection.selectionSet && !measure(selection.selectionSet, depth + 1)) return false;
      }
      return true;
    };
    return visit(root, rootDepth);
  };
  measure(selectionSet, 1);
  return { selections, nesting };
}

/** graphql-js's collectSubfields without type conditions: the fields below `nodes`, by response key. */
function collectSubfields(nodes: readonly FieldNode[], fragments: Fragments): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const expanded = new Set<string>();
  const collect = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const responseKey = (selection.alias ?? selection.name).value;
        const group = fields.get(responseKey);
        if (group) group.push(selection);
        else fields.set(responseKey, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!expanded.has(selection.name.value)) {
        expanded.add(selection.name.value);
        collect(fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) collect(node.selectionSet);
  return fields;
}

/** The selection set with its named spreads replaced by their selections, each fragment once. */
function inlineSpreads(selectionSet: SelectionSetNode, fragments: Fragments): SelectionSetNode {
  const expanded = new Set<string>();
  const inline = (set: SelectionSetNode): SelectionNode[] =>
    set.selections.flatMap((selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (expanded.has(selection.name.value)) return [];
        expanded.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        return fragment ? inline(fragment.selectionSet) : [];
      }
      if (!selection.selectionSet) return [selection];
      return [{ ...selection, selectionSet: inlineSpreads(selection.selectionSet, fragments) }];
    });
  return { ...selectionSet, selections: inline(selectionSet) };
}
