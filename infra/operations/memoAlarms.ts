import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRIC_PERIOD, apiMetric, functionMetric, sumOf, tableAndIndexMetrics, type WatchedResources } from './memoMetrics.js';
import type { OperationsSettings } from './operationsSettings.js';

/** One alarm as data: docs/operations.md has a section per `id` saying what to check and do. */
export interface MemoAlarmSpec {
  readonly id: string;
  readonly metric: cloudwatch.IMetric;
  readonly threshold: number;
  /** Periods looked at, and how many of them must breach. */
  readonly evaluationPeriods: number;
  readonly summary: string;
}

/** The DynamoDB operations the function calls (infra/tableAccess.ts): SystemErrors is published per operation. */
export const TABLE_OPERATIONS = ['GetItem', 'PutItem', 'UpdateItem', 'Query'] as const;

/** Every alarm of the stack, each with its threshold from `settings`. */
export function memoAlarmSpecs(watched: WatchedResources, settings: OperationsSettings): MemoAlarmSpec[] {
  const systemErrors = TABLE_OPERATIONS.map(
    (operation) =>
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName: 'SystemErrors',
        dimensionsMap: { TableName: watched.table.tableName, Operation: operation },
        statistic: cloudwatch.Stats.SUM,
        period: METRIC_PERIOD,
        label: operation,
      }),
  );
  return [
    {
      id: 'ApiServerErrors',
      metric: apiMetric(watched, '5XXError', cloudwatch.Stats.SUM),
      threshold: settings.alarmApi5xxErrors,
      evaluationPeriods: 1,
      summary: 'AppSync answered HTTP 5xx',
    },
    {
      id: 'ApiLatencyP99',
      metric: apiMetric(watched, 'Latency', cloudwatch.Stats.p(99)),
      threshold: settings.alarmApiLatencyP99Ms,
      evaluationPeriods: 3,
      summary: 'AppSync p99 latency (ms) stayed high for 15 minutes',
    },
    {
      id: 'FunctionErrors',
      metric: functionMetric(watched, 'Errors', cloudwatch.Stats.SUM),
      threshold: settings.alarmFunctionErrors,
      evaluationPeriods: 1,
      summary: 'the memo function failed unhandled (crash, timeout, out of memory)',
    },
    {
      id: 'FunctionThrottles',
      metric: functionMetric(watched, 'Throttles', cloudwatch.Stats.SUM),
      threshold: settings.alarmFunctionThrottles,
      evaluationPeriods: 1,
      summary: 'Lambda refused to run the memo function (concurrency limit)',
    },
    {
      id: 'TableThrottles',
      metric: sumOf(
        [...tableAndIndexMetrics(watched, 'ReadThrottleEvents'), ...tableAndIndexMetrics(watched, 'WriteThrottleEvents')],
        'DynamoDB throttle events, table and indexes',
      ),
      threshold: settings.alarmTableThrottles,
      evaluationPeriods: 1,
      summary: 'DynamoDB throttled reads or writes of memoTable or its indexes',
    },
    {
      id: 'TableSystemErrors',
      metric: sumOf(systemErrors, 'DynamoDB SystemErrors'),
      threshold: settings.alarmTableSystemErrors,
      evaluationPeriods: 1,
      summary: 'DynamoDB answered HTTP 500 to memoTable requests',
    },
  ];
}

/**
 * Creates the alarms, each notifying `topic` when it fires and when it recovers. Missing data is
 * not breaching: every metric here publishes only when there is traffic (or, for throttles and
 * system errors, only when they happen), so no data means nothing is wrong.
 */
export function addMemoAlarms(scope: Construct, stage: string, specs: readonly MemoAlarmSpec[], topic: sns.ITopic): cloudwatch.Alarm[] {
  const action = new actions.SnsAction(topic);
  return specs.map((spec) => {
    const alarm = new cloudwatch.Alarm(scope, `${spec.id}Alarm`, {
      alarmName: `memo-api-${stage}-${spec.id}`,
      alarmDescription: `${spec.summary} (threshold ${spec.threshold}). What to check and do: docs/operations.md, "${spec.id}".`,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: spec.evaluationPeriods,
      datapointsToAlarm: spec.evaluationPeriods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  });
}
