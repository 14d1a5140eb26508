import { randomUUID } from 'node:crypto';
import { FUNCTION_MEMORY_MB, FUNCTION_TIMEOUT_SECONDS } from '../../resolvers/fields.js';

export type LambdaHandler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * Calls the handler as Lambda would: event and result cross a JSON boundary (no shared
 * objects, no undefined, no Dates), with a Lambda context object.
 */
export async function invokeLikeLambda(handler: LambdaHandler, payload: unknown, region?: string): Promise<unknown> {
  const result = await handler(JSON.parse(JSON.stringify(payload)), lambdaContext(region));
  return result === undefined ? null : JSON.parse(JSON.stringify(result));
}

/** What the local runtime calls the one memo function (infra's MemoFunction, which serves every field). */
export const LOCAL_FUNCTION_NAME = 'memo-api-local';

/** The Lambda context of one invocation, reporting the memory size infra deploys. */
export function lambdaContext(region = 'us-east-1') {
  const functionName = LOCAL_FUNCTION_NAME;
  const deadline = Date.now() + FUNCTION_TIMEOUT_SECONDS * 1000;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(FUNCTION_MEMORY_MB),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}
