import {
  GraphQLError,
  Kind,
  getNamedType,
  isObjectType,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface RequestLimits {
  /** Deepest field nesting allowed (AppSync's queryDepthLimit). */
  readonly queryDepthLimit: number;
  /** Most resolver-backed fields a request may select (AppSync's resolverCountLimit). */
  readonly resolverCountLimit: number;
}

type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;

/**
 * Rejects an operation nested deeper than the depth limit or selecting more resolver-backed
 * fields than the resolver limit (aliases count: `a: createMemo … b: createMemo …` is two).
 * Run after standard validation, which rules out fragment cycles.
 */
export function checkRequestLimits(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  isResolverBacked: (typeName: string, fieldName: string) => boolean,
  limits: RequestLimits,
): GraphQLError[] {
  const rootType = schema.getRootType(operation.operation);
  let deepest = 0;
  let resolverCount = 0;
  const walk = (selectionSet: SelectionSetNode, parentType: GraphQLObjectType | undefined, depth: number): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        if (fragment) walk(fragment.selectionSet, typeNamed(schema, fragment.typeCondition.name.value) ?? parentType, depth);
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition && typeNamed(schema, selection.typeCondition.name.value);
        walk(selection.selectionSet, condition ?? parentType, depth);
        continue;
      }
      deepest = Math.max(deepest, depth);
      const fieldName = selection.name.value;
      if (parentType && isResolverBacked(parentType.name, fieldName)) resolverCount += 1;
      const fieldType = parentType?.getFields()[fieldName]?.type;
      const childType = fieldType ? getNamedType(fieldType) : undefined;
      if (selection.selectionSet) walk(selection.selectionSet, isObjectType(childType) ? childType : undefined, depth + 1);
    }
  };
  walk(operation.selectionSet, rootType ?? undefined, 1);

  const errors: GraphQLError[] = [];
  if (deepest > limits.queryDepthLimit) {
    errors.push(new GraphQLError(`Query depth ${deepest} exceeds the limit of ${limits.queryDepthLimit}`, { nodes: operation }));
  }
  if (resolverCount > limits.resolverCountLimit) {
    errors.push(
      new GraphQLError(`The request selects ${resolverCount} resolver fields, more than the limit of ${limits.resolverCountLimit}`, {
        nodes: operation,
      }),
    );
  }
  return errors;
}

function typeNamed(schema: GraphQLSchema, name: string): GraphQLObjectType | undefined {
  const type = schema.getType(name);
  return isObjectType(type) ? type : undefined;
}
