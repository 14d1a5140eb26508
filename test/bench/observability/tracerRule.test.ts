import { describe, expect, it } from 'vitest';
import { TRACER_RULE, TRACER_RULE_TEXT, tracerDecision } from '../../../bench/observability/tracerRule.js';

describe('tracerDecision', () => {
  it.each([
    { deployed: 200, tracer: 209, tracerIn: true, why: 'adds 9 ms, 4.5 %' },
    { deployed: 200, tracer: 210, tracerIn: true, why: 'exactly 5 %' },
    { deployed: 200, tracer: 212, tracerIn: false, why: '12 ms is within 15 ms but 6 % is over 5 %' },
    { deployed: 400, tracer: 416, tracerIn: false, why: '4 % but 16 ms is over 15 ms' },
    { deployed: 230, tracer: 220, tracerIn: true, why: 'measured faster: within noise' },
    { deployed: 230, tracer: 300, tracerIn: false, why: 'adds 70 ms' },
  ])('$deployed → $tracer ms: in = $tracerIn ($why)', ({ deployed, tracer, tracerIn }) => {
    const decision = tracerDecision(deployed, tracer);
    expect(decision.tracerIn).toBe(tracerIn);
    expect(decision.addedMs).toBeCloseTo(tracer - deployed, 1);
    expect(decision.reason).toMatch(tracerIn ? /goes in/ : /stays out/);
  });

  it('says which limit was crossed', () => {
    expect(tracerDecision(400, 416).reason).toContain(`over ${TRACER_RULE.maxAddedMs} ms`);
    expect(tracerDecision(200, 212).reason).toContain(`over ${TRACER_RULE.maxAddedShare * 100} %`);
  });

  it('states the rule with its limits', () => {
    expect(TRACER_RULE_TEXT).toContain(`${TRACER_RULE.maxAddedMs} ms`);
    expect(TRACER_RULE_TEXT).toContain(`${TRACER_RULE.maxAddedShare * 100} %`);
  });

  it('refuses missing medians', () => {
    expect(() => tracerDecision(0, 200)).toThrow(/no first-response medians/);
    expect(() => tracerDecision(200, Number.NaN)).toThrow(/no first-response medians/);
  });
});
