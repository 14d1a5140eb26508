import { isDeepStrictEqual } from 'node:util';
import { GraphQLError, execute, getArgumentValues, getVariableValues, type FieldNode, type GraphQLSchema } from 'graphql';
import { toAppSyncError, toAppSyncResponse, type AppSyncResponse, type PreparedOperation } from './graphqlExecution.js';
import type { MutationResult } from './lambdaFields.js';

/** One active subscription (a `start` on the real-time endpoint). */
export interface Subscriber {
  readonly fieldName: string;
  /** The subscription field's arguments; the set ones filter the events. */
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly prepared: PreparedOperation;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly deliver: (response: AppSyncResponse) => void;
}

/**
 * Routes mutation results to subscriptions the AppSync way: a subscription field fires only for
 * the mutations its @aws_subscribe names, and only when every argument the subscriber set equals
 * the mutation result's field of the same name. The event carries what the mutation selected.
 */
export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly triggers: ReadonlyMap<string, readonly string[]>,
  ) {}

  /**
   * Turns a prepared subscription operation into a subscriber (not yet added).
   * @throws {GraphQLError} when the operation has more than one root field or bad variables
   */
  createSubscriber(prepared: PreparedOperation, rawVariables: unknown, deliver: Subscriber['deliver']): Subscriber {
    const roots = prepared.operation.selectionSet.selections;
    const root = roots[0];
    if (roots.length !== 1 || root?.kind !== 'Field') {
      throw new GraphQLError('A subscription operation must select exactly one subscription field', { nodes: prepared.operation });
    }
    const coerced = getVariableValues(this.schema, prepared.operation.variableDefinitions ?? [], (rawVariables ?? {}) as Record<string, unknown>);
    if (coerced.errors) throw coerced.errors[0];
    const fieldDefinition = this.schema.getSubscriptionType()!.getFields()[root.name.value]!;
    return {
      fieldName: root.name.value,
      arguments: getArgumentValues(fieldDefinition, root as FieldNode, coerced.coerced),
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
        if (!matchesArguments(subscriber.arguments, result.value)) continue;
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
