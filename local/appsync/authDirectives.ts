import {
  defaultFieldResolver,
  isObjectType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { AuthMode } from './appsyncUtil.js';
import { AppSyncResolverError } from './appsyncUtil.js';

/** The API's default auth mode, as infra configures it (user pools; IAM is additional). */
export const DEFAULT_AUTH_MODE: AuthMode = 'AMAZON_COGNITO_USER_POOLS';

const DIRECTIVE_MODES: Readonly<Record<string, string>> = {
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_iam: 'AWS_IAM',
  aws_api_key: 'API_KEY',
  aws_oidc: 'OPENID_CONNECT',
  aws_lambda: 'AWS_LAMBDA',
};

/** What the resolvers of a request need to know to apply the rules. */
export interface AuthContext {
  readonly caller: { readonly authMode: AuthMode };
}

/**
 * Applies AppSync's auth directives field by field, as AppSync does: a field allows the modes its
 * own directives name; without any, those of its type; without any there either, the default
 * mode only. A field the caller's mode may not access resolves to null with an `Unauthorized`
 * error ("Not Authorized to access <field> on type <Type>"), and its resolver never runs.
 */
export function enforceAuthDirectives(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const allowed = allowedModes(type, field);
      const resolve: GraphQLFieldResolver<unknown, AuthContext> = field.resolve ?? defaultFieldResolver;
      const guarded: GraphQLFieldResolver<unknown, AuthContext> = (source, args, context, info) => {
        if (!allowed.has(context.caller.authMode)) {
          throw new AppSyncResolverError(`Not Authorized to access ${field.name} on type ${type.name}`, 'Unauthorized', null, null);
        }
        return resolve(source, args, context, info);
      };
      field.resolve = guarded;
    }
  }
}

function allowedModes(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): ReadonlySet<string> {
  const fromField = modesOf(field.astNode?.directives);
  if (fromField.size > 0) return fromField;
  const fromType = modesOf(type.astNode?.directives);
  return fromType.size > 0 ? fromType : new Set([DEFAULT_AUTH_MODE]);
}

function modesOf(directives: readonly { name: { value: string } }[] | undefined): Set<string> {
  return new Set((directives ?? []).flatMap((directive) => DIRECTIVE_MODES[directive.name.value] ?? []));
}
