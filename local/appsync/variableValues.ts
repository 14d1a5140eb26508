import {
  getVariableValues,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLError,
  type GraphQLInputType,
  type GraphQLSchema,
  type VariableDefinitionNode,
} from 'graphql';
import { MAX_NESTING_DEPTH, MAX_REPORTED_ERRORS } from './fixedLimits.js';
import { limitError, type RequestLimitInfo } from './requestLimitExceeded.js';

/**
 * graphql-js's getVariableValues within bounds: values nested deeper than MAX_NESTING_DEPTH, and
 * input objects with more than MAX_REPORTED_ERRORS fields their type does not declare, are
 * refused before coercion (graphql-js would report each unknown field with the whole object
 * echoed: 70,000 keys made 50 errors of a megabyte each); at most MAX_REPORTED_ERRORS errors.
 * @example const result = coerceVariableValues(schema, operation.variableDefinitions ?? [], request.variables);
 */
export function coerceVariableValues(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  rawValues: unknown,
): { coerced: Record<string, unknown> } | { errors: readonly GraphQLError[] } {
  const values = (rawValues ?? {}) as Record<string, unknown>;
  for (const definition of definitions) {
    const name = definition.variable.name.value;
    if (!Object.hasOwn(values, name)) continue;
    const refusal = checkValue(values[name], typeFromAST(schema, definition.type) as GraphQLInputType | undefined, 1, `$${name}`);
    if (refusal) return { errors: [limitError(refusal.message, refusal.info, { nodes: definition })] };
  }
  const result = getVariableValues(schema, definitions, values, { maxErrors: MAX_REPORTED_ERRORS });
  return result.errors ? { errors: result.errors } : { coerced: result.coerced };
}

type Refusal = { readonly message: string; readonly info: RequestLimitInfo };

/** Walks a raw value of `variable` (recursion bounded by MAX_NESTING_DEPTH); the first bound crossed, if any. */
function checkValue(value: unknown, type: GraphQLInputType | undefined, depth: number, variable: string): Refusal | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > MAX_NESTING_DEPTH) {
    return {
      message: `Variable ${variable} nests deeper than ${MAX_NESTING_DEPTH} levels`,
      info: { limit: 'nestingDepth', max: MAX_NESTING_DEPTH },
    };
  }
  const nullable = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) {
    const itemType = nullable && isListType(nullable) ? nullable.ofType : undefined;
    for (const item of value) {
      const refusal = checkValue(item, itemType, depth + 1, variable);
      if (refusal) return refusal;
    }
    return undefined;
  }
  const fields = nullable && isInputObjectType(nullable) ? nullable.getFields() : undefined;
  const entries = Object.entries(value);
  if (fields) {
    const unknown = entries.filter(([key]) => !Object.hasOwn(fields, key)).length;
    if (unknown > MAX_REPORTED_ERRORS) {
      return {
        message: `Variable ${variable} has an object with ${unknown} fields that ${nullable!.toString()} does not declare, more than the limit of ${MAX_REPORTED_ERRORS}`,
        info: { limit: 'unknownInputFields', max: MAX_REPORTED_ERRORS },
      };
    }
  }
  for (const [key, item] of entries) {
    const refusal = checkValue(item, fields?.[key]?.type, depth + 1, variable);
    if (refusal) return refusal;
  }
  return undefined;
}
