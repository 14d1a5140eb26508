import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { VERIFY_CALLS, type VerifyResource } from '../verify/verifyCalls.js';
import type { GithubDeploySettings } from './githubDeploySettings.js';

/** The issuer of GitHub Actions' OIDC tokens: the provider's URL and the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience configure-aws-credentials requests for AWS. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** The deploy role's statement for each kind of resource verify acts on (infra/verify/verifyCalls.ts): its sid. */
const VERIFY_STATEMENT_SIDS: Readonly<Record<VerifyResource['kind'], string>> = {
  stack: 'VerifyReadsStackOutputs',
  userPool: 'VerifyManagesThrowAwayUsers',
  graphqlField: 'VerifyCallsTheApiOverIam',
};

export interface GithubDeployRoleStackProps extends StackProps {
  readonly settings: GithubDeploySettings;
}

/**
 * GitHub Actions' way into the account without stored keys: the OIDC provider and two roles.
 * - DeployRole: jobs of `settings.repo` running in one of `settings.environments` (GitHub
 *   environments, so their reviewers and branch rules apply) may assume it; it may only assume
 *   the CDK bootstrap roles a `cdk deploy` uses (deploy, file publishing, lookup) and make the
 *   calls `npm run verify` makes.
 * - DiffRole: pull-request jobs of the same repository; it may only assume the bootstrap lookup
 *   role (read-only), enough for `cdk diff --method template`.
 */
export class GithubDeployRoleStack extends Stack {
  readonly deployRole: iam.Role;
  readonly diffRole: iam.Role;

  constructor(scope: Construct, id: string, props: GithubDeployRoleStackProps) {
    super(scope, id, props);
    const { repo, environments, bootstrapQualifier } = props.settings;

    const providerArn =
      props.settings.oidcProviderArn ??
      new iam.OidcProviderNative(this, 'GithubOidcProvider', {
        url: `https://${GITHUB_OIDC_HOST}`,
        clientIds: [GITHUB_OIDC_AUDIENCE],
      }).oidcProviderArn;
    const githubJobs = (subjects: string[]) =>
      new iam.WebIdentityPrincipal(providerArn, {
        StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE, [`${GITHUB_OIDC_HOST}:sub`]: subjects },
      });
    const bootstrapRole = (kind: string) =>
      `arn:${this.partition}:iam::${this.account}:role/cdk-${bootstrapQualifier}-${kind}-role-${this.account}-${this.region}`;

    this.deployRole = new iam.Role(this, 'DeployRole', {
      description: `GitHub Actions deploy jobs of ${repo} (environments ${environments.join(', ')})`,
      assumedBy: githubJobs(environments.map((environment) => `repo:${repo}:environment:${environment}`)),
    });
    // No image-publishing role: the app has no Docker assets (functions are bundled by esbuild).
    this.deployRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'AssumeCdkBootstrapRoles',
        actions: ['sts:AssumeRole'],
        resources: ['deploy', 'file-publishing', 'lookup'].map(bootstrapRole),
      }),
    );
    this.addVerifyPermissions(environments);

    this.diffRole = new iam.Role(this, 'DiffRole', {
      description: `GitHub Actions pull-request jobs of ${repo}: cdk diff, read-only`,
      assumedBy: githubJobs([`repo:${repo}:pull_request`]),
    });
    this.diffRole.addToPolicy(
      new iam.PolicyStatement({ sid: 'AssumeCdkLookupRole', actions: ['sts:AssumeRole'], resources: [bootstrapRole('lookup')] }),
    );

    new CfnOutput(this, 'DeployRoleArn', { value: this.deployRole.roleArn, description: 'GitHub variable AWS_DEPLOY_ROLE_ARN' });
    new CfnOutput(this, 'DiffRoleArn', { value: this.diffRole.roleArn, description: 'GitHub variable AWS_DIFF_ROLE_ARN' });
  }

  /**
   * `npm run verify -- --stack MemoApi-<stage>` after each deploy: the calls infra/verify/verifyCalls.ts
   * lists, one statement per kind of resource, each resource as narrow as IAM can name it before
   * MemoApi-<stage> exists.
   */
  private addVerifyPermissions(environments: readonly string[]): void {
    for (const [kind, sid] of Object.entries(VERIFY_STATEMENT_SIDS) as [VerifyResource['kind'], string][]) {
      const calls = VERIFY_CALLS.filter(({ resource }) => resource.kind === kind);
      const [service, ...others] = new Set(calls.map(({ action }) => action.split(':')[0]!));
      if (!service || others.length > 0)
        throw new Error(`verify's ${kind} calls must name one service, not ${[service, ...others].join(', ')}`);
      const on = [...new Set(calls.flatMap(({ resource }) => verifyResourcePaths(resource, environments)))];
      const resources = on.map((resource) => `arn:${this.partition}:${service}:${this.region}:${this.account}:${resource}`);
      this.deployRole.addToPolicy(new iam.PolicyStatement({ sid, actions: calls.map(({ action }) => action), resources }));
      // cdk-nag names each wildcard resource, pseudo parameters written <AWS::Region>.
      for (const resource of on) {
        Validations.of(this.deployRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}]`,
          reason:
            'npm run verify after each deploy: the stack id suffix, user pool id and API id are generated when ' +
            'MemoApi-<stage> is deployed, after this role exists; each statement is limited to its account, region ' +
            `and the calls verify makes (${VERIFY_CALLS.map(({ action }) => action).join(', ')}).`,
        });
      }
    }
  }
}

/** The ARN resource part (after `account:`) of what a verify call acts on, per deployed stage. */
function verifyResourcePaths(resource: VerifyResource, environments: readonly string[]): string[] {
  switch (resource.kind) {
    case 'stack':
      return environments.map((environment) => `stack/MemoApi-${environment}/*`);
    case 'userPool':
      return ['userpool/*'];
    case 'graphqlField':
      return [`apis/*/types/${resource.typeName}/fields/${resource.fieldName}`];
  }
}
