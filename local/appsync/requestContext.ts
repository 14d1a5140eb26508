import type { GraphQLError } from 'graphql';
import type { VerifiedCaller } from '../auth/verifiedCaller.js';

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
