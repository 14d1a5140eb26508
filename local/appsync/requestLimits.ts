import {
  Kind,
  getNamedType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { MAX_EXPANDED_SELECTIONS, MAX_NESTING_DEPTH } from './fixedLimits.js';
import { limitError } from './requestLimitExceeded.js';
import { measureExpansion } from './selectionSet.js';

export interface RequestLimits {
  /** Deepest field nesting allowed (AppSync's queryDepthLimit). */
  readonly queryDepthLimit: number;
  /** Most resolver-backed fields a request may select (AppSync's resolverCountLimit). */
  readonly resolverCountLimit: number;
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * Rejects an operation whose named fragments expand past MAX_EXPANDED_SELECTIONS or nest past
 * MAX_NESTING_DEPTH (checked first, with work bounded by those limits, so nothing downstream
 * expands a document that large), then one nested deeper than the depth limit or selecting more
 * resolver-backed fields than the resolver limit (aliases count: `a: createMemo … b: createMemo …`
 * is two). Each named fragment counts once per selection set, as graphql-js executes it.
 * Run after standard validation, which rules out fragment cycles.
 */
export function checkRequestLimits(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  isResolverBacked: (typeName: string, fieldName: string) => boolean,
  limits: RequestLimits,
): GraphQLError[] {
  const expansion = measureExpansion(operation.selectionSet, fragments, {
    maxSelections: MAX_EXPANDED_SELECTIONS,
    maxNesting: MAX_NESTING_DEPTH,
  });
  if (expansion.nesting > MAX_NESTING_DEPTH) {
    return [
      limitError(
        `Selections and fragment spreads nest deeper than ${MAX_NESTING_DEPTH} levels`,
        { limit: 'nestingDepth', max: MAX_NESTING_DEPTH },
        { nodes: operation },
      ),
    ];
  }
  if (expansion.selections > MAX_EXPANDED_SELECTIONS) {
    return [
      limitError(
        `The operation expands to more than ${MAX_EXPANDED_SELECTIONS} selections once its fragments are written out`,
        {
          limit: 'expandedSelections',
          max: MAX_EXPANDED_SELECTIONS,
        },
        { nodes: operation },
      ),
    ];
  }

  const rootType = schema.getRootType(operation.operation);
  let deepest = 0;
  let resolverCount = 0;
  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLObjectType | undefined, depth: number, expanded: Set<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        if (expanded.has(selection.name.value)) continue;
        expanded.add(selection.name.value);
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet, typeNamed(schema, fragment.typeCondition.name.value) ?? parentType, depth, expanded);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && typeNamed(schema, selection.typeCondition.name.value);
        walk(selection.selectionSet, condition ?? parentType, depth, expanded);
        continue;
      }
      deepest = Math.max(deepest, depth);
      const fieldName = selection.name.value;
      if (parentType && isResolverBacked(parentType.name, fieldName)) resolverCount += 1;
      const fieldType = parentType?.getFields()[fieldName]?.type;
      const childType = fieldType ? getNamedType(fieldType) : undefined;
      if (selection.selectionSet) walk(selection.selectionSet, isObjectType(childType) ? childType : undefined, depth + 1, new Set());
    }
  };
  walk(operation.selectionSet, rootType ?? undefined, 1, new Set());

  const errors: GraphQLError[] = [];
  if (deepest > limits.queryDepthLimit) {
    errors.push(
      limitError(
        `Query depth ${deepest} exceeds the limit of ${limits.queryDepthLimit}`,
        { limit: 'queryDepthLimit', max: limits.queryDepthLimit },
        { nodes: operation },
      ),
    );
  }
  if (resolverCount > limits.resolverCountLimit) {
    errors.push(
      limitError(
        `The request selects ${resolverCount} resolver fields, more than the limit of ${limits.resolverCountLimit}`,
        { limit: 'resolverCountLimit', max: limits.resolverCountLimit },
        { nodes: operation },
      ),
    );
  }
  return errors;
}

function typeNamed(schema: GraphQLSchema, name: string): GraphQLObjectType | undefined {
  const type = schema.getType(name);
  return isObjectType(type) ? type : undefined;
}
