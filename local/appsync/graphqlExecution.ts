import {
  GraphQLError,
  Kind,
  execute,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  OperationTypeNode,
} from 'graphql';
import { toAppSyncError, toAppSyncResponse, type AppSyncError, type AppSyncResponse } from './appSyncResponse.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import { LruCache } from '../lruCache.js';
import { checkDocumentNesting } from './documentNesting.js';
import { MAX_NESTING_DEPTH, MAX_REPORTED_ERRORS, MAX_TOKENS } from './fixedLimits.js';
import type { MutationResult, RequestContext } from './requestContext.js';
import { limitError } from './requestLimitExceeded.js';
import { checkRequestLimits, type RequestLimits } from './requestLimits.js';
import { coerceVariableValues } from './variableValues.js';

/** A GraphQL request as clients POST it. */
export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

export interface PreparedOperation {
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Record<string, FragmentDefinitionNode>;
}

/** Distinct valid operations kept prepared; clients send the same few documents over and over. */
const PREPARED_CACHE_SIZE = 500;
/**
 * The cache key holds the whole query text, and a body may be 1 MB: without a bound, 500 entries
 * could pin ~500 MB. Real client documents are a few KB; a longer one is prepared every time.
 */
export const MAX_CACHED_QUERY_LENGTH = 16 * 1024;

/**
 * Parses, validates and executes requests against the local schema, and hands what mutations
 * resolved to the subscriptions they trigger: whatever transport carried a request, its events go
 * out the same way.
 */
export class GraphQLExecutor {
  /**
   * Parsing and validating a document costs more than the rest of a request (measured with
   * `node --cpu-prof` under npm run bench); a valid document's preparation never changes.
   */
  private readonly prepared = new LruCache<string, PreparedOperation>(PREPARED_CACHE_SIZE);

  constructor(
    readonly schema: GraphQLSchema,
    private readonly isResolverBacked: (typeName: string, fieldName: string) => boolean,
    private readonly limits: RequestLimits,
    /** Receives the results of every mutation once it has resolved (SubscriptionHub.publish). */
    private readonly publish: (results: readonly MutationResult[]) => void = () => {},
  ) {}

  /** Returns the operation to run, or the errors that stop it (always with HTTP 200, as AppSync). */
  prepare(request: GraphQLRequest, allowed: readonly OperationTypeNode[]): PreparedOperation | { errors: AppSyncError[] } {
    if (request.query.length > MAX_CACHED_QUERY_LENGTH) return this.prepareUncached(request, allowed);
    const key = `${allowed.join(',')}\n${request.operationName ?? ''}\n${request.query}`;
    const cached = this.prepared.get(key);
    if (cached) return cached;
    const prepared = this.prepareUncached(request, allowed);
    if (!('errors' in prepared)) this.prepared.set(key, prepared);
    return prepared;
  }

  /** How many prepared operations the cache holds. */
  get cachedOperationCount(): number {
    return this.prepared.size;
  }

  private prepareUncached(request: GraphQLRequest, allowed: readonly OperationTypeNode[]): PreparedOperation | { errors: AppSyncError[] } {
    const tooDeep = checkDocumentNesting(request.query, MAX_NESTING_DEPTH, MAX_TOKENS);
    if (tooDeep) return { errors: [toAppSyncError(tooDeep)] };
    let document: DocumentNode;
    try {
      document = parse(request.query, { maxTokens: MAX_TOKENS });
    } catch (error) {
      return { errors: [toAppSyncError(asGraphQLError(error))] };
    }
    let invalid: readonly GraphQLError[];
    try {
      invalid = validate(this.schema, document, specifiedRules, { maxErrors: MAX_REPORTED_ERRORS });
    } catch (error) {
      return { errors: [toAppSyncError(asGraphQLError(error))] };
    }
    if (invalid.length > 0) return { errors: invalid.map(toAppSyncError) };
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) {
      const message = request.operationName
        ? `Unknown operation named "${request.operationName}".`
        : 'The document must name the operation to run (operationName).';
      return { errors: [toAppSyncError(new GraphQLError(message))] };
    }
    if (!allowed.includes(operation.operation)) {
      const where =
        operation.operation === OperationTypeNode.SUBSCRIPTION
          ? 'the real-time endpoint (/graphql/realtime)'
          : 'the HTTP endpoint (/graphql)';
      return { errors: [toAppSyncError(new GraphQLError(`A ${operation.operation} must be sent to ${where}`, { nodes: operation }))] };
    }
    const fragments = Object.fromEntries(
      document.definitions
        .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    const overLimit = checkRequestLimits(this.schema, operation, fragments, this.isResolverBacked, this.limits);
    if (overLimit.length > 0) return { errors: overLimit.map(toAppSyncError) };
    return { document, operation, fragments };
  }

  /** Runs a query or mutation and publishes its mutation results; also returns them. */
  async execute(
    request: GraphQLRequest,
    headers: Readonly<Record<string, string>>,
    caller: VerifiedCaller,
  ): Promise<{ response: AppSyncResponse; mutationResults: MutationResult[] }> {
    const prepared = this.prepare(request, [OperationTypeNode.QUERY, OperationTypeNode.MUTATION]);
    if ('errors' in prepared) return { response: { data: null, errors: prepared.errors }, mutationResults: [] };
    // graphql-js coerces the variables again in execute; this pass bounds the errors a bad value makes.
    const variables = coerceVariableValues(this.schema, prepared.operation.variableDefinitions ?? [], request.variables);
    if ('errors' in variables) return { response: { data: null, errors: variables.errors.map(toAppSyncError) }, mutationResults: [] };
    const contextValue: RequestContext = { caller, headers, mutationResults: [], appendedErrors: [] };
    const result = await execute({
      schema: this.schema,
      document: prepared.document,
      operationName: request.operationName ?? undefined,
      variableValues: request.variables ?? undefined,
      contextValue,
    });
    const errors = [...(result.errors ?? []), ...contextValue.appendedErrors];
    if (contextValue.mutationResults.length > 0) this.publish(contextValue.mutationResults);
    return { response: toAppSyncResponse({ ...result, errors }), mutationResults: contextValue.mutationResults };
  }
}

/**
 * A parse or validation failure as a GraphQL error. Nesting is checked before either runs; a
 * stack overflow that still happens is answered as a limit, never with the engine's own text.
 */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof RangeError)
    return limitError('The document is too deeply nested', { limit: 'nestingDepth', max: MAX_NESTING_DEPTH });
  throw error;
}
