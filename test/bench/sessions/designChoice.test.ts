import { describe, expect, it } from 'vitest';
import { chooseDesign, DESIGN_RULE } from '../../../bench/sessions/designChoice.js';
import type { SessionModelRow } from '../../../bench/sessions/sessionModel.js';
import type { DesignOutcome } from '../../../bench/sessions/simulateSessions.js';

const PROFILES = ['p1', 'p2'];
const TRAFFIC = ['low', 'medium', 'high'];
const LIFETIMES = ['central', 'short', 'long'];

/** Added ms per session by design and traffic (the same for every profile and lifetime). */
type Figures = Record<string, Record<string, number>>;

function rowsOf(figures: Figures): SessionModelRow[] {
  return Object.entries(figures).flatMap(([design, byTraffic]) =>
    TRAFFIC.flatMap((traffic) =>
      PROFILES.map((profile) => ({
        traffic,
        sessionsPerHour: 1,
        profile,
        design,
        outcomes: Object.fromEntries(LIFETIMES.map((l) => [l, outcome(byTraffic[traffic]!)])),
      })),
    ),
  );
}

function outcome(addedMsPerSession: number): DesignOutcome {
  return {
    design: '',
    sessions: 1,
    coldStartsPerSession: addedMsPerSession / 200,
    sessionsWithColdStart: 0,
    addedMsPerSession,
    peakEnvironments: 1,
  };
}

describe('chooseDesign', () => {
  it.each([
    ['B removes most and C is far behind at low traffic', { A: [700, 10, 1], B: [150, 3, 0], C: [300, 4, 0] }, 'B'],
    ['C is within reach of B everywhere', { A: [700, 10, 1], B: [150, 3, 0], C: [200, 4, 0] }, 'C'],
    ['neither removes half at medium traffic', { A: [700, 10, 1], B: [150, 6, 0], C: [300, 8, 0] }, 'A'],
    ['B adds more than A at high traffic', { A: [700, 10, 1], B: [150, 3, 20], C: [400, 8, 1] }, 'A'],
  ])('%s: %s', (_case, table, chosen) => {
    const figures = Object.fromEntries(
      Object.entries(table).map(([design, values]) => [design, Object.fromEntries(TRAFFIC.map((t, i) => [t, values[i]!]))]),
    );
    expect(chooseDesign(rowsOf(figures)).chosen).toBe(chosen);
  });

  it('says, for each design, what share of A it removes at the rule traffic in each profile', () => {
    const choice = chooseDesign(
      rowsOf({ A: { low: 700, medium: 10, high: 1 }, B: { low: 150, medium: 2.5, high: 0 }, C: { low: 300, medium: 6, high: 0 } }),
    );
    const b = choice.verdicts.find((v) => v.design === 'B')!;
    expect(b.removed).toEqual({ p1: 0.75, p2: 0.75 });
    expect(choice.verdicts.find((v) => v.design === 'C')!).toMatchObject({ qualifies: false, why: expect.stringContaining('40 %') });
    expect(DESIGN_RULE.traffic).toBe('medium');
  });
});
