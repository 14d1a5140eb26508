import { readFileSync } from 'node:fs';
import { buildSchema, getDirectiveValues, isObjectType, isScalarType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { enforceAuthDirectives } from './authDirectives.js';
import { installAwsScalars } from './awsScalars.js';
import type { RequestContext } from './requestContext.js';

/** The files the executable schema is built from: the deployed contract and AppSync's built-ins. */
const SCHEMA_FILES = ['schema.graphql', 'graphql/appsync-builtins.graphql'].map((file) => new URL(`../../${file}`, import.meta.url));

export interface LocalSchema {
  readonly schema: GraphQLSchema;
  /** Subscription field name → the mutations its @aws_subscribe names. */
  readonly subscriptionTriggers: ReadonlyMap<string, readonly string[]>;
}

/**
 * schema.graphql as deployed, made executable: AWS scalars validated as on AppSync, every
 * field in `resolvers` (keyed `Type.field`) attached, and the auth directives enforced. A root field without one resolves to null,
 * as a field without a resolver does on AppSync.
 */
export function buildLocalSchema(resolvers: ReadonlyMap<string, GraphQLFieldResolver<unknown, RequestContext>>): LocalSchema {
  const schema = buildSchema(SCHEMA_FILES.map((file) => readFileSync(file, 'utf8')).join('\n'));
  installAwsScalars(Object.values(schema.getTypeMap()).filter(isScalarType));
  for (const [key, resolve] of resolvers) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
    if (!field) {
      throw new Error(`MEMO_FIELDS names ${key}, which schema.graphql does not declare`);
    }
    field.resolve = resolve;
  }
  enforceAuthDirectives(schema);
  return { schema, subscriptionTriggers: readSubscriptionTriggers(schema) };
}

function readSubscriptionTriggers(schema: GraphQLSchema): Map<string, readonly string[]> {
  const directive = schema.getDirective('aws_subscribe');
  const triggers = new Map<string, readonly string[]>();
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const values = directive && field.astNode ? getDirectiveValues(directive, field.astNode) : undefined;
    triggers.set(field.name, (values?.mutations as string[] | undefined) ?? []);
  }
  return triggers;
}
