import { isDeepStrictEqual } from 'node:util';
import { GraphQLError, Kind, execute, getArgumentValues, type GraphQLSchema } from 'graphql';
import { buildAppSyncContext } from '../appsync/appSyncContext.js';
import { runSubscriptionResolver } from '../appsync/runSubscriptionResolver.js';
import type { SubscriptionResolverCode } from '../appsync/subscriptionResolvers.js';
import { matchesFilter, type SubscriptionFilter } from '../appsync/subscriptionFilter.js';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';
import { toAppSyncError, toAppSyncResponse, type AppSyncResponse } from '../appsync/appSyncResponse.js';
import type { PreparedOperation } from '../appsync/graphqlExecution.js';
import type { MutationResult } from '../appsync/requestContext.js';
import { selectionSetGraphQL, selectionSetList } from '../appsync/selectionSet.js';
import { coerceVariableValues } from '../appsync/variableValues.js';

/** One active subscription (a `start` on the real-time endpoint). */
export interface Subscriber {
  readonly fieldName: string;
  /** The subscription field's arguments; without an enhanced filter, the set ones filter the events. */
  readonly arguments: Readonly<Record<string, unknown>>;
  /** The enhanced filter the field's subscription resolver set at start, if any. */
  readonly filter: SubscriptionFilter | undefined;
  readonly caller: VerifiedCaller;
  readonly prepared: PreparedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly deliver: (response: AppSyncResponse) => void;
}

/**
 * Routes mutation results to subscriptions the AppSync way: a subscription field fires only for
 * the mutations its @aws_subscribe names. Its subscription resolver, run at start, may set an
 * enhanced filter, which then decides alone; otherwise every argument the subscriber set must
 * equal the mutation result's field of the same name. Both are tested against what the mutation
 * selected, and the event carries only that.
 */
export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly triggers: ReadonlyMap<string, readonly string[]>,
    /** The subscription resolvers, by field name (SUBSCRIPTION_FIELDS, loaded by subscriptionResolvers.ts). */
    private readonly resolvers: ReadonlyMap<string, SubscriptionResolverCode>,
  ) {}

  /**
   * Turns a prepared subscription operation into a subscriber (not yet added), running the
   * field's subscription resolver as `caller`.
   * @throws {GraphQLError} when the operation has more than one root field or bad variables
   * @throws {AppSyncResolverError} when the subscription resolver refuses (util.error)
   */
  createSubscriber(prepared: PreparedOperation, rawVariables: unknown, caller: VerifiedCaller, deliver: Subscriber['deliver']): Subscriber {
    const roots = prepared.operation.selectionSet.selections;
    const root = roots[0];
    if (roots.length !== 1 || root?.kind !== Kind.FIELD) {
      throw new GraphQLError('A subscription operation must select exactly one subscription field', { nodes: prepared.operation });
    }
    const coerced = coerceVariableValues(this.schema, prepared.operation.variableDefinitions ?? [], rawVariables);
    if ('errors' in coerced) throw coerced.errors[0] ?? new GraphQLError('The variables are not valid');
    const fieldName = root.name.value;
    const fieldDefinition = this.schema.getSubscriptionType()!.getFields()[fieldName]!;
    const args = getArgumentValues(fieldDefinition, root, coerced.coerced);
    const resolver = this.resolvers.get(fieldName);
    const ctx = buildAppSyncContext({
      parentTypeName: 'Subscription',
      fieldName,
      args,
      headers: {},
      identity: caller.identity,
      variables: coerced.coerced,
      selectionSetList: selectionSetList([root], prepared.fragments),
      selectionSetGraphQL: selectionSetGraphQL([root], prepared.fragments),
    });
    return {
      fieldName,
      arguments: args,
      filter: resolver ? runSubscriptionResolver(ctx, caller.authMode, resolver) : undefined,
      caller,
      prepared,
      variables: coerced.coerced,
      deliver,
    };
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  get size(): number {
    return this.subscribers.size;
  }

  /** Sends each mutation result to the subscribers it concerns. */
  async publish(results: readonly MutationResult[]): Promise<void> {
    for (const result of results) {
      for (const subscriber of this.subscribers) {
        if (!this.triggers.get(subscriber.fieldName)?.includes(result.fieldName)) continue;
        const passes = subscriber.filter
          ? matchesFilter(subscriber.filter, result.value)
          : matchesArguments(subscriber.arguments, result.value);
        if (!passes) continue;
        subscriber.deliver(await this.render(subscriber, result.value));
      }
    }
  }

  /** The subscriber's own selection over the mutation's result. */
  private async render(subscriber: Subscriber, value: Record<string, unknown>): Promise<AppSyncResponse> {
    try {
      const result = await execute({
        schema: this.schema,
        document: subscriber.prepared.document,
        operationName: subscriber.prepared.operation.name?.value,
        variableValues: subscriber.variables,
        rootValue: { [subscriber.fieldName]: value },
        contextValue: { caller: subscriber.caller },
      });
      return toAppSyncResponse(result);
    } catch (error) {
      return { data: null, errors: [toAppSyncError(error as GraphQLError)] };
    }
  }
}

function matchesArguments(args: Readonly<Record<string, unknown>>, value: Record<string, unknown>): boolean {
  return Object.entries(args).every(([name, expected]) => expected == null || isDeepStrictEqual(value[name], expected));
}
