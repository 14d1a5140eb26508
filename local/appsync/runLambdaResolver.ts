import type { Context } from '@aws-appsync/utils';
import { request, response } from '../../resolvers/appsync/invokeLambda.js';
import { installAppSyncUtil, runInResolverScope, type AppSyncResolverError, type AuthMode } from './appsyncUtil.js';

export type LambdaInvoker = (payload: unknown) => Promise<unknown>;

/**
 * Runs a field the way AppSync runs a unit resolver on a Lambda data source: the resolver's
 * request handler builds the invocation, `invoke` plays the Lambda, and the response handler
 * maps the result. Returns the field's value or throws AppSyncResolverError (from util.error);
 * errors the code adds with util.appendError go to `onAppendedError`.
 */
export async function runLambdaResolver(
  ctx: Context,
  authMode: AuthMode,
  invoke: LambdaInvoker,
  onAppendedError: (error: AppSyncResolverError) => void = () => {},
): Promise<unknown> {
  installAppSyncUtil();
  const scope = { authMode, field: ctx.info, onAppendedError };
  const { payload } = runInResolverScope(() => request(ctx), scope);
  try {
    ctx.result = await invoke(payload);
  } catch (error) {
    // As on AWS: a Lambda that throws reaches the response handler as ctx.error.
    ctx.error = { message: error instanceof Error ? error.message : String(error), type: 'Lambda:Unhandled' };
  }
  return runInResolverScope(() => response(ctx), scope);
}
