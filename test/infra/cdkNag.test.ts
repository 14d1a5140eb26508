import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';

/** Every finding the stack acknowledges, where: adding one must be a reviewed change here. */
const EXPECTED_ACKNOWLEDGEMENTS = [
  // The one memo function's execution role: X-Ray's actions take no resource but "*".
  { path: 'MemoApi-dev/MemoFunction/Role', id: 'Annotation::AwsSolutions-IAM5[Resource::*]' },
  { path: 'MemoApi-dev/MemoApi', id: 'Annotation::AwsSolutions-ASC3' },
  { path: 'MemoApi-dev/MemoUsers/UserPool', id: 'Annotation::AwsSolutions-COG2' },
  { path: 'MemoApi-dev/MemoUsers/UserPool', id: 'Annotation::AwsSolutions-COG8' },
  { path: 'MemoApi-dev/PageTokenSecret', id: 'Annotation::AwsSolutions-SMG4' },
];

/** A synth takes seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: SynthesizedMemoApp;

beforeAll(() => {
  // synthMemoApp throws, listing the findings, if cdk-nag reports anything unacknowledged.
  synthesized = synthMemoApp({ bundle: false });
}, SYNTH_TIMEOUT_MS);
afterAll(() => synthesized?.dispose());

function acknowledgements(): { path: string; id: string; reason: string }[] {
  return synthesized.app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id,
          reason,
        })),
      ),
  );
}

it('synthesizes with zero unacknowledged AwsSolutions findings', () => {
  const report = JSON.parse(readFileSync(join(synthesized.outdir, 'validation-report.json'), 'utf8'));
  expect(report.pluginReports).toEqual([]);
});

it('acknowledges only the expected findings, each on the construct concerned', () => {
  const found = acknowledgements().map(({ path, id }) => ({ path, id }));
  expect(found).toEqual(expect.arrayContaining(EXPECTED_ACKNOWLEDGEMENTS));
  expect(found).toHaveLength(EXPECTED_ACKNOWLEDGEMENTS.length);
});

it.each([
  ['AwsSolutions-IAM5', /X-Ray|xray/],
  ['AwsSolutions-ASC3', /verbose content is excluded/],
  ['AwsSolutions-COG2', /OPTIONAL with TOTP/],
  ['AwsSolutions-COG8', /Plus plan, billed per monthly active user/],
  ['AwsSolutions-SMG4', /put-secret-value.*redeploy/],
])('gives %s a specific reason', (rule, specific) => {
  const reasons = acknowledgements().filter(({ id }) => id.includes(rule));
  expect(reasons.length).toBeGreaterThan(0);
  for (const { reason } of reasons) expect(reason).toMatch(specific);
});

it('fails the synth on a finding nobody acknowledged', { timeout: SYNTH_TIMEOUT_MS }, () => {
  const addCarelessRole = (stack: SynthesizedMemoApp['stack']) =>
    new iam.Role(stack, 'CarelessRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
    });
  expect(() => synthMemoApp({ bundle: false, beforeSynth: addCarelessRole })).toThrow(/AwsSolutions-IAM4/);
});
