import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_FIELDS } from '../../resolvers/fields.js';
import { FEED_INDEX, OWNER_INDEX } from '../../resolvers/store/memoTableSchema.js';
import { synthMemoApp, type SynthesizedMemoApp } from '../../infra/assembly/synthMemoApp.js';
import { findFieldWiring, type CfnResource } from '../../infra/assembly/templateLookup.js';
import { OPERATIONS_DEFAULTS } from '../../infra/operations/operationsSettings.js';
import { TABLE_ACCESS_BY_FIELD } from '../../infra/tableAccess.js';
import { CUSTOM_METRICS } from '../../resolvers/lib/memoMetricNames.js';

/** Each synth takes seconds alone, far longer while other suites load the machine. */
const SYNTH_TIMEOUT_MS = 240_000;

let synthesized: SynthesizedMemoApp;
let template: Template;
/** Stage prod with an alarm email and two thresholds changed from their defaults. */
let customized: SynthesizedMemoApp;
const CUSTOM = { stage: 'prod', alarmEmail: 'ops@example.com', alarmApiLatencyP99Ms: '1500', alarmTableThrottles: '25' };

beforeAll(() => {
  synthesized = synthMemoApp({ bundle: false });
  template = synthesized.template;
  customized = synthMemoApp({ bundle: false, context: CUSTOM });
}, SYNTH_TIMEOUT_MS);
afterAll(() => {
  synthesized?.dispose();
  customized?.dispose();
});

type MetricStat = {
  Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
  Stat: string;
  Period: number;
};
type AlarmQuery = { Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean };

function resourcesOfType(from: Template, type: string): Record<string, CfnResource> {
  return from.findResources(type) as Record<string, CfnResource>;
}

function onlyId(from: Template, type: string): string {
  const ids = Object.keys(resourcesOfType(from, type));
  expect(ids).toHaveLength(1);
  return ids[0]!;
}

function alarm(from: Template, id: string): CfnResource['Properties'] {
  const found = Object.values(resourcesOfType(from, 'AWS::CloudWatch::Alarm')).filter((a) => a.Properties.AlarmName.endsWith(`-${id}`));
  expect(found).toHaveLength(1);
  return found[0]!.Properties;
}

/** The metrics an expression alarm sums, as `Namespace/MetricName` with their dimensions, and its expression. */
function summed(properties: { Metrics: AlarmQuery[] }): {
  expression: string;
  metrics: { name: string; stat: string; dimensions: Record<string, unknown> }[];
} {
  const returned = properties.Metrics.filter((query) => query.ReturnData !== false);
  expect(returned).toHaveLength(1);
  const inputs = properties.Metrics.filter((query) => query.MetricStat);
  for (const input of inputs) expect(input.MetricStat!.Period).toBe(300);
  return {
    expression: returned[0]!.Expression!,
    metrics: inputs.map(({ MetricStat: stat }) => ({
      name: `${stat!.Metric.Namespace}/${stat!.Metric.MetricName}`,
      stat: stat!.Stat,
      dimensions: Object.fromEntries(stat!.Metric.Dimensions.map((d) => [d.Name, d.Value])),
    })),
  };
}

const apiId = () => ({ 'Fn::GetAtt': [onlyId(template, 'AWS::AppSync::GraphQLApi'), 'ApiId'] });
const tableRef = () => ({ Ref: onlyId(template, 'AWS::DynamoDB::Table') });

describe('the alarm topic', () => {
  it('is encrypted with its own rotating key that lets CloudWatch publish, and nothing else', () => {
    const keyId = onlyId(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const key = resourcesOfType(template, 'AWS::KMS::Key')[keyId]!.Properties;
    expect(key.EnableKeyRotation).toBe(true);
    const services = key.KeyPolicy.Statement.filter((s: { Principal: { Service?: unknown } }) => s.Principal.Service);
    expect(services).toEqual([
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      }),
    ]);
  });

  it('has no subscription unless alarmEmail names one, and then an email subscription to it', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 0);
    customized.template.resourceCountIs('AWS::SNS::Subscription', 1);
    customized.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: CUSTOM.alarmEmail,
      TopicArn: { Ref: onlyId(customized.template, 'AWS::SNS::Topic') },
    });
  });

  it('refuses an alarmEmail that is no email address', () => {
    expect(() => synthMemoApp({ bundle: false, context: { alarmEmail: 'ops-at-example' } })).toThrow(/context alarmEmail=ops-at-example/);
  });
});

