import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import type { Node } from 'constructs';

/** What the GitHub deploy role stack is built from: context values (`-c githubRepo=OWNER/REPO`). */
export interface GithubDeploySettings {
  /** `OWNER/REPO`: the only repository whose workflows may assume the roles. */
  readonly repo: string;
  /** GitHub environments (= stages) whose jobs may deploy; each job deploys the stack `MemoApi-<environment>`. */
  readonly environments: readonly string[];
  /** An IAM OIDC provider for GitHub already in the account (one per account is allowed); none: the stack creates it. */
  readonly oidcProviderArn: string | undefined;
  /** The CDK bootstrap qualifier whose roles the deploy role may assume (`cdk bootstrap --qualifier`). */
  readonly bootstrapQualifier: string;
}

/** The environments the workflow deploys (.github/workflows/deploy.yml), in order. */
export const DEFAULT_GITHUB_ENVIRONMENTS = ['dev', 'prod'] as const;

// GitHub's own rules: owner 1–39 of letters, digits, dashes; repository names add `.` and `_`.
const REPO_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
// A stage name as memoApp.ts accepts it: the environment names the stack.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,20}$/;
const PROVIDER_ARN_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/;

/**
 * The settings of the GitHub deploy role stack, or `undefined` when the context names no
 * `githubRepo` (then the app holds the memo stack only, and `cdk deploy` is what it always was).
 * Context: `githubRepo` (OWNER/REPO), `githubEnvironments` (comma-separated, default `dev,prod`),
 * `githubOidcProviderArn` (reuse the account's provider), and CDK's own
 * `@aws-cdk/core:bootstrapQualifier`.
 *
 * @throws when a value is malformed: a typo must fail the synth, not widen or break the trust
 */
export function readGithubDeploySettings(node: Node): GithubDeploySettings | undefined {
  const repo = textContext(node, 'githubRepo');
  if (repo === undefined) return undefined;
  if (!REPO_PATTERN.test(repo)) throw new Error(`context githubRepo=${repo}: use OWNER/REPO as on GitHub`);

  const environmentsText = textContext(node, 'githubEnvironments') ?? DEFAULT_GITHUB_ENVIRONMENTS.join(',');
  const environments = environmentsText.split(',').map((name) => name.trim());
  if (environments.some((name) => !STAGE_PATTERN.test(name)) || new Set(environments).size !== environments.length) {
    throw new Error(`context githubEnvironments=${environmentsText}: use distinct stage names (lower-case letters, digits, dashes)`);
  }

  const oidcProviderArn = textContext(node, 'githubOidcProviderArn');
  if (oidcProviderArn !== undefined && !PROVIDER_ARN_PATTERN.test(oidcProviderArn)) {
    throw new Error(`context githubOidcProviderArn=${oidcProviderArn}: use the ARN of the token.actions.githubusercontent.com provider`);
  }

  const bootstrapQualifier = textContext(node, '@aws-cdk/core:bootstrapQualifier') ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return { repo, environments, oidcProviderArn, bootstrapQualifier };
}

function textContext(node: Node, key: string): string | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new Error(`context ${key}: use a plain string, not ${JSON.stringify(raw)}`);
  return raw;
}
