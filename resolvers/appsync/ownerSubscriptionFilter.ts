/**
 * The APPSYNC_JS resolver of every memo subscription field (onCreateMemo, onUpdateMemo,
 * onDeleteMemo), on a NONE data source, on AppSync and in the local runtime alike. It sets an
 * enhanced subscription filter: a user-pool subscriber only ever receives events of memos they
 * own, whatever arguments they pass; an IAM subscriber may receive all; a caller of any other auth
 * mode (one added to the API later, with no rule here) is refused, never left unfiltered. AppSync stops applying
 * argument filters once an enhanced filter is set, so the memoId argument is folded in here.
 * AppSync evaluates the filter against the fields the triggering mutation selected: a mutation
 * that does not select ownerId reaches no user-pool subscriber.
 * Runs in AppSync's restricted JS runtime: no try/catch, no classes, only @aws-appsync/utils.
 */
import { extensions, util, type Context } from '@aws-appsync/utils';

/** util.authType()'s answers for the two modes this API has a rule for. */
const USER_POOL_AUTH = 'User Pool Authorization';
const IAM_AUTH = 'IAM Authorization';

export function request(): { payload: null } {
  return { payload: null };
}

export function response(ctx: Context): null {
  const filter: Record<string, { eq: string }> = {};
  const authType = util.authType();
  if (authType === USER_POOL_AUTH) {
    filter.ownerId = { eq: (ctx.identity as { sub: string }).sub };
  } else if (authType !== IAM_AUTH) {
    util.unauthorized();
  }
  const memoId = (ctx.args as { memoId?: string | null }).memoId;
  if (memoId) {
    // Stored ids are lower-case (resolvers/lib/validation.ts), whatever case a client sends.
    filter.memoId = { eq: memoId.toLowerCase() };
  }
  if (Object.keys(filter).length > 0) {
    extensions.setSubscriptionFilter(util.transform.toSubscriptionFilter(filter));
  }
  return null;
}