describe('alarms', () => {
  it('are exactly the six documented ones, each named after its stage, notifying the topic on alarm and on recovery', () => {
    const topic = { Ref: onlyId(template, 'AWS::SNS::Topic') };
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).map((a) => a.Properties);
    expect(alarms.map((a) => a.AlarmName).sort()).toEqual(
      ['ApiServerErrors', 'ApiLatencyP99', 'FunctionErrors', 'FunctionThrottles', 'TableThrottles', 'TableSystemErrors']
        .map((id) => `memo-api-dev-${id}`)
        .sort(),
    );
    for (const properties of alarms) {
      expect(properties).toMatchObject({
        AlarmActions: [topic],
        OKActions: [topic],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
      expect(properties.AlarmDescription).toMatch(/docs\/operations\.md/);
    }
  });

  it('ApiServerErrors: AppSync 5XXError of this API, Sum over 5 minutes, one period', () => {
    expect(alarm(template, 'ApiServerErrors')).toMatchObject({
      Namespace: 'AWS/AppSync',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'GraphQLAPIId', Value: apiId() }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: OPERATIONS_DEFAULTS.alarmApi5xxErrors.default,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
  });

  it('ApiLatencyP99: AppSync Latency p99 of this API, three 5-minute periods out of three', () => {
    expect(alarm(template, 'ApiLatencyP99')).toMatchObject({
      Namespace: 'AWS/AppSync',
      MetricName: 'Latency',
      Dimensions: [{ Name: 'GraphQLAPIId', Value: apiId() }],
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: OPERATIONS_DEFAULTS.alarmApiLatencyP99Ms.default,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
    });
  });

  it.each([
    ['FunctionErrors', 'Errors', OPERATIONS_DEFAULTS.alarmFunctionErrors.default],
    ['FunctionThrottles', 'Throttles', OPERATIONS_DEFAULTS.alarmFunctionThrottles.default],
  ])('%s: Lambda %s of the one memo function (every field), Sum over 5 minutes, one period', (id, metricName, threshold) => {
    expect(alarm(template, id)).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: metricName,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: findFieldWiring(template, MEMO_FIELDS[0]!.fieldName).functionId } }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: threshold,
      EvaluationPeriods: 1,
      DatapointsToAlarm: 1,
    });
  });

  it('TableThrottles: read and write throttle events of the table and of each index, summed', () => {
    const properties = alarm(template, 'TableThrottles');
    expect(properties).toMatchObject({ Threshold: OPERATIONS_DEFAULTS.alarmTableThrottles.default, EvaluationPeriods: 1 });
    const { expression, metrics } = summed(properties);
    const places = [{}, { GlobalSecondaryIndexName: OWNER_INDEX.name }, { GlobalSecondaryIndexName: FEED_INDEX.name }];
    expect(metrics).toEqual(
      ['ReadThrottleEvents', 'WriteThrottleEvents'].flatMap((metricName) =>
        places.map((place) => ({ name: `AWS/DynamoDB/${metricName}`, stat: 'Sum', dimensions: { TableName: tableRef(), ...place } })),
      ),
    );
    expect(expression.split(' + ')).toHaveLength(metrics.length);
  });

  it('TableSystemErrors: SystemErrors of the table for every DynamoDB operation a function is granted, summed', () => {
    const properties = alarm(template, 'TableSystemErrors');
    expect(properties).toMatchObject({ Threshold: OPERATIONS_DEFAULTS.alarmTableSystemErrors.default, EvaluationPeriods: 1 });
    const granted = new Set(
      Object.values(TABLE_ACCESS_BY_FIELD).flatMap((grants) =>
        grants.flatMap((grant) => grant.actions.map((action) => action.replace('dynamodb:', ''))),
      ),
    );
    const { metrics } = summed(properties);
    expect(metrics.map((m) => m.dimensions.Operation).sort()).toEqual([...granted].sort());
    for (const metric of metrics)
      expect(metric).toMatchObject({ name: 'AWS/DynamoDB/SystemErrors', stat: 'Sum', dimensions: { TableName: tableRef() } });
  });

  it('take thresholds from the context, named as in OPERATIONS_DEFAULTS, and the stage into their names', () => {
    expect(alarm(customized.template, 'ApiLatencyP99').Threshold).toBe(Number(CUSTOM.alarmApiLatencyP99Ms));
    expect(alarm(customized.template, 'TableThrottles').Threshold).toBe(Number(CUSTOM.alarmTableThrottles));
    expect(alarm(customized.template, 'ApiServerErrors').AlarmName).toBe('memo-api-prod-ApiServerErrors');
  });

  it.each([['abc'], ['0'], ['12.5'], ['100000000']])('refuses alarmApiLatencyP99Ms=%s', (value) => {
    expect(() => synthMemoApp({ bundle: false, context: { alarmApiLatencyP99Ms: value } })).toThrow(
      /context alarmApiLatencyP99Ms=.*whole number/,
    );
  });
});

