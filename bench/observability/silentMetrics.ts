/**
 * Stand-in for resolvers/lib/invocationMetrics.ts in the bench's "no observability" variant: the
 * same export, publishing nothing, so the bundle carries no Powertools Metrics.
 */
export function publishInvocationMetrics(_outcome: unknown): void {}
