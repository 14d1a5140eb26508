import { describe, expect, it } from 'vitest';
import { AppSyncResolverError } from '../../../local/appsync/appsyncUtil.js';
import { runLambdaResolver } from '../../../local/appsync/runLambdaResolver.js';
import { request } from '../../../resolvers/appsync/invokeLambda.js';
import { appSyncContext } from '../../helpers/appSyncContext.js';
import { userPoolCaller } from '../../helpers/callers.js';

const ctx = () => appSyncContext('Query', 'memo', { memoId: 'x' }, userPoolCaller());

async function outcomeOf(invoke: () => Promise<unknown>): Promise<unknown> {
  try {
    return { data: await runLambdaResolver(ctx(), 'AMAZON_COGNITO_USER_POOLS', invoke) };
  } catch (error) {
    if (!(error instanceof AppSyncResolverError)) throw error;
    return { message: error.message, errorType: error.errorType, errorInfo: error.errorInfo };
  }
}

describe('the APPSYNC_JS resolver in front of every Lambda', () => {
  it('invokes the Lambda with an AppSync-shaped event', () => {
    const context = ctx();
    expect(request(context)).toEqual({
      operation: 'Invoke',
      payload: expect.objectContaining({
        arguments: { memoId: 'x' },
        info: expect.objectContaining({ fieldName: 'memo', parentTypeName: 'Query' }),
        request: { headers: { 'content-type': 'application/json' }, domainName: null }, // the credentials are stripped
        identity: userPoolCaller().identity,
      }),
    });
  });

  it('forwards the caller headers without credentials', () => {
    const context = ctx();
    context.request.headers = {
      'x-api-key': 'da2-secret',
      Authorization: 'AWS4-HMAC-SHA256 …',
      'x-amz-security-token': 't',
      'user-agent': 'urql',
      'content-type': 'application/json',
    };
    const { payload } = request(context) as { payload: { request: { headers: Record<string, string> } } };
    expect(payload.request.headers).toEqual({ 'user-agent': 'urql', 'content-type': 'application/json' });
  });

  it('returns the data of a successful result, null included', async () => {
    expect(await outcomeOf(() => Promise.resolve({ data: { memoId: 'x' } }))).toEqual({ data: { memoId: 'x' } });
    expect(await outcomeOf(() => Promise.resolve({ data: null }))).toEqual({ data: null });
  });

  it('raises a returned error with its errorType, message and errorInfo', async () => {
    const error = { errorType: 'VersionConflict', message: 'stale', errorInfo: { currentVersion: 3 } };
    expect(await outcomeOf(() => Promise.resolve({ error }))).toEqual(error);
  });

  it('turns a failed invocation into a generic InternalError without its detail', async () => {
    const outcome = await outcomeOf(() =>
      Promise.reject(new Error('Task timed out after 3.00 seconds arn:aws:lambda:eu-west-1:123456789012:function:x')),
    );
    expect(outcome).toEqual({ errorType: 'InternalError', message: 'An internal error occurred; it has been logged', errorInfo: null });
  });
});
