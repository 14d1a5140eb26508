/**
 * The rule for Powertools Tracer, fixed before it was measured (issue 21, item 1: "Tracer only if
 * the bench shows its cost to the first response is small"): what Tracer adds to the deployed
 * function's first response, median wall time of a fresh process, (c) against (a).
 */
export const TRACER_RULE = { maxAddedMs: 15, maxAddedShare: 0.05 } as const;

export const TRACER_RULE_TEXT =
  `Rule (set before measuring): Tracer goes in if it adds at most ${TRACER_RULE.maxAddedMs} ms and at most ` +
  `${TRACER_RULE.maxAddedShare * 100} % to the first response (median, (c) against (a) as deployed); otherwise it stays out ` +
  "(AppSync's X-Ray tracing and the function's active tracing already trace each request into its invocation).";

export interface TracerDecision {
  /** (c) − (a), ms (negative: within noise, Tracer measured faster). */
  addedMs: number;
  /** (c) ÷ (a) − 1. */
  addedShare: number;
  tracerIn: boolean;
  reason: string;
}

/** Applies TRACER_RULE to the median first responses of the deployed variant and the traced one, ms. */
export function tracerDecision(deployedMedianMs: number, tracerMedianMs: number): TracerDecision {
  if (!(deployedMedianMs > 0) || !(tracerMedianMs > 0))
    throw new Error(`no first-response medians: ${deployedMedianMs}, ${tracerMedianMs}`);
  const addedMs = Math.round((tracerMedianMs - deployedMedianMs) * 10) / 10;
  const addedShare = Math.round((tracerMedianMs / deployedMedianMs - 1) * 1000) / 1000;
  const withinMs = addedMs <= TRACER_RULE.maxAddedMs;
  const withinShare = addedShare <= TRACER_RULE.maxAddedShare;
  const tracerIn = withinMs && withinShare;
  const added = `adds ${addedMs} ms (${(addedShare * 100).toFixed(1)} %)`;
  const reason = tracerIn
    ? `Tracer ${added}: within ${TRACER_RULE.maxAddedMs} ms and ${TRACER_RULE.maxAddedShare * 100} %, so it goes in.`
    : `Tracer ${added}: over ${withinMs ? `${TRACER_RULE.maxAddedShare * 100} %` : `${TRACER_RULE.maxAddedMs} ms`}, so it stays out.`;
  return { addedMs, addedShare, tracerIn, reason };
}
