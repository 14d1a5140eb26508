import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MemoApiStack } from './memoApiStack.js';

/**
 * Adds the memo stack and the cdk-nag AwsSolutions checks to `app`; a finding without an
 * acknowledgement makes `app.synth()` throw. Context (`-c key=value` or `new App({ context })`):
 * - `stage` (default `dev`): names the stack `MemoApi-<stage>` and the API `memo-api-<stage>`.
 * - `destroyOnRemoval` (default `false`): `true` marks a throwaway stage whose table and logs
 *   `cdk destroy` deletes; otherwise they are retained.
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
  const destroyOnRemoval = String(app.node.tryGetContext('destroyOnRemoval') ?? 'false') === 'true';
  const stack = new MemoApiStack(app, `MemoApi-${stage}`, {
    stage,
    destroyOnRemoval,
    description: `Memo GraphQL API (${stage}): AppSync, one Lambda per field, DynamoDB memoTable`,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
}
