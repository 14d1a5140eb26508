import type { Sink, SubscribePayload } from './types.js';

/** One subscription the application holds, across every (re)connection. */
export interface ActiveSubscription {
  readonly id: string;
  readonly payload: SubscribePayload;
  /** The start sent on the connection it was sent on; a new connection needs a new start. */
  startedOn: object | undefined;
}

interface Entry extends ActiveSubscription {
  readonly sink: Sink<unknown>;
  /** The connection whose start_ack `sink.started` has heard: one call per start. */
  acknowledgedOn: object | undefined;
}

/**
 * The subscriptions the application holds, by id. Each ends exactly once — `complete` or
 * `error` — and leaves the registry then; nothing reaches its sink afterwards.
 */
export class SubscriptionRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly reportSinkError: (error: unknown) => void) {}

  get size(): number {
    return this.entries.size;
  }

  add(id: string, payload: SubscribePayload, sink: Sink<unknown>): ActiveSubscription {
    const entry: Entry = { id, payload, sink, startedOn: undefined, acknowledgedOn: undefined };
    this.entries.set(id, entry);
    return entry;
  }

  get(id: string): ActiveSubscription | undefined {
    return this.entries.get(id);
  }

  has(subscription: ActiveSubscription): boolean {
    return this.entries.get(subscription.id) === subscription;
  }

  all(): ActiveSubscription[] {
    return [...this.entries.values()];
  }

  next(id: string, value: unknown): void {
    const entry = this.entries.get(id);
    if (entry) this.call(() => entry.sink.next(value));
  }

  /** start_ack of the start sent on `connection`: `sink.started`, once per start (a stale or repeated ack is ignored). */
  acknowledged(id: string, connection: object): void {
    const entry = this.entries.get(id);
    if (!entry || entry.startedOn !== connection || entry.acknowledgedOn === connection) return;
    entry.acknowledgedOn = connection;
    if (entry.sink.started) this.call(() => entry.sink.started?.());
  }

  /** Ends the subscription with `complete`; false when it had already ended. */
  complete(id: string): boolean {
    const entry = this.take(id);
    if (entry) this.call(() => entry.sink.complete());
    return entry !== undefined;
  }

  /** Ends the subscription with `error`; false when it had already ended. */
  error(id: string, error: unknown): boolean {
    const entry = this.take(id);
    if (entry) this.call(() => entry.sink.error(error));
    return entry !== undefined;
  }

  private take(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    this.entries.delete(id);
    return entry;
  }

  /** A sink that throws must not break the socket's message loop or the other subscriptions. */
  private call(deliver: () => void): void {
    try {
      deliver();
    } catch (error) {
      this.reportSinkError(error);
    }
  }
}
