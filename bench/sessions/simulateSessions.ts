import { seededRandom } from '../seededRandom.js';
import type { FunctionDesign } from './functionDesigns.js';
import type { LifetimeModel } from './instanceLifetime.js';
import type { SessionCall, SessionProfile } from './sessionProfiles.js';
import { thinkTime } from './sessionProfiles.js';

export interface SimulationSettings {
  /** Session starts per hour across all users (a Poisson process). */
  readonly sessionsPerHour: number;
  /** Sessions counted; the simulated time is this many sessions' worth. */
  readonly sessions: number;
  /** Simulated before counting starts, so that counted sessions meet environments as traffic left them, ms. */
  readonly warmupMs: number;
  readonly seed: number;
  readonly profile: SessionProfile;
  readonly lifetime: LifetimeModel;
  /** How long a warm invocation keeps its environment busy, ms. */
  readonly warmMs: (field: string) => number;
  /** What a cold start adds before the first response of a function of this design, ms. */
  readonly coldStartMs: (design: FunctionDesign, fn: string) => number;
}

export interface DesignOutcome {
  readonly design: string;
  readonly sessions: number;
  readonly coldStartsPerSession: number;
  /** Share of sessions that met at least one cold start, 0–1. */
  readonly sessionsWithColdStart: number;
  /** Cold-start milliseconds a session waits, on average. */
  readonly addedMsPerSession: number;
  /** Most environments one function had at once (concurrency: one request per environment). */
  readonly peakEnvironments: number;
}

interface Session {
  readonly start: number;
  readonly calls: readonly SessionCall[];
  readonly counted: boolean;
}

interface Environment {
  readonly born: number;
  readonly retiresAt: number;
  busyUntil: number;
  idleLimit: number;
}

/**
 * Seeded simulation of the same sessions against each design (paired: the same arrivals, calls and
 * think times). Lambda serves one request per environment at a time (LIFETIME_SOURCES.awsConcurrency):
 * a call takes a free environment of its function (the most recently used, which keeps the fewest
 * warm), or starts a new one (a cold start). An environment idle longer than its drawn reclaim
 * time, or older than its maximum lifetime, is gone. A session's next call starts when the
 * previous answer came back plus the think time.
 */
export function simulateSessions(designs: readonly FunctionDesign[], settings: SimulationSettings): DesignOutcome[] {
  const sessions = generateSessions(settings);
  return designs.map((design, index) => runDesign(design, sessions, settings, seededRandom(settings.seed * 31 + index + 1)));
}

function generateSessions(settings: SimulationSettings): Session[] {
  const random = seededRandom(settings.seed);
  const meanGapMs = 3_600_000 / settings.sessionsPerHour;
  const sessions: Session[] = [];
  let counted = 0;
  for (let start = thinkTime(random, meanGapMs); counted < settings.sessions; start += thinkTime(random, meanGapMs)) {
    const isCounted = start >= settings.warmupMs;
    if (isCounted) counted++;
    sessions.push({ start, calls: settings.profile.generate(random), counted: isCounted });
  }
  return sessions;
}

function runDesign(
  design: FunctionDesign,
  sessions: readonly Session[],
  settings: SimulationSettings,
  random: () => number,
): DesignOutcome {
  const pools = new Map<string, Environment[]>();
  const queue = new CallQueue();
  sessions.forEach((session, index) => queue.push({ at: session.start + session.calls[0]!.thinkMs, session: index, call: 0 }));
  const coldStarts = new Array<number>(sessions.length).fill(0);
  const addedMs = new Array<number>(sessions.length).fill(0);
  let peakEnvironments = 0;
  for (let next = queue.pop(); next; next = queue.pop()) {
    const { at, session, call } = next;
    const { field } = sessions[session]!.calls[call]!;
    const fn = design.functionOf(field);
    const before = pools.get(fn) ?? [];
    const pool = before.filter((env) => env.busyUntil > at || (at - env.busyUntil <= env.idleLimit && at < env.retiresAt));
    let environment = mostRecentlyUsedFree(pool, at);
    let duration = settings.warmMs(field);
    if (!environment) {
      const coldMs = settings.coldStartMs(design, fn);
      environment = { born: at, retiresAt: at + settings.lifetime.maxLifetimeMs(random), busyUntil: at, idleLimit: 0 };
      pool.push(environment);
      peakEnvironments = Math.max(peakEnvironments, pool.length);
      coldStarts[session]!++;
      addedMs[session]! += coldMs;
      duration += coldMs;
    }
    environment.busyUntil = at + duration;
    environment.idleLimit = settings.lifetime.idleReclaimMs(random);
    pools.set(fn, pool);
    const following = sessions[session]!.calls[call + 1];
    if (following) queue.push({ at: at + duration + following.thinkMs, session, call: call + 1 });
  }
  const counted = sessions.flatMap((session, index) => (session.counted ? [index] : []));
  const mean = (values: number[]) => counted.reduce((sum, index) => sum + values[index]!, 0) / counted.length;
  return {
    design: design.name,
    sessions: counted.length,
    coldStartsPerSession: mean(coldStarts),
    sessionsWithColdStart: counted.filter((index) => coldStarts[index]! > 0).length / counted.length,
    addedMsPerSession: mean(addedMs),
    peakEnvironments,
  };
}

function mostRecentlyUsedFree(pool: readonly Environment[], at: number): Environment | undefined {
  let best: Environment | undefined;
  for (const env of pool) if (env.busyUntil <= at && (!best || env.busyUntil > best.busyUntil)) best = env;
  return best;
}

interface QueuedCall {
  at: number;
  session: number;
  call: number;
}

/** A binary min-heap of calls by start time (ties by session, so a run is the same every time). */
class CallQueue {
  private readonly heap: QueuedCall[] = [];

  push(item: QueuedCall): void {
    const heap = this.heap;
    heap.push(item);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  pop(): QueuedCall | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      for (let i = 0; ;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
        i = smallest;
      }
    }
    return top;
  }
}

function before(a: QueuedCall, b: QueuedCall): boolean {
  return a.at < b.at || (a.at === b.at && a.session < b.session);
}