/** The dashboard body with every CloudFormation reference written as `{Ref:id}` / `{GetAtt:id.attr}`. */
function dashboardBody(from: Template): { widgets: { type: string; properties: Record<string, unknown> }[] } {
  const dashboards = Object.values(resourcesOfType(from, 'AWS::CloudWatch::Dashboard'));
  expect(dashboards).toHaveLength(1);
  const [, parts] = dashboards[0]!.Properties.DashboardBody['Fn::Join'] as [string, unknown[]];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      const reference = part as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
      return reference.Ref ? `{Ref:${reference.Ref}}` : `{GetAtt:${reference['Fn::GetAtt']!.join('.')}}`;
    })
    .join('');
  return JSON.parse(text) as ReturnType<typeof dashboardBody>;
}

/** The series of the one graph whose title matches, as JSON text. */
function series(from: Template, title: RegExp): string {
  const graphs = dashboardBody(from).widgets.filter((widget) => widget.type === 'metric');
  const matching = graphs.filter((candidate) => title.test(String(candidate.properties.title)));
  expect(matching, String(title)).toHaveLength(1);
  return JSON.stringify(matching[0]!.properties.metrics);
}

describe('the dashboard', () => {
  it('is named after the stage and opens with the state of every alarm', () => {
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'memo-api-dev' });
    const [alarms] = dashboardBody(template).widgets;
    const alarmIds = Object.keys(resourcesOfType(template, 'AWS::CloudWatch::Alarm'));
    expect(alarms).toMatchObject({ type: 'alarm', properties: { alarms: alarmIds.map((id) => `{GetAtt:${id}.Arn}`) } });
  });

  it('graphs requests, p50/p99 latency, 4XX/5XX, throttles and DynamoDB units of the API and the table', () => {
    const throttles = series(template, /^Throttles/);
    expect(series(template, /^Requests$/)).toContain('"AWS/AppSync","Requests"');
    expect(series(template, /^Latency/)).toMatch(/"Latency".*"stat":"p50".*"Latency".*"stat":"p99"/);
    expect(series(template, /^HTTP errors/)).toMatch(/"4XXError".*"5XXError"/);
    for (const metric of ['"ReadThrottleEvents"', '"WriteThrottleEvents"']) expect(throttles).toContain(metric);
    const units = series(template, /^DynamoDB consumed units/);
    for (const index of [OWNER_INDEX.name, FEED_INDEX.name]) expect(units).toContain(`"GlobalSecondaryIndexName","${index}"`);
    expect(units).toMatch(/ConsumedReadCapacityUnits.*ConsumedWriteCapacityUnits/);
  });

  it("graphs the one function's own Lambda Duration, Errors, Throttles and ConcurrentExecutions, and no other function's", () => {
    const fn = `"FunctionName","{Ref:${findFieldWiring(template, MEMO_FIELDS[0]!.fieldName).functionId}}"`;
    const lambdaSeries = (title: RegExp) => JSON.parse(series(template, title)) as unknown[][];
    const ofFunction = (metrics: unknown[][]) =>
      metrics.filter((metric) => metric[0] === 'AWS/Lambda').map((metric) => [metric[1], JSON.stringify(metric).includes(fn)]);
    expect(ofFunction(lambdaSeries(/^Lambda duration/))).toEqual([
      ['Duration', true],
      ['Duration', true],
    ]);
    expect(series(template, /^Lambda duration/)).toMatch(/"stat":"p50".*"stat":"p99"/);
    expect(ofFunction(lambdaSeries(/^Lambda errors and concurrency/))).toEqual([
      ['Errors', true],
      ['ConcurrentExecutions', true],
    ]);
    expect(ofFunction(lambdaSeries(/^Throttles/))).toEqual([['Throttles', true]]);
    // Lambda's own metrics are the function's only: per-field figures come from the handlers.
    const everyLambdaSeries = dashboardBody(template)
      .widgets.flatMap((widget) => (widget.properties.metrics ?? []) as unknown[][])
      .filter((metric) => metric[0] === 'AWS/Lambda');
    expect(everyLambdaSeries.length).toBeGreaterThan(0);
    for (const metric of everyLambdaSeries) expect(JSON.stringify(metric)).toContain(fn);
  });

  it.each([
    ['requests by field', /^Requests by field/, CUSTOM_METRICS.requests, 'Sum'],
    ['duration p99 by field', /^Duration p99 by field/, CUSTOM_METRICS.duration, 'p99'],
    ['duration p50 by field', /^Duration p50 by field/, CUSTOM_METRICS.duration, 'p50'],
    ['errors by type and field', /^Errors by type and field/, CUSTOM_METRICS.errors, 'Sum'],
    ['cold starts by field', /^Cold starts by field/, CUSTOM_METRICS.coldStart, 'Sum'],
  ])('graphs %s from the metric the handlers write, searched by its exact dimension set', (_name, title, metric, statistic) => {
    const widget = dashboardBody(template).widgets.find((candidate) => title.test(String(candidate.properties.title)))!;
    expect(widget.properties.title).toContain(`${CUSTOM_METRICS.namespace}/${metric.metricName}, from the handlers`);
    const schema = [CUSTOM_METRICS.namespace, ...metric.dimensions].join(',');
    expect(widget.properties.metrics).toEqual([
      [expect.objectContaining({ expression: `SEARCH('{${schema}} MetricName="${metric.metricName}"', '${statistic}', 300)` })],
    ]);
  });

  it('has a per-field graph for every custom metric, with `field` among its dimensions', () => {
    const expressions = JSON.stringify(dashboardBody(template).widgets.map((widget) => widget.properties.metrics));
    for (const metric of [CUSTOM_METRICS.requests, CUSTOM_METRICS.duration, CUSTOM_METRICS.errors, CUSTOM_METRICS.coldStart]) {
      expect(metric.dimensions).toContain('field');
      expect(expressions).toContain(`MetricName=\\"${metric.metricName}\\"`);
    }
  });

  it("graphs what the stage's web ACL blocked and counted", () => {
    const widgets = dashboardBody(customized.template).widgets.map((widget) => JSON.stringify(widget.properties));
    expect(widgets.some((text) => text.includes('BlockedRequests') && text.includes('WebACL=\\"memo-api-prod\\"'))).toBe(true);
    expect(widgets.some((text) => text.includes('CountedRequests') && text.includes('WebACL=\\"memo-api-prod\\"'))).toBe(true);
  });
});
