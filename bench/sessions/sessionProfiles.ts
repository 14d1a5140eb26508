/** One GraphQL call of a session: the field, after the user has thought for `thinkMs` since the previous answer. */
export interface SessionCall {
  readonly field: string;
  readonly thinkMs: number;
}

/** A kind of user session: how it opens, what a user does in it and how long they think between calls. */
export interface SessionProfile {
  readonly name: string;
  /** What the calls are, for the report. */
  readonly description: string;
  readonly generate: (random: () => number) => SessionCall[];
}

/** Exponentially distributed think time with this mean (ms): most pauses short, a few long. */
export function thinkTime(random: () => number, meanMs: number): number {
  return -meanMs * Math.log(1 - random());
}

/** Actions per session after opening: 1 + a geometric number, mean `mean`. */
function actionCount(random: () => number, mean: number): number {
  let count = 1;
  while (random() < 1 - 1 / mean) count++;
  return count;
}

/** Picks one of `weights`' keys with its probability (weights sum to 1). */
function pick<K extends string>(random: () => number, weights: Readonly<Record<K, number>>): K {
  let left = random();
  const keys = Object.keys(weights) as K[];
  for (const key of keys) {
    left -= weights[key];
    if (left < 0) return key;
  }
  return keys[keys.length - 1]!;
}

const SECOND = 1000;

/**
 * A client of the typed SDK without the offline store (the "list, open, edit"): lists its
 * memos, then opens some (`memo`), edits most of what it opens (`updateMemo`, one to three saves),
 * searches on the server, creates or deletes now and then.
 */
export const ONLINE_CLIENT: SessionProfile = {
  name: 'SDK client (online)',
  description:
    'listMemos, then 4 actions on average: open (memo, 60 % of them edited with 1–3 updateMemo), search (searchMemos + memo), create, delete; think 15 s between reads, 40 s before a save',
  generate: (random) => {
    const calls: SessionCall[] = [{ field: 'listMemos', thinkMs: 0 }];
    const read = () => thinkTime(random, 15 * SECOND);
    const write = () => thinkTime(random, 40 * SECOND);
    for (let action = actionCount(random, 4); action > 0; action--) {
      const kind = pick(random, { open: 0.5, search: 0.2, create: 0.2, delete: 0.1 });
      if (kind === 'search') calls.push({ field: 'searchMemos', thinkMs: read() });
      if (kind === 'open' || kind === 'search') {
        calls.push({ field: 'memo', thinkMs: read() });
        if (random() < 0.6)
          for (let saves = 1 + Math.floor(random() * 3); saves > 0; saves--) calls.push({ field: 'updateMemo', thinkMs: write() });
      }
      if (kind === 'create') calls.push({ field: 'createMemo', thinkMs: write() });
      if (kind === 'delete') calls.push({ field: 'deleteMemo', thinkMs: read() });
    }
    return calls;
  },
};

/**
 * The web app on the SDK's offline store: reads, opens and searches are local, so the server sees
 * the catch-up sync when the app opens (`memoChanges`), the outbox's writes, and another catch-up
 * when the real-time connection comes back.
 */
export const OFFLINE_WEB_APP: SessionProfile = {
  name: 'web app (offline store)',
  description:
    'memoChanges on open, then 4 edits on average (updateMemo 60 %, createMemo 25 %, deleteMemo 15 %), think 40 s, and a catch-up memoChanges after 10 % of them (a reconnect)',
  generate: (random) => {
    const calls: SessionCall[] = [{ field: 'memoChanges', thinkMs: 0 }];
    for (let action = actionCount(random, 4); action > 0; action--) {
      const kind = pick(random, { updateMemo: 0.6, createMemo: 0.25, deleteMemo: 0.15 });
      calls.push({ field: kind, thinkMs: thinkTime(random, 40 * SECOND) });
      if (random() < 0.1) calls.push({ field: 'memoChanges', thinkMs: thinkTime(random, 40 * SECOND) });
    }
    return calls;
  },
};

export const SESSION_PROFILES: readonly SessionProfile[] = [ONLINE_CLIENT, OFFLINE_WEB_APP];
