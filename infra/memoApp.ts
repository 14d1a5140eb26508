import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MemoApiStack } from './memoApiStack.js';
import { readOperationsSettings } from './operations/operationsSettings.js';

/**
 * Adds the memo stack and the cdk-nag AwsSolutions checks to `app`; a finding without an
 * acknowledgement makes `app.synth()` throw. Context (`-c key=value` or `new App({ context })`):
 * - `stage` (default `dev`): names the stack `MemoApi-<stage>` and the API `memo-api-<stage>`.
 * - `destroyOnRemoval` (default `false`): `true` marks a throwaway stage whose table, user pool
 *   and logs `cdk destroy` deletes; otherwise they are retained.
 * - `allowPasswordAuth` (default `false`): `true` lets the app client sign in with
 *   USER_PASSWORD_AUTH (`aws cognito-idp initiate-auth`, scripts); otherwise SRP only.
 * - `alarmEmail`, alarm thresholds, WAF and AppSync limits: infra/operations/operationsSettings.ts
 *   (each named as its context key; docs/operations.md).
 *
 * @example
 * const app = new App({ context: { stage: 'test', destroyOnRemoval: 'true' } });
 * const stack = addMemoApi(app);
 */
export function addMemoApi(app: App): MemoApiStack {
  const stage = String(app.node.tryGetContext('stage') ?? 'dev');
  if (!/^[a-z][a-z0-9-]{0,20}$/.test(stage)) {
    throw new Error(`context stage=${stage}: use lower-case letters, digits and dashes (at most 21)`);
  }
  const stack = new MemoApiStack(app, `MemoApi-${stage}`, {
    stage,
    destroyOnRemoval: booleanContext(app, 'destroyOnRemoval'),
    allowPasswordAuth: booleanContext(app, 'allowPasswordAuth'),
    operations: readOperationsSettings(app.node, stage),
    description: `Memo GraphQL API (${stage}): AppSync with Cognito sign-in, one Lambda per field, DynamoDB memoTable`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}

/** A `true`/`false` context flag, `false` when absent. @throws for any other value (a typo must not mean false). */
function booleanContext(app: App, key: string): boolean {
  const value = String(app.node.tryGetContext(key) ?? 'false');
  if (value !== 'true' && value !== 'false') throw new Error(`context ${key}=${value}: use true or false`);
  return value === 'true';
}
