import { randomBytes } from 'node:crypto';
import { supplyEmulatorCredentials } from './resolverSeam.js';

/**
 * `ctx.identity` of a Cognito user-pool caller (an ID token) as AppSync builds it: the caller the
 * bench's direct handler invocations (cold start, memory, capacity) act as. The shape of
 * test/helpers/callers.ts's userPoolCaller; `sub` is the owner of the memos it touches.
 */
export function benchUserIdentity(sub: string): Record<string, unknown> {
  const issuer = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_BenchPool1';
  const username = `bench-${sub.slice(0, 8)}`;
  return {
    sub,
    issuer,
    username,
    claims: { sub, iss: issuer, 'cognito:username': username, token_use: 'id', aud: 'benchclient00000000000000a' },
    sourceIp: ['127.0.0.1'],
    defaultAuthStrategy: 'ALLOW',
    groups: null,
  };
}

/**
 * The environment Lambda gives a function (its template variables, a region, the role's
 * credentials), pointed at `store`, for a handler run in a child process: TABLE_NAME,
 * DYNAMODB_ENDPOINT, this process's region and credentials (DynamoDB Local keeps a database per
 * access key, so the child must use the same) or an emulator's placeholder, and PATH; nothing
 * else of this process's environment. The SDK's Node-version warning is off: Lambda runs these
 * functions on Node.js 24, where it has nothing to say, and on this machine's Node 20 it would
 * cost every run a warning the deployed function never prints.
 */
/** Signs page tokens in every handler the bench runs (resolvers/store/config.ts requires one). */
export const BENCH_PAGE_TOKEN_SECRET = randomBytes(32).toString('base64url');

export function handlerEnv(functionEnv: Record<string, string>, store: { endpoint: string; tableName: string }): Record<string, string> {
  const { PATH = '', AWS_REGION = 'us-east-1', AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN } = process.env;
  const env: NodeJS.ProcessEnv = {
    PATH,
    ...functionEnv,
    TABLE_NAME: store.tableName,
    DYNAMODB_ENDPOINT: store.endpoint,
    // On AWS a generated secret resolved at deploy (not a literal of the template): one per run here.
    PAGE_TOKEN_SECRET: BENCH_PAGE_TOKEN_SECRET,
    AWS_REGION,
    ...(AWS_ACCESS_KEY_ID && { AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN }),
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  supplyEmulatorCredentials(env);
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
