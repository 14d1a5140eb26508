import { randomBytes } from 'node:crypto';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import {
  createMemoClient,
  DeleteMemoDocument,
  iamAuth,
  toMemoApiError,
  userPoolAuth,
  type AwsCredentials,
  type MemoClient,
  type MemoClientConfig,
} from '@memo-api/client';
import { CheckFailed, CheckRows, type CheckRow } from './checkRows.js';
import { memoChecks, searchAndIamChecks } from './memoChecks.js';
import { subscriptionChecks } from './subscriptionChecks.js';
import { ThrowawayUsers, type ThrowawayUser } from './throwawayUsers.js';
import type { VerifyContext, VerifyTimings } from './verifyContext.js';

export interface VerifyDeploymentOptions {
  /** Where the deployment is: the client config `npm run deploy` writes (or the stack's outputs made into one). */
  readonly config: MemoClientConfig;
  /** The operator's IAM credentials; default: the AWS SDK's default chain (environment, profile, SSO, role). */
  readonly credentials?: AwsCredentials;
  readonly timings?: Partial<VerifyTimings>;
}

export interface VerifyReport {
  /** One row per check, then the cleanup rows. */
  readonly rows: readonly CheckRow[];
  readonly passed: boolean;
  /** The throw-away users this run created (and deleted), with their subs: to confirm nothing is left. */
  readonly users: readonly Pick<ThrowawayUser, 'username' | 'sub'>[];
}

const DEFAULT_TIMINGS: VerifyTimings = { indexMs: 10_000, eventMs: 15_000, quietMs: 2_000 };

/**
 * Checks a deployment end to end as two throw-away users and the operator: create, read, update
 * (current and stale version), list, isolation, subscriptions over the real-time endpoint, search
 * and an IAM call; then deletes the memos and users, also when a check failed or threw.
 *
 * @example
 * const report = await verifyDeployment({ config: parseMemoClientConfig(JSON.parse(text)) });
 * console.log(formatTable(report.rows));
 * @throws {Error} only when the config names no user pool (nothing was created then)
 */
export async function verifyDeployment(options: VerifyDeploymentOptions): Promise<VerifyReport> {
  const { config } = options;
  if (!config.userPoolId || !config.userPoolClientId)
    throw new Error('The client config names no user pool (userPoolId, userPoolClientId)');
  const cognito = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.userPoolEndpoint ? { endpoint: config.userPoolEndpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const users = new ThrowawayUsers(cognito, config.userPoolId, config.userPoolClientId);
  const rows = new CheckRows();
  const created: VerifyContext['created'] = [];
  const clients: MemoClient[] = [];
  const signedIn: ThrowawayUser[] = [];
  const clientOf = (client: MemoClient) => (clients.push(client), client);
  try {
    await rows.run('two throw-away users: admin-create, sign in', async () => {
      signedIn.push(await users.create('a'), await users.create('b'));
    });
    const [userA, userB] = signedIn;
    if (userA && userB) {
      const context: VerifyContext = {
        a: { user: userA, client: clientOf(createMemoClient(config, { auth: userPoolAuth(() => userA.idToken) })) },
        b: { user: userB, client: clientOf(createMemoClient(config, { auth: userPoolAuth(() => userB.idToken) })) },
        // The same credentials the admin calls are signed with, as the SDK's chain resolved them.
        iam: clientOf(createMemoClient(config, { auth: iamAuth(() => cognito.config.credentials()) })),
        rows,
        created,
        timings: { ...DEFAULT_TIMINGS, ...options.timings },
        word: `verify${randomBytes(6).toString('hex')}`,
      };
      const memo = await memoChecks(context);
      await subscriptionChecks(context, memo);
      await searchAndIamChecks(context, memo);
    }
  } finally {
    await rows.run('cleanup: delete the memos', () => deleteMemos(created));
    await rows.run('cleanup: delete the users', async () => {
      const { deleted, failed } = await users.deleteAll();
      if (failed.length > 0) throw new CheckFailed(`could not delete ${failed.join(', ')}`);
      return `${deleted.length} deleted`;
    });
    for (const client of clients) client.close();
    cognito.destroy();
  }
  return {
    rows: rows.rows,
    passed: rows.rows.every(({ passed }) => passed),
    users: signedIn.map(({ username, sub }) => ({ username, sub })),
  };
}

/** Each memo deleted by its owner; one already gone (MemoNotFound) counts as deleted. */
async function deleteMemos(created: VerifyContext['created']): Promise<string> {
  const failures: string[] = [];
  for (const { owner, memoId } of created) {
    try {
      const { errors } = await owner.request(DeleteMemoDocument, { memoId });
      const errorType = errors ? (toMemoApiError(errors)?.errorType ?? 'an error') : undefined;
      if (errorType && errorType !== 'MemoNotFound') failures.push(`${memoId} (${errorType})`);
    } catch (error) {
      failures.push(`${memoId} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (failures.length > 0) throw new CheckFailed(`could not delete ${failures.join(', ')}`);
  return `${created.length} deleted`;
}
