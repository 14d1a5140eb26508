/**
 * The one APPSYNC_JS resolver in front of every memo Lambda, on AppSync and in the local
 * runtime alike. It forwards the AppSync context as the Lambda event and maps the Lambda's
 * result (resolvers/lib/lambdaResult.ts) to data or to a typed GraphQL error.
 * Runs in AppSync's restricted JS runtime: no try/catch, no classes, only @aws-appsync/utils.
 */
import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { INTERNAL_ERROR_MESSAGE, type LambdaResult } from '../lib/lambdaResult.js';

/** The caller's credentials: no handler needs them, and an event that gets logged must not leak them. */
const CREDENTIAL_HEADERS = ['x-api-key', 'authorization', 'x-amz-security-token'];

/** The context with nothing left `any`: arguments, stash and source are passed through unread. */
type ForwardedContext = Context<
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown> | undefined,
  Record<string, unknown> | undefined,
  unknown
>;

export function request(ctx: ForwardedContext): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      arguments: ctx.arguments,
      identity: ctx.identity,
      source: ctx.source,
      request: {
        headers: withoutCredentials(ctx.request.headers as Record<string, string> | undefined),
        domainName: ctx.request.domainName as unknown,
      },
      info: ctx.info,
      prev: ctx.prev,
      stash: ctx.stash,
    },
  };
}

export function response(ctx: Context): unknown {
  if (ctx.error) {
    // The invocation itself failed (timeout, throttling, crash): its text may hold AWS detail.
    return util.error(INTERNAL_ERROR_MESSAGE, 'InternalError');
  }
  const result = ctx.result as LambdaResult<unknown>;
  if (result.error) {
    return util.error(result.error.message, result.error.errorType, null, result.error.errorInfo);
  }
  return result.data;
}

function withoutCredentials(headers: Record<string, string> | undefined): Record<string, string> {
  const forwarded: Record<string, string> = {};
  for (const name of Object.keys(headers || {})) {
    if (CREDENTIAL_HEADERS.indexOf(name.toLowerCase()) === -1) forwarded[name] = (headers as Record<string, string>)[name]!;
  }
  return forwarded;
}
