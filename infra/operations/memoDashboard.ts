import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { CUSTOM_METRICS, METRIC_PERIOD, apiMetric, functionMetrics, tableAndIndexMetrics, type WatchedResources } from './memoMetrics.js';

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

/**
 * One CloudWatch dashboard, `memo-api-<stage>`, top to bottom: alarm states; traffic (requests,
 * latency, HTTP errors); errors by type and throttles; DynamoDB units, Lambda duration and cold
 * starts; what WAF blocked and counted. docs/operations.md describes each widget.
 */
export class MemoDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: MemoDashboardProps) {
    super(scope, id);
    const { watched } = props;
    const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}) =>
      new cloudwatch.GraphWidget({ title, left, width: 8, height: 6, period: METRIC_PERIOD, ...options });
    const custom = (metric: { metricName: string }, label: string) =>
      search(`Namespace="${CUSTOM_METRICS.namespace}" MetricName="${metric.metricName}"`, 'Sum', label);

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
    this.dashboard.addWidgets(
      graph('Errors by type and field (MemoApi/Errors, from the handlers)', [custom(CUSTOM_METRICS.errors, 'errors')], {
        stacked: true,
      }),
      graph('Lambda errors by field', functionMetrics(watched, 'Errors', cloudwatch.Stats.SUM), { stacked: true }),
      graph('Throttles', [
        ...functionMetrics(watched, 'Throttles', cloudwatch.Stats.SUM),
        ...tableAndIndexMetrics(watched, 'ReadThrottleEvents'),
        ...tableAndIndexMetrics(watched, 'WriteThrottleEvents'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('DynamoDB consumed units', [
        ...tableAndIndexMetrics(watched, 'ConsumedReadCapacityUnits'),
        ...tableAndIndexMetrics(watched, 'ConsumedWriteCapacityUnits'),
      ]),
      graph('Lambda duration p99 (ms)', functionMetrics(watched, 'Duration', cloudwatch.Stats.p(99))),
      graph('Cold starts by field (MemoApi/ColdStart, from the handlers)', [custom(CUSTOM_METRICS.coldStart, 'cold starts')], {
        stacked: true,
      }),
    );
    this.dashboard.addWidgets(
      graph('WAF blocked requests by rule', [
        search(`Namespace="AWS/WAFV2" MetricName="BlockedRequests" WebACL="${props.webAclName}"`, 'Sum', 'blocked'),
      ]),
      graph('WAF counted requests by rule', [
        search(`Namespace="AWS/WAFV2" MetricName="CountedRequests" WebACL="${props.webAclName}"`, 'Sum', 'counted'),
      ]),
      graph('Lambda duration p50 (ms)', functionMetrics(watched, 'Duration', cloudwatch.Stats.p(50))),
    );
  }
}
