import type { AuthMode } from '../appsync/appsyncUtil.js';

/**
 * A caller whose credentials the runtime has verified (a user-pool token, or a SigV4 signature),
 * described as AppSync describes it to resolvers: the auth mode that admitted the request, and
 * the identity object (`ctx.identity`) field for field.
 */
export interface VerifiedCaller {
  readonly authMode: AuthMode;
  readonly identity: Readonly<Record<string, unknown>>;
}
