import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { CUSTOM_METRICS } from './memoMetricNames.js';

/** What one invocation of a field's handler came to: the facts its log line and its metrics share. */
export interface InvocationOutcome {
  /** `Type.field`, e.g. `Query.memo`: the metrics' `field` dimension. */
  readonly field: string;
  readonly durationMs: number;
  /** The first invocation of this Lambda execution environment. */
  readonly coldStart: boolean;
  /** Set when the invocation ended in an error: its `errorType` (InternalError for anything unforeseen). */
  readonly errorType?: string;
  /** Lambda's request id, kept in each document as metadata (not a dimension): finds the log line of a data point. */
  readonly requestId?: string;
}

/**
 * Writes one invocation's metrics to stdout as CloudWatch embedded metric format (EMF), flushed
 * before the handler returns: one document with dimensions [field] (Requests, Duration and, on a
 * cold start, ColdStart), and on an error a second with [errorType, field] (Errors). Two
 * documents, because every metric of an EMF document is published under every dimension set of it.
 *
 * Fresh Metrics instances per call: Powertools keeps added metrics and dimensions on the
 * instance until it flushes, so a shared one would mix the metrics of invocations that overlap,
 * as they do in the local runtime's single process.
 *
 * Published on Lambda (AWS_LAMBDA_FUNCTION_NAME is set), where CloudWatch reads stdout, and
 * elsewhere only when POWERTOOLS_METRICS_DISABLED=false asks for them: the local runtime and the
 * tests stay quiet by default. POWERTOOLS_METRICS_DISABLED, when set, decides everywhere
 * (Powertools reads it as each instance is built).
 */
export function publishInvocationMetrics({ field, durationMs, coldStart, errorType, requestId }: InvocationOutcome): void {
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME && !process.env.POWERTOOLS_METRICS_DISABLED?.trim()) return;
  const perField = metricsWith({ field }, requestId);
  perField.addMetric(CUSTOM_METRICS.requests.metricName, MetricUnit.Count, 1);
  perField.addMetric(CUSTOM_METRICS.duration.metricName, MetricUnit.Milliseconds, durationMs);
  if (coldStart) perField.addMetric(CUSTOM_METRICS.coldStart.metricName, MetricUnit.Count, 1);
  perField.publishStoredMetrics();
  if (errorType === undefined) return;
  const perError = metricsWith({ errorType, field }, requestId);
  perError.addMetric(CUSTOM_METRICS.errors.metricName, MetricUnit.Count, 1);
  perError.publishStoredMetrics();
}

/** A Metrics instance of our namespace whose only dimensions are `dimensions` (Powertools adds `service` unless told not to). */
function metricsWith(dimensions: Record<string, string>, requestId: string | undefined): Metrics {
  const metrics = new Metrics({ namespace: CUSTOM_METRICS.namespace });
  metrics.clearDefaultDimensions();
  for (const [name, value] of Object.entries(dimensions)) metrics.addDimension(name, value);
  if (requestId !== undefined) metrics.addMetadata('requestId', requestId);
  return metrics;
}
