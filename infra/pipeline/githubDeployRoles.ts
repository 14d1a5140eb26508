import type { App } from 'aws-cdk-lib';
import { GithubDeployRoleStack } from './githubDeployRoleStack.js';
import { readGithubDeploySettings } from './githubDeploySettings.js';

/** The stack name `cdk deploy` takes for the GitHub roles (docs/deploy.md, Deploy from GitHub Actions). */
export const GITHUB_DEPLOY_STACK_NAME = 'MemoGithubDeploy';

/**
 * Adds the GitHub deploy role stack to `app` when the context names `githubRepo`
 * (`npx cdk deploy MemoGithubDeploy -c githubRepo=OWNER/REPO`); otherwise adds nothing, so
 * `npm run deploy` of the API is unchanged. Context: infra/pipeline/githubDeploySettings.ts.
 *
 * @example
 * const app = new App({ context: { githubRepo: 'octo-org/memo-api' } });
 * const stack = addGithubDeployRoles(app); // GithubDeployRoleStack
 */
export function addGithubDeployRoles(app: App): GithubDeployRoleStack | undefined {
  const settings = readGithubDeploySettings(app.node);
  if (settings === undefined) return undefined;
  return new GithubDeployRoleStack(app, GITHUB_DEPLOY_STACK_NAME, {
    settings,
    description: `GitHub Actions OIDC roles for ${settings.repo}: deploy (${settings.environments.join(', ')}) and cdk diff`,
  });
}
