import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMemoApi } from '../../infra/memoApp.js';
import { addGithubDeployRoles } from '../../infra/pipeline/githubDeployRoles.js';
import { actionsOf, resourcesOf, statementsOfRole, type CfnResource } from '../../infra/assembly/templateLookup.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REPO = 'octo-org/memo-api';
const PROVIDER = 'token.actions.githubusercontent.com';

/**
 * The app as infra/app.ts builds it (memo stack with cdk-nag, then the roles), without bundling, in a
 * temporary folder; `rolesOnly` leaves the memo stack out (cdk-nag still runs) where only the roles matter.
 */
function synthApp(context: Record<string, string>, { rolesOnly = false } = {}) {
  const outdir = mkdtempSync(join(tmpdir(), 'memo-github-'));
  const app = new App({ outdir, context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  if (rolesOnly) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  else addMemoApi(app);
  const stack = addGithubDeployRoles(app);
  try {
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8'));
    const template = stack && Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>);
    return { app, stack, template, report };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** An ARN as the template builds it, pseudo parameters written `${AWS::AccountId}`. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const joined = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (joined) return joined[1].map(render).join(joined[0]);
  const ref = (value as { Ref?: string }).Ref;
  if (ref) return `\${${ref}}`;
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

const bootstrapRole = (kind: string, qualifier = 'hnb659fds') =>
  `arn:\${AWS::Partition}:iam::\${AWS::AccountId}:role/cdk-${qualifier}-${kind}-role-\${AWS::AccountId}-\${AWS::Region}`;

function roleId(template: Template, logicalPrefix: string): string {
  const ids = Object.keys(template.findResources('AWS::IAM::Role')).filter((id) => id.startsWith(logicalPrefix));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

/** Each statement of the role's policies as `action on resource` lines, sorted. */
function grantsOf(template: Template, id: string): string[] {
  return statementsOfRole(template, id)
    .flatMap((statement) => {
      expect(statement.Effect).toBe('Allow');
      return actionsOf(statement).flatMap((action) => resourcesOf(statement).map((resource) => `${action} on ${render(resource)}`));
    })
    .sort();
}

function trustOf(template: Template, id: string) {
  const role = template.toJSON().Resources[id] as CfnResource;
  expect(role.Properties.ManagedPolicyArns).toBeUndefined();
  const statements = role.Properties.AssumeRolePolicyDocument.Statement;
  expect(statements).toHaveLength(1);
  return statements[0];
}

const arn = (service: string, resource: string) => `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${resource}`;
const VERIFY_GRANTS = (stages: string[]) => [
  ...['AdminCreateUser', 'AdminDeleteUser', 'AdminInitiateAuth', 'AdminSetUserPassword'].map(
    (action) => `cognito-idp:${action} on ${arn('cognito-idp', 'userpool/*')}`,
  ),
  `appsync:GraphQL on ${arn('appsync', 'apis/*/types/Query/fields/listMemos')}`,
  ...stages.map((stage) => `cloudformation:DescribeStacks on ${arn('cloudformation', `stack/MemoApi-${stage}/*`)}`),
];

describe('with -c githubRepo (defaults)', () => {
  let synthesized: ReturnType<typeof synthApp>;
  let template: Template;
  beforeAll(() => {
    synthesized = synthApp({ githubRepo: REPO });
    template = synthesized.template!;
  }, 180_000);

  it('creates the GitHub OIDC provider for the STS audience, once', () => {
    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    template.hasResourceProperties('AWS::IAM::OIDCProvider', { Url: `https://${PROVIDER}`, ClientIdList: ['sts.amazonaws.com'] });
  });

  it('lets only jobs in the dev and prod environments of the repository assume the deploy role', () => {
    const providerId = Object.keys(template.findResources('AWS::IAM::OIDCProvider'))[0];
    expect(trustOf(template, roleId(template, 'DeployRole'))).toEqual({
      Effect: 'Allow',
      Action: 'sts:AssumeRoleWithWebIdentity',
      Principal: { Federated: { Ref: providerId } }, // an OIDC provider's Ref is its ARN
      Condition: {
        StringEquals: {
          [`${PROVIDER}:aud`]: 'sts.amazonaws.com',
          [`${PROVIDER}:sub`]: [`repo:${REPO}:environment:dev`, `repo:${REPO}:environment:prod`],
        },
      },
    });
  });

  it('lets only pull-request jobs of the repository assume the diff role', () => {
    expect(trustOf(template, roleId(template, 'DiffRole')).Condition).toEqual({
      StringEquals: { [`${PROVIDER}:aud`]: 'sts.amazonaws.com', [`${PROVIDER}:sub`]: [`repo:${REPO}:pull_request`] },
    });
  });

  it('gives the deploy role the CDK bootstrap roles a deploy uses and the calls npm run verify makes, nothing else', () => {
    expect(grantsOf(template, roleId(template, 'DeployRole'))).toEqual(
      [
        ...['deploy', 'file-publishing', 'lookup'].map((kind) => `sts:AssumeRole on ${bootstrapRole(kind)}`),
        ...VERIFY_GRANTS(['dev', 'prod']),
      ].sort(),
    );
  });

  it('gives the diff role the read-only lookup role only', () => {
    expect(grantsOf(template, roleId(template, 'DiffRole'))).toEqual([`sts:AssumeRole on ${bootstrapRole('lookup')}`]);
  });

  it('holds no users, keys or other roles', () => {
    const types = Object.values(template.toJSON().Resources as Record<string, CfnResource>).map((r) => r.Type);
    expect(types.sort()).toEqual(['AWS::IAM::OIDCProvider', 'AWS::IAM::Policy', 'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::Role']);
  });

  it('outputs the two role ARNs the workflow variables take', () => {
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['DeployRoleArn', 'DiffRoleArn']);
  });

  it('is cdk-nag clean, acknowledging only the verify wildcards on the deploy role', () => {
    expect(synthesized.report.pluginReports).toEqual([]);
    const acknowledged = synthesized
      .stack!.node.findAll()
      .flatMap((construct) =>
        construct.node.metadata
          .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((entry) =>
            Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({ path: construct.node.path, id, reason })),
          ),
      );
    const nagArn = (service: string, resource: string) => `arn:<AWS::Partition>:${service}:<AWS::Region>:<AWS::AccountId>:${resource}`;
    expect(acknowledged.map(({ path, id }) => `${path} ${id}`).sort()).toEqual(
      [
        nagArn('cloudformation', 'stack/MemoApi-dev/*'),
        nagArn('cloudformation', 'stack/MemoApi-prod/*'),
        nagArn('cognito-idp', 'userpool/*'),
        nagArn('appsync', 'apis/*/types/Query/fields/listMemos'),
      ]
        .map((resource) => `MemoGithubDeploy/DeployRole Annotation::AwsSolutions-IAM5[Resource::${resource}]`)
        .sort(),
    );
    for (const { reason } of acknowledged) expect(reason).toMatch(/generated when MemoApi-<stage> is deployed/);
  });
});

