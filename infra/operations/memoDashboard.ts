import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { CUSTOM_METRICS, METRIC_PERIOD, apiMetric, functionMetric, tableAndIndexMetrics, type WatchedResources } from './memoMetrics.js';

export interface MemoDashboardProps {
  readonly stage: string;
  readonly watched: WatchedResources;
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** The web ACL's name: WAF publishes its metrics under it. */
  readonly webAclName: string;
}

/** Every series a metric search finds (one per dimension combination), as a dashboard-only expression. */
function search(query: string, statistic: string, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: `SEARCH('${query}', '${statistic}', ${METRIC_PERIOD.toSeconds()})`,
    usingMetrics: {},
    period: METRIC_PERIOD,
    label,
  });
}

/** A metric of CUSTOM_METRICS: its name and the exact dimension set the handlers write it with. */
type CustomMetric = (typeof CUSTOM_METRICS)[Exclude<keyof typeof CUSTOM_METRICS, 'namespace'>];

/**
 * Every series of a handler metric, one per value of its dimensions (`field`, and `errorType` for
 * errors): the `{namespace,dims}` schema matches that dimension set only.
 */
function byDimensions(metric: CustomMetric, statistic: string, label: string): cloudwatch.MathExpression {
  const schema = [CUSTOM_METRICS.namespace, ...metric.dimensions].join(',');
  return search(`{${schema}} MetricName="${metric.metricName}"`, statistic, label);
}

/**
 * One CloudWatch dashboard, `memo-api-<stage>`, top to bottom: alarm states; traffic (requests,
 * latency, HTTP errors); per field, from the handlers' metrics (requests, duration p99 and p50);
 * errors by type and field, the function's errors and concurrency, throttles; DynamoDB units, the
 * function's duration, cold starts by field; what WAF blocked and counted. docs/operations.md
 * describes each widget.
 */
export class MemoDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MemoDashboardProps) {
    super(scope, id);
    const { watched } = props;
    const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, period: METRIC_PERIOD, ...options });
    const fromHandlers = (metric: CustomMetric) => `${CUSTOM_METRICS.namespace}/${metric.metricName}, from the handlers`;

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `memo-api-${props.stage}` });
    this.dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 3 }));
    this.dashboard.addWidgets(
      graph('Requests', [apiMetric(watched, 'Requests', cloudwatch.Stats.SUM, 'requests')]),
      graph('Latency (ms)', [
        apiMetric(watched, 'Latency', cloudwatch.Stats.p(50), 'p50'),
        apiMetric(watched, 'Latency', cloudwatch.Stats.p(99), 'p99'),
      ]),
      graph('HTTP errors', [
        apiMetric(watched, '4XXError', cloudwatch.Stats.SUM, '4XX'),
        apiMetric(watched, '5XXError', cloudwatch.Stats.SUM, '5XX'),
      ]),
    );
    // One function serves every field: what differs by field comes from the handlers' `field` dimension.
    this.dashboard.addWidgets(
      graph(`Requests by field (${fromHandlers(CUSTOM_METRICS.requests)})`, [byDimensions(CUSTOM_METRICS.requests, 'Sum', 'requests')], {
        stacked: true,
      }),
      graph(`Duration p99 by field (ms, ${fromHandlers(CUSTOM_METRICS.duration)})`, [byDimensions(CUSTOM_METRICS.duration, 'p99', 'p99')]),
      graph(`Duration p50 by field (ms, ${fromHandlers(CUSTOM_METRICS.duration)})`, [byDimensions(CUSTOM_METRICS.duration, 'p50', 'p50')]),
    );
    this.dashboard.addWidgets(
      graph(`Errors by type and field (${fromHandlers(CUSTOM_METRICS.errors)})`, [byDimensions(CUSTOM_METRICS.errors, 'Sum', 'errors')], {
        stacked: true,
      }),
      graph(
        'Lambda errors and concurrency (the memo function)',
        [functionMetric(watched, 'Errors', cloudwatch.Stats.SUM, 'unhandled errors')],
        {
          right: [functionMetric(watched, 'ConcurrentExecutions', cloudwatch.Stats.MAXIMUM, 'concurrent executions (max)')],
        },
      ),
      graph('Throttles', [
        functionMetric(watched, 'Throttles', cloudwatch.Stats.SUM, 'Lambda Throttles'),
        ...tableAndIndexMetrics(watched, 'ReadThrottleEvents'),
        ...tableAndIndexMetrics(watched, 'WriteThrottleEvents'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB consumed units', [
        ...tableAndIndexMetrics(watched, 'ConsumedReadCapacityUnits'),
        ...tableAndIndexMetrics(watched, 'ConsumedWriteCapacityUnits'),
      ]),
      graph('Lambda duration (ms, the memo function, every field)', [
        functionMetric(watched, 'Duration', cloudwatch.Stats.p(50), 'p50'),
        functionMetric(watched, 'Duration', cloudwatch.Stats.p(99), 'p99'),
      ]),
      graph(
        `Cold starts by field (${fromHandlers(CUSTOM_METRICS.coldStart)})`,
        [byDimensions(CUSTOM_METRICS.coldStart, 'Sum', 'cold starts')],
        {
          stacked: true,
        },
      ),
    );
    this.dashboard.addWidgets(
      graph('WAF blocked requests by rule', [
        search(`Namespace="AWS/WAFV2" MetricName="BlockedRequests" WebACL="${props.webAclName}"`, 'Sum', 'blocked'),
      ]),
      graph('WAF counted requests by rule', [
        search(`Namespace="AWS/WAFV2" MetricName="CountedRequests" WebACL="${props.webAclName}"`, 'Sum', 'counted'),
      ]),
    );
  }
}
