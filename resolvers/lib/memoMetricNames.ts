/**
 * The custom metrics the handlers emit (Powertools Metrics, CloudWatch embedded metric format):
 * namespace, names and the exact dimension set of each. The handlers write them
 * (resolvers/lib/invocationMetrics.ts); infra/operations reads the same object for the dashboard,
 * so a rename cannot leave a graph empty. Every dimension set is the whole set: no `service`.
 */
export const CUSTOM_METRICS = {
  namespace: 'MemoApi',
  /** One per invocation that ended in a typed error (client-caused or InternalError). */
  errors: { metricName: 'Errors', dimensions: ['errorType', 'field'] },
  /** One per invocation that was the first of its Lambda execution environment. */
  coldStart: { metricName: 'ColdStart', dimensions: ['field'] },
  /** One per invocation, whatever its outcome. */
  requests: { metricName: 'Requests', dimensions: ['field'] },
  /** Milliseconds inside the handler (caller check, resolver, store calls), per invocation. */
  duration: { metricName: 'Duration', dimensions: ['field'] },
} as const;