describe('context', () => {
  it('adds nothing without githubRepo, so the app holds the memo stack alone and npm run deploy is unchanged', () => {
    const app = new App({ context: { githubEnvironments: 'prod' } });
    expect(addGithubDeployRoles(app)).toBeUndefined();
    expect(app.node.children).toEqual([]);
  });

  it('narrows the deploy role to the environments named, e.g. a prod-only account', () => {
    const { template } = synthApp({ githubRepo: REPO, githubEnvironments: 'prod' }, { rolesOnly: true });
    const deployRole = roleId(template!, 'DeployRole');
    expect(trustOf(template!, deployRole).Condition.StringEquals[`${PROVIDER}:sub`]).toEqual([`repo:${REPO}:environment:prod`]);
    expect(grantsOf(template!, deployRole).filter((grant) => grant.startsWith('cloudformation:'))).toEqual([
      `cloudformation:DescribeStacks on ${arn('cloudformation', 'stack/MemoApi-prod/*')}`,
    ]);
  });

  it("reuses the account's provider when githubOidcProviderArn names it", () => {
    const existing = `arn:aws:iam::123456789012:oidc-provider/${PROVIDER}`;
    const { template } = synthApp({ githubRepo: REPO, githubOidcProviderArn: existing }, { rolesOnly: true });
    template!.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    expect(trustOf(template!, roleId(template!, 'DiffRole')).Principal).toEqual({ Federated: existing });
  });

  it("follows CDK's bootstrap qualifier", () => {
    const { template } = synthApp({ githubRepo: REPO, '@aws-cdk/core:bootstrapQualifier': 'memo42' }, { rolesOnly: true });
    expect(grantsOf(template!, roleId(template!, 'DiffRole'))).toEqual([`sts:AssumeRole on ${bootstrapRole('lookup', 'memo42')}`]);
  });

  it.each([
    [{ githubRepo: 'memo-api' }, /githubRepo=memo-api: use OWNER\/REPO/],
    [{ githubRepo: 'octo-org/memo api' }, /githubRepo/],
    [{ githubRepo: '*/memo-api' }, /githubRepo/],
    [{ githubRepo: REPO, githubEnvironments: 'dev,Prod' }, /githubEnvironments=dev,Prod/],
    [{ githubRepo: REPO, githubEnvironments: 'prod,prod' }, /githubEnvironments/],
    [{ githubRepo: REPO, githubOidcProviderArn: 'arn:aws:iam::123456789012:oidc-provider/example.com' }, /githubOidcProviderArn/],
  ])('refuses %j', (context, message) => {
    expect(() => synthApp(context, { rolesOnly: true })).toThrow(message);
  });
});

describe('infra/app.ts (what cdk.json runs)', () => {
  const run = promisify(execFile);
  const stacksOf = async (context: Record<string, unknown>) => {
    const outdir = mkdtempSync(join(tmpdir(), 'memo-app-'));
    try {
      await run(process.execPath, ['--import', 'tsx', join(root, 'infra/app.ts')], {
        cwd: root,
        env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify({ ...context, 'aws:cdk:bundling-stacks': [] }) },
      });
      const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8'));
      return Object.entries(manifest.artifacts as Record<string, { type: string }>)
        .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
        .map(([name]) => name)
        .sort();
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  };

  // A child process that synthesizes the whole app: seconds alone, a minute on a busy 2-core machine.
  const SYNTH_TIMEOUT_MS = 180_000;

  it('adds MemoGithubDeploy with -c githubRepo, cdk-nag clean', { timeout: SYNTH_TIMEOUT_MS }, async () => {
    expect(await stacksOf({ githubRepo: REPO, stage: 'prod' })).toEqual(['MemoApi-prod', 'MemoGithubDeploy']);
  });
});
