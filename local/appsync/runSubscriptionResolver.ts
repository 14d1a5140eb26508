import type { Context } from '@aws-appsync/utils';
import { installAppSyncUtil, runInResolverScope, type AuthMode } from './appsyncUtil.js';
import type { SubscriptionFilter } from './subscriptionFilter.js';
import type { SubscriptionResolverCode } from './subscriptionResolvers.js';

/**
 * Runs a subscription field's resolver (NONE data source) when a client starts the
 * subscription, as AppSync does: request, then response, which may set an enhanced filter.
 * Returns that filter, or undefined when the resolver set none (argument filtering applies).
 *
 * @throws {AppSyncResolverError} when the resolver code refuses the subscription (util.error, util.unauthorized)
 */
export function runSubscriptionResolver(ctx: Context, authMode: AuthMode, code: SubscriptionResolverCode): SubscriptionFilter | undefined {
  installAppSyncUtil();
  let filter: SubscriptionFilter | undefined;
  const scope = {
    authMode,
    field: ctx.info,
    onAppendedError: () => {},
    onSubscriptionFilter: (set: SubscriptionFilter) => void (filter = set),
  };
  ctx.result = runInResolverScope(() => code.request(ctx), scope)?.payload;
  runInResolverScope(() => code.response(ctx), scope);
  return filter;
}
