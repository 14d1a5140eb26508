import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DEFAULTS } from '../../local/config.js';
import { MEMO_LIMITS } from '../../resolvers/lib/memoRules.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';
import { COUNTED_COMMON_RULES, RATE_WINDOW_SECONDS } from '../../infra/operations/memoWebAcl.js';
import { OPERATIONS_DEFAULTS, WAF_APPSYNC_BODY_INSPECTION_BYTES } from '../../infra/operations/operationsSettings.js';

/** Each synth takes seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: SynthesizedMemoApp;
let template: Template;
/** A prod stage with every limit changed from its default. */
let prod: SynthesizedMemoApp;
const PROD_LIMITS = {
  wafRateLimitPerIp: '5000',
  wafRateLimitPerCaller: '700',
  wafLargeBodyLimitPerCaller: '40',
  wafLargeBodyBytes: '4096',
  queryDepthLimit: '8',
  resolverCountLimit: '5',
};

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
  prod = synthMemoApp({ bundle: false, context: { stage: 'prod', ...PROD_LIMITS } });
}, SYNTH_TIMEOUT_MS);
afterAll(() => {
  synthesized?.dispose();
  prod?.dispose();
});

function only(from: Template, type: string): { id: string; properties: Record<string, any> } {
  const entries = Object.entries(from.findResources(type));
  expect(entries).toHaveLength(1);
  return { id: entries[0]![0], properties: entries[0]![1].Properties as Record<string, any> };
}

function rules(from: Template): Record<string, any>[] {
  return only(from, 'AWS::WAFv2::WebACL').properties.Rules as Record<string, any>[];
}

const callerKey = [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }];

describe('the WAF web ACL', () => {
  it('is regional, allows by default, and is associated with the AppSync API', () => {
    const acl = only(template, 'AWS::WAFv2::WebACL');
    expect(acl.properties).toMatchObject({ Scope: 'REGIONAL', DefaultAction: { Allow: {} }, Name: 'memo-api-dev' });
    const association = only(template, 'AWS::WAFv2::WebACLAssociation').properties;
    expect(association).toEqual({
      ResourceArn: { 'Fn::GetAtt': [only(template, 'AWS::AppSync::GraphQLApi').id, 'Arn'] },
      WebACLArn: { 'Fn::GetAtt': [acl.id, 'Arn'] },
    });
  });

  it('runs the per-IP, per-caller and large-body rate rules before the common rule set, in that order', () => {
    expect(rules(template).map((rule) => [rule.Priority, rule.Name])).toEqual([
      [0, 'RateLimitPerIp'],
      [1, 'RateLimitPerCaller'],
      [2, 'LargeBodyRateLimitPerCaller'],
      [3, 'AWSManagedRulesCommonRuleSet'],
    ]);
  });

  it('blocks an IP address over its rate, counted over 5 minutes', () => {
    expect(rules(template)[0]).toMatchObject({
      Action: { Block: {} },
      Statement: {
        RateBasedStatement: { AggregateKeyType: 'IP', Limit: OPERATIONS_DEFAULTS.wafRateLimitPerIp.default, EvaluationWindowSec: 300 },
      },
    });
    expect(RATE_WINDOW_SECONDS).toBe(300);
  });

  it('blocks a caller, keyed on the raw Authorization header, over its rate', () => {
    const statement = rules(template)[1]!.Statement.RateBasedStatement;
    expect(rules(template)[1]!.Action).toEqual({ Block: {} });
    expect(statement).toEqual({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: callerKey,
      Limit: OPERATIONS_DEFAULTS.wafRateLimitPerCaller.default,
      EvaluationWindowSec: 300,
    });
  });

  it('blocks a caller over its rate of bodies larger than WAF can inspect on AppSync (8 KB), oversize counting as large', () => {
    const statement = rules(template)[2]!.Statement.RateBasedStatement;
    expect(rules(template)[2]!.Action).toEqual({ Block: {} });
    expect(statement).toMatchObject({
      AggregateKeyType: 'CUSTOM_KEYS',
      CustomKeys: callerKey,
      Limit: OPERATIONS_DEFAULTS.wafLargeBodyLimitPerCaller.default,
    });
    expect(statement.ScopeDownStatement).toEqual({
      SizeConstraintStatement: {
        FieldToMatch: { Body: { OversizeHandling: 'MATCH' } },
        ComparisonOperator: 'GT',
        Size: WAF_APPSYNC_BODY_INSPECTION_BYTES,
        TextTransformations: [{ Priority: 0, Type: 'NONE' }],
      },
    });
    // Memo writes may be larger than WAF can see: a block on size alone would refuse valid memos.
    expect(MEMO_LIMITS.contentMaxBytes).toBeGreaterThan(WAF_APPSYNC_BODY_INSPECTION_BYTES);
  });

  it("applies AWS's common rule set with its body rules, SizeRestrictions_BODY among them, set to count", () => {
    const common = rules(template)[3]!;
    expect(common.OverrideAction).toEqual({ None: {} });
    expect(common.Statement.ManagedRuleGroupStatement).toEqual({
      VendorName: 'AWS',
      Name: 'AWSManagedRulesCommonRuleSet',
      RuleActionOverrides: COUNTED_COMMON_RULES.map((name) => ({ Name: name, ActionToUse: { Count: {} } })),
    });
    expect(COUNTED_COMMON_RULES).toContain('SizeRestrictions_BODY');
    for (const name of COUNTED_COMMON_RULES) expect(name).toMatch(/_BODY$/);
  });

  it('publishes CloudWatch metrics and sampled requests for the web ACL and every rule', () => {
    const acl = only(template, 'AWS::WAFv2::WebACL').properties;
    for (const config of [acl.VisibilityConfig, ...rules(template).map((rule) => rule.VisibilityConfig)]) {
      expect(config).toMatchObject({
        CloudWatchMetricsEnabled: true,
        SampledRequestsEnabled: true,
        MetricName: expect.stringMatching(/^memo-api-dev-/),
      });
    }
  });

  it('takes every limit from the context', () => {
    const [perIp, perCaller, largeBody] = rules(prod.template);
    expect(perIp!.Statement.RateBasedStatement.Limit).toBe(Number(PROD_LIMITS.wafRateLimitPerIp));
    expect(perCaller!.Statement.RateBasedStatement.Limit).toBe(Number(PROD_LIMITS.wafRateLimitPerCaller));
    expect(largeBody!.Statement.RateBasedStatement.Limit).toBe(Number(PROD_LIMITS.wafLargeBodyLimitPerCaller));
    expect(largeBody!.Statement.RateBasedStatement.ScopeDownStatement.SizeConstraintStatement.Size).toBe(
      Number(PROD_LIMITS.wafLargeBodyBytes),
    );
  });

  it.each([
    ['wafRateLimitPerCaller', '9'],
    ['wafLargeBodyBytes', String(WAF_APPSYNC_BODY_INSPECTION_BYTES + 1)],
    ['wafRateLimitPerIp', 'many'],
  ])('refuses %s=%s', (key, value) => {
    expect(() => synthMemoApp({ bundle: false, context: { [key]: value } })).toThrow(
      new RegExp(`context ${key}=${value}: use a whole number`),
    );
  });
});

