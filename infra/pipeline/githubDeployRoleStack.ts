import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { GithubDeploySettings } from './githubDeploySettings.js';

/** The issuer of GitHub Actions' OIDC tokens: the provider's URL and the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** The audience configure-aws-credentials requests for AWS. */
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';

/** What `npm run verify -- --stack MemoApi-<stage>` calls with the deploy job's credentials (infra/verify). */
export const VERIFY_USER_POOL_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminInitiateAuth',
  'cognito-idp:AdminDeleteUser',
] as const;

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

  /** `npm run verify -- --stack MemoApi-<stage>` after each deploy: read the outputs, two throw-away users, one IAM call. */
  private addVerifyPermissions(environments: readonly string[]): void {
    const grants = [
      {
        sid: 'VerifyReadsStackOutputs',
        actions: ['cloudformation:DescribeStacks'],
        service: 'cloudformation',
        on: environments.map((e) => `stack/MemoApi-${e}/*`),
      },
      { sid: 'VerifyManagesThrowAwayUsers', actions: [...VERIFY_USER_POOL_ACTIONS], service: 'cognito-idp', on: ['userpool/*'] },
      { sid: 'VerifyCallsTheApiOverIam', actions: ['appsync:GraphQL'], service: 'appsync', on: ['apis/*/types/Query/fields/listMemos'] },
    ];
    for (const { sid, actions, service, on } of grants) {
      const resources = on.map((resource) => `arn:${this.partition}:${service}:${this.region}:${this.account}:${resource}`);
      this.deployRole.addToPolicy(new iam.PolicyStatement({ sid, actions, resources }));
      // cdk-nag names each wildcard resource, pseudo parameters written <AWS::Region>.
      for (const resource of on) {
        Validations.of(this.deployRole).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}]`,
          reason:
            'npm run verify after each deploy: the stack id suffix, user pool id and API id are generated when ' +
            'MemoApi-<stage> is deployed, after this role exists; each statement is limited to its account, region ' +
            'and the calls verify makes (DescribeStacks on the MemoApi stacks, four Cognito admin calls, appsync:GraphQL on listMemos).',
        });
      }
    }
  }
}
