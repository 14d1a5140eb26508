import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Context } from '@aws-appsync/utils';
import { locatedError, responsePathAsArray, type FieldNode, type GraphQLError, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS, MEMO_FIELDS, type MemoField } from '../../resolvers/fields.js';
import { buildAppSyncContext } from './appSyncContext.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import { runLambdaResolver } from './runLambdaResolver.js';
import { selectedFieldNames, selectionSetGraphQL, selectionSetList } from './selectionSet.js';

/** What one HTTP request or real-time message carries into field resolution. */
export interface RequestContext {
  /** Who sent the request, verified before any field runs. */
  readonly caller: VerifiedCaller;
  /** The caller's HTTP headers, lower-case names, as AppSync passes them in `ctx.request.headers`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Mutation fields that resolved, for the subscriptions they trigger. */
  readonly mutationResults: MutationResult[];
  /** Errors resolver code added with util.appendError; they join the response's errors. */
  readonly appendedErrors: GraphQLError[];
}

export interface MutationResult {
  readonly fieldName: string;
  /** The result restricted to the fields the mutation selected (what AppSync forwards). */
  readonly value: Record<string, unknown>;
}

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Imports every MEMO_FIELDS handler and returns one GraphQL resolver per field, keyed
 * `Type.field`. Call only after the environment the handlers read at import time is set.
 */
export async function loadLambdaResolvers(): Promise<Map<string, GraphQLFieldResolver<unknown, RequestContext>>> {
  const resolvers = new Map<string, GraphQLFieldResolver<unknown, RequestContext>>();
  for (const field of MEMO_FIELDS) {
    const module = (await import(pathToFileURL(resolve(repositoryRoot, field.entry)).href)) as { handler?: LambdaHandler };
    if (typeof module.handler !== 'function') throw new Error(`${field.entry} does not export a handler function`);
    resolvers.set(`${field.typeName}.${field.fieldName}`, lambdaResolver(field, module.handler));
  }
  return resolvers;
}

function lambdaResolver(field: MemoField, handler: LambdaHandler): GraphQLFieldResolver<unknown, RequestContext> {
  return async (source, args, requestContext, info) => {
    const value = await runLambdaResolver(
      appSyncContext(source, args, requestContext, info),
      requestContext.caller.authMode,
      (payload) => invokeLikeLambda(handler, payload, field.fieldName),
      (error) => requestContext.appendedErrors.push(locatedError(error, info.fieldNodes, responsePathAsArray(info.path))),
    );
    if (field.typeName === 'Mutation' && value !== null && typeof value === 'object') {
      const selected = selectedFieldNames(info.fieldNodes, info.fragments);
      const projected = Object.fromEntries(Object.entries(value).filter(([name]) => selected.has(name)));
      requestContext.mutationResults.push({ fieldName: field.fieldName, value: projected });
    }
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

/**
 * A field's selection as AppSync hands it to resolvers, worked out once per field of a prepared
 * document: graphqlExecution keeps parsed documents, so the same FieldNode comes back with every
 * request that sends the same query (and its fragments are that document's). Frozen: requests share it.
 */
const selections = new WeakMap<FieldNode, { selectionSetList: readonly string[]; selectionSetGraphQL: string }>();

export function selectionsOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): { selectionSetList: string[]; selectionSetGraphQL: string } {
  const compute = () => ({
    selectionSetList: Object.freeze(selectionSetList(info.fieldNodes, info.fragments)) as string[],
    selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes, info.fragments),
  });
  // The same field selected twice in one query merges several nodes: rare, and not worth a key.
  const [node, ...more] = info.fieldNodes;
  if (!node || more.length > 0) return compute();
  let known = selections.get(node);
  if (!known) selections.set(node, (known = compute()));
  return known as { selectionSetList: string[]; selectionSetGraphQL: string };
}

/**
 * Calls the handler as Lambda would: event and result cross a JSON boundary (no shared
 * objects, no undefined, no Dates), with a Lambda context object.
 */
export async function invokeLikeLambda(handler: LambdaHandler, payload: unknown, fieldName: string): Promise<unknown> {
  const result = await handler(JSON.parse(JSON.stringify(payload)), lambdaContext(fieldName));
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

/** The Lambda context of one invocation, reporting the memory size infra deploys. */
export function lambdaContext(fieldName: string) {
  const functionName = `memo-api-${fieldName}`;
  const deadline = Date.now() + FUNCTION_TIMEOUT_SECONDS * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(FUNCTION_MEMORY_MB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
