import type { Context } from '@aws-appsync/utils';
import { request, response } from '../../resolvers/appsync/ownerSubscriptionFilter.js';
import { installAppSyncUtil, runInResolverScope, type AuthMode } from './appsyncUtil.js';
import type { SubscriptionFilter } from './subscriptionFilter.js';

/**
 * Runs a subscription field's resolver (NONE data source) when a client starts the
 * subscription, as AppSync does: request, then response, which may set an enhanced filter.
 * Returns that filter, or undefined when the resolver set none (argument filtering applies).
 *
 * @throws {AppSyncResolverError} when the resolver code refuses the subscription (util.error, util.unauthorized)
 */
export function runSubscriptionResolver(ctx: Context, authMode: AuthMode): SubscriptionFilter | undefined {
  installAppSyncUtil();
  let filter: SubscriptionFilter | undefined;
  const scope = { authMode, field: ctx.info, onAppendedError: () => {}, onSubscriptionFilter: (set: SubscriptionFilter) => void (filter = set) };
  ctx.result = runInResolverScope(() => request(), scope).payload;
  runInResolverScope(() => response(ctx), scope);
  return filter;
}
