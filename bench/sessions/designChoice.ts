import { PER_FIELD, READS_AND_WRITES } from './functionDesigns.js';
import type { SessionModelRow } from './sessionModel.js';

/**
 * The rule, fixed before the figures: at medium traffic with the central lifetime, a design
 * qualifies when it removes at least `minShareRemoved` of A's (one function per field) cold-start milliseconds per
 * session in every session profile — its own cold start, measured, is what the model adds, so a
 * larger bundle counts against it — and when at no traffic level and no lifetime model it adds more
 * than `worseTolerance` over A (plus `worseSlackMs`, so that noise on near-zero figures at high
 * traffic decides nothing). Of those that qualify the fewest milliseconds at medium traffic
 * wins, except that C (reads + writes) wins over it when within `closeEnoughMs` per session at every
 * traffic level (central lifetime): C keeps the read fields without write actions. None qualifies: A.
 */
export const DESIGN_RULE = {
  traffic: 'medium',
  lifetime: 'central',
  minShareRemoved: 0.5,
  worseTolerance: 0.05,
  worseSlackMs: 5,
  closeEnoughMs: 100,
} as const;

export interface DesignVerdict {
  design: string;
  /** Per profile: share of A's cold-start ms per session removed at the rule's traffic and lifetime (0–1; negative when worse). */
  removed: Record<string, number>;
  qualifies: boolean;
  why: string;
}

export interface DesignChoice {
  chosen: string;
  verdicts: DesignVerdict[];
  reason: string;
}

export function chooseDesign(rows: readonly SessionModelRow[]): DesignChoice {
  const designs = [...new Set(rows.map((row) => row.design))];
  const profiles = [...new Set(rows.map((row) => row.profile))];
  const added = (design: string, profile: string, traffic: string = DESIGN_RULE.traffic, lifetime: string = DESIGN_RULE.lifetime) => {
    const row = rows.find((r) => r.design === design && r.profile === profile && r.traffic === traffic);
    const outcome = row?.outcomes[lifetime];
    if (!outcome) throw new Error(`no ${lifetime} figure for design ${design}, ${profile}, ${traffic} traffic`);
    return outcome.addedMsPerSession;
  };
  const verdicts = designs
    .filter((design) => design !== PER_FIELD.name)
    .map((design): DesignVerdict => {
      const removed = Object.fromEntries(profiles.map((profile) => [profile, 1 - added(design, profile) / added(PER_FIELD.name, profile)]));
      const worse = rows.filter(
        (row) =>
          row.design === design &&
          Object.entries(row.outcomes).some(
            ([lifetime, o]) =>
              o.addedMsPerSession >
              (1 + DESIGN_RULE.worseTolerance) * added(PER_FIELD.name, row.profile, row.traffic, lifetime) + DESIGN_RULE.worseSlackMs,
          ),
      );
      const short = Object.entries(removed).filter(([, share]) => !(share >= DESIGN_RULE.minShareRemoved));
      const why = short.length
        ? `removes only ${short.map(([profile, share]) => `${percent(share)} (${profile})`).join(', ')}`
        : worse.length
          ? `adds more than A at ${worse.map((row) => `${row.traffic} traffic (${row.profile})`).join(', ')}`
          : `removes ${Object.values(removed).map(percent).join(' and ')}`;
      return { design, removed, qualifies: short.length === 0 && worse.length === 0, why };
    });
  const qualified = verdicts.filter((verdict) => verdict.qualifies);
  if (qualified.length === 0) return { chosen: PER_FIELD.name, verdicts, reason: 'no design qualifies: A, one function per field' };
  const total = (design: string) => profiles.reduce((sum, profile) => sum + added(design, profile), 0);
  const best = qualified.reduce((a, b) => (total(b.design) < total(a.design) ? b : a));
  const reads = qualified.find((verdict) => verdict.design === READS_AND_WRITES.name);
  const trafficLevels = [...new Set(rows.map((row) => row.traffic))];
  const cClose =
    reads &&
    reads !== best &&
    trafficLevels.every((traffic) =>
      profiles.every(
        (profile) => added(reads.design, profile, traffic) <= added(best.design, profile, traffic) + DESIGN_RULE.closeEnoughMs,
      ),
    );
  const chosen = cClose ? reads : best;
  return {
    chosen: chosen.design,
    verdicts,
    reason: cClose
      ? `C is within ${DESIGN_RULE.closeEnoughMs} ms per session of ${best.design} at every traffic level and keeps the read fields read-only`
      : `${chosen.design} ${chosen.why} of A's cold-start ms per session at ${DESIGN_RULE.traffic} traffic, the fewest of the designs that qualify`,
  };
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(0)} %`;
}
