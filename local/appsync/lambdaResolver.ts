import type { Context } from '@aws-appsync/utils';
import { locatedError, responsePathAsArray, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import type { MemoField } from '../../resolvers/fields.js';
import { buildAppSyncContext } from './appSyncContext.js';
import { invokeLikeLambda, type LambdaHandler } from './lambdaInvocation.js';
import { captureMutationResult } from './mutationCapture.js';
import type { RequestContext } from './requestContext.js';
import { runLambdaResolver } from './runLambdaResolver.js';
import { selectionsOf } from './selectionCache.js';

/**
 * The GraphQL resolver of one Lambda-backed field: AppSync's unit resolver (runLambdaResolver)
 * around `handler`, invoked as Lambda would in `region`; a mutation's result is kept for the
 * subscriptions it triggers.
 */
export function lambdaResolver(field: MemoField, handler: LambdaHandler, region: string): GraphQLFieldResolver<unknown, RequestContext> {
  return async (source, args: Record<string, unknown>, requestContext, info) => {
    const value = await runLambdaResolver(
      appSyncContext(source, args, requestContext, info),
      requestContext.caller.authMode,
      (payload) => invokeLikeLambda(handler, payload, region),
      (error) => requestContext.appendedErrors.push(locatedError(error, info.fieldNodes, responsePathAsArray(info.path))),
    );
    if (field.typeName === 'Mutation') captureMutationResult(requestContext, field.fieldName, value, info);
    return value;
  };
}

/** The resolver context of one GraphQL field, from graphql-js's view of it. */
function appSyncContext(source: unknown, args: Record<string, unknown>, requestContext: RequestContext, info: GraphQLResolveInfo): Context {
  return buildAppSyncContext({
    parentTypeName: info.parentType.name,
    fieldName: info.fieldName,
    args,
    source,
    headers: requestContext.headers,
    identity: requestContext.caller.identity,
    variables: info.variableValues,
    ...selectionsOf(info),
  });
}