describe("AppSync's own limits", () => {
  it("default to the local runtime's query depth and resolver count limits, so what passes locally passes on AWS", () => {
    expect(OPERATIONS_DEFAULTS.queryDepthLimit.default).toBe(SHARED_DEFAULTS.queryDepthLimit);
    expect(OPERATIONS_DEFAULTS.resolverCountLimit.default).toBe(SHARED_DEFAULTS.resolverCountLimit);
    expect(only(template, 'AWS::AppSync::GraphQLApi').properties).toMatchObject({
      QueryDepthLimit: SHARED_DEFAULTS.queryDepthLimit,
      ResolverCountLimit: SHARED_DEFAULTS.resolverCountLimit,
    });
  });

  it('take the context values', () => {
    expect(only(prod.template, 'AWS::AppSync::GraphQLApi').properties).toMatchObject({
      QueryDepthLimit: Number(PROD_LIMITS.queryDepthLimit),
      ResolverCountLimit: Number(PROD_LIMITS.resolverCountLimit),
    });
  });

  it('answer introspection on the dev stage only', () => {
    expect(only(template, 'AWS::AppSync::GraphQLApi').properties.IntrospectionConfig).toBe('ENABLED');
    expect(only(prod.template, 'AWS::AppSync::GraphQLApi').properties.IntrospectionConfig).toBe('DISABLED');
  });

  it('refuses a query depth AppSync would refuse', () => {
    expect(() => synthMemoApp({ bundle: false, context: { queryDepthLimit: '76' } })).toThrow(/context queryDepthLimit=76/);
  });
});

describe('memoTable deletion protection', () => {
  it('is on for a stage whose data is retained', () => {
    expect(only(template, 'AWS::DynamoDB::Table').properties.DeletionProtectionEnabled).toBe(true);
    expect(only(prod.template, 'AWS::DynamoDB::Table').properties.DeletionProtectionEnabled).toBe(true);
  });

  it(
    'is off on a throwaway stage (destroyOnRemoval=true), whose table cdk destroy must be able to delete',
    () => {
      const throwaway = synthMemoApp({ bundle: false, context: { stage: 'ci', destroyOnRemoval: 'true' } });
      try {
        expect(only(throwaway.template, 'AWS::DynamoDB::Table').properties.DeletionProtectionEnabled).toBe(false);
      } finally {
        throwaway.dispose();
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});
