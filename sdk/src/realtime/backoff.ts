/** The first reconnect waits about this long… */
const FIRST_DELAY_MS = 1_000;
/** …each further one twice as long, up to this. */
const MAX_DELAY_MS = 30_000;

/**
 * How long reconnect attempt `attempt` (0, 1, …) waits: 1 s, 2 s, 4 s … capped at 30 s, each
 * stretched by a random factor from 1 to 2 (then capped again), so clients that lost the same
 * server do not all come back at the same instant.
 *
 * @example
 * backoffDelayMs(0); // 1000–2000
 * backoffDelayMs(10); // 30000
 */
export function backoffDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.min(MAX_DELAY_MS, Math.round(base * (1 + random())));
}

/**
 * The default `retryWait`: sleeps backoffDelayMs(attempt).
 *
 * @example
 * createRealtimeClient({ ...settings, retryWait: (attempt) => randomisedBackoff(attempt) });
 */
export function randomisedBackoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, backoffDelayMs(attempt)));
}
