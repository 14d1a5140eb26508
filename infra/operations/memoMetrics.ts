import { Duration } from 'aws-cdk-lib';
import type * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';

/** One period for every alarm and graph: AppSync, Lambda and DynamoDB all publish per minute, 5 smooths low traffic. */
export const METRIC_PERIOD = Duration.minutes(5);

/** The custom metrics the handlers emit: defined beside them, read here by the dashboard. */
export { CUSTOM_METRICS } from '../../resolvers/lib/memoMetricNames.js';

/** A CloudWatch alarm may evaluate a math expression over at most 10 metrics. */
export const MAX_METRICS_PER_ALARM_EXPRESSION = 10;

/**
 * What the operations constructs watch: the API, the table with its indexes, and the one function
 * every memo field runs on (per-field figures come from the handlers' custom metrics, CUSTOM_METRICS).
 */
export interface WatchedResources {
  readonly api: appsync.GraphqlApi;
  readonly table: dynamodb.Table;
  readonly indexNames: readonly string[];
  readonly fn: lambda.IFunction;
}

/** An AppSync metric of this API (namespace AWS/AppSync, dimension GraphQLAPIId). */
export function apiMetric(watched: WatchedResources, metricName: string, statistic: string, label?: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/AppSync',
    metricName,
    dimensionsMap: { GraphQLAPIId: watched.api.apiId },
    statistic,
    period: METRIC_PERIOD,
    label,
  });
}

/** A DynamoDB metric of the table (no index) and of each index, labelled by where it was measured. */
export function tableAndIndexMetrics(watched: WatchedResources, metricName: string): cloudwatch.Metric[] {
  const on = (label: string, index?: string) =>
    new cloudwatch.Metric({
      namespace: 'AWS/DynamoDB',
      metricName,
      dimensionsMap: { TableName: watched.table.tableName, ...(index ? { GlobalSecondaryIndexName: index } : {}) },
      statistic: cloudwatch.Stats.SUM,
      period: METRIC_PERIOD,
      label,
    });
  return [on(`${metricName} table`), ...watched.indexNames.map((index) => on(`${metricName} ${index}`, index))];
}

/** A Lambda metric of the memo function (namespace AWS/Lambda, dimension FunctionName): every field together. */
export function functionMetric(watched: WatchedResources, metricName: string, statistic: string, label?: string): cloudwatch.Metric {
  return watched.fn.metric(metricName, { statistic, period: METRIC_PERIOD, label });
}

/**
 * The sum of `metrics` as one series, a missing point counting 0 (an index or operation nobody
 * used in a period publishes nothing for it). A sum, not one alarm per metric: one page per
 * symptom, and the dashboard shows which index or operation it was.
 *
 * @throws when there are more metrics than one alarm may evaluate
 */
export function sumOf(metrics: readonly cloudwatch.IMetric[], label: string): cloudwatch.MathExpression {
  if (metrics.length > MAX_METRICS_PER_ALARM_EXPRESSION) {
    throw new Error(`${label}: ${metrics.length} metrics, but an alarm evaluates at most ${MAX_METRICS_PER_ALARM_EXPRESSION}`);
  }
  const usingMetrics = Object.fromEntries(metrics.map((metric, index) => [`m${index}`, metric]));
  return new cloudwatch.MathExpression({
    expression: Object.keys(usingMetrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics,
    period: METRIC_PERIOD,
    label,
  });
}
