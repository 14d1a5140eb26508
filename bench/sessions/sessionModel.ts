import { FUNCTION_DESIGNS, type FunctionDesign } from './functionDesigns.js';
import { LIFETIME_MODELS, type LifetimeModel } from './instanceLifetime.js';
import { SESSION_PROFILES, type SessionProfile } from './sessionProfiles.js';
import { simulateSessions, type DesignOutcome } from './simulateSessions.js';

/** Session starts per hour across all users: a team's evening, a small product's day, a busy one. */
export const TRAFFIC_LEVELS = [
  { name: 'low', sessionsPerHour: 2 },
  { name: 'medium', sessionsPerHour: 60 },
  { name: 'high', sessionsPerHour: 3600 },
] as const;

export interface SessionModelSettings {
  /** Sessions counted per traffic level, profile and lifetime model. */
  readonly sessions: number;
  readonly seed: number;
}

export const SESSION_MODEL_SETTINGS: SessionModelSettings = { sessions: 4000, seed: 21 };
export const SESSION_MODEL_QUICK_SETTINGS: SessionModelSettings = { sessions: 200, seed: 21 };

/** What the model is given: each design's measured cold start and each field's warm duration, ms. */
export interface SessionModelInputs {
  /** Added before the first response of a new environment, per design (all of a design's functions alike). */
  readonly coldStartMs: Readonly<Record<string, number>>;
  readonly warmMs: (field: string) => number;
}

export interface SessionModelRow {
  readonly traffic: string;
  readonly sessionsPerHour: number;
  readonly profile: string;
  readonly design: string;
  /** Per lifetime model, by its name: the central one and the sensitivity range. */
  readonly outcomes: Readonly<Record<string, DesignOutcome>>;
}

/** Idle reclaim up to an hour: the first two hours are simulated before sessions are counted. */
const WARMUP_MS = 2 * 3_600_000;

/**
 * The seeded simulation (simulateSessions.ts) for every traffic level × session profile ×
 * lifetime model, each design against the same sessions.
 */
export function modelSessions(
  inputs: SessionModelInputs,
  settings: SessionModelSettings,
  options: {
    designs?: readonly FunctionDesign[];
    profiles?: readonly SessionProfile[];
    lifetimes?: readonly LifetimeModel[];
  } = {},
): SessionModelRow[] {
  const { designs = FUNCTION_DESIGNS, profiles = SESSION_PROFILES, lifetimes = LIFETIME_MODELS } = options;
  const rows: SessionModelRow[] = [];
  for (const traffic of TRAFFIC_LEVELS) {
    for (const profile of profiles) {
      const byLifetime = lifetimes.map((lifetime) =>
        simulateSessions(designs, {
          sessionsPerHour: traffic.sessionsPerHour,
          sessions: settings.sessions,
          warmupMs: WARMUP_MS,
          seed: settings.seed,
          profile,
          lifetime,
          warmMs: inputs.warmMs,
          coldStartMs: (design) => coldStartOf(inputs, design),
        }),
      );
      designs.forEach((design, index) =>
        rows.push({
          traffic: traffic.name,
          sessionsPerHour: traffic.sessionsPerHour,
          profile: profile.name,
          design: design.name,
          outcomes: Object.fromEntries(lifetimes.map((lifetime, l) => [lifetime.name, byLifetime[l]![index]!])),
        }),
      );
    }
  }
  return rows;
}

function coldStartOf(inputs: SessionModelInputs, design: FunctionDesign): number {
  const ms = inputs.coldStartMs[design.name];
  if (ms === undefined) throw new Error(`no cold-start figure for design ${design.name}`);
  return ms;
}
