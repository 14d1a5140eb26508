/**
 * How long Lambda keeps an execution environment. AWS publishes no number: "retains the execution
 * environment for a non-deterministic period of time" and "terminates execution environments every
 * few hours … even for functions that are invoked continuously" (LIFETIME_SOURCES). The idle
 * reclaim times are measured ones; the model is run with each, the central one being the table's.
 */
export interface LifetimeModel {
  /** central, short or long (tests add their own). */
  readonly name: string;
  /** How long an environment may stay idle before it is reclaimed, drawn each time it goes idle, ms. */
  readonly idleReclaimMs: (random: () => number) => number;
  /** The age at which it is replaced, even when busy all the time (it finishes its request first), ms. */
  readonly maxLifetimeMs: (random: () => number) => number;
  /** Where the figures come from. */
  readonly basis: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const uniform = (low: number, high: number) => (random: () => number) => low + (high - low) * random();
const fixed = (value: number) => () => value;
/** "Every few hours" (AWS), taken as 2–4 h; it only matters to environments that never idle that long. */
const FEW_HOURS = uniform(2 * HOUR, 4 * HOUR);

export const LIFETIME_SOURCES = {
  awsOperatorGuide: 'https://docs.aws.amazon.com/lambda/latest/operatorguide/execution-environments.html',
  awsRuntimeEnvironment: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html',
  awsRepostNoNumber: 'https://repost.aws/questions/QUUveUH1fGR6SHB9ZvrBsTUA/lambda-runtime-refresh-period-limit',
  awsConcurrency: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html',
  shilkov2019: 'https://mikhail.io/2019/08/aws-lambda-cold-starts-after-10-minutes/',
  cui2017: 'https://theburningmonk.com/2017/06/finding-coldstarts-how-long-does-aws-lambda-keep-your-idle-functions-around/',
  ngo2022: 'https://arxiv.org/abs/2203.10227',
} as const;

/** Central: every idle environment reclaimed 10 minutes after its last request (Shilkov, measured since July 2019). */
export const CENTRAL_LIFETIME: LifetimeModel = {
  name: 'central',
  idleReclaimMs: fixed(10 * MINUTE),
  maxLifetimeMs: FEW_HOURS,
  basis: 'idle 10 min, fixed (Shilkov 2019: "every instance lives for precisely 10 minutes after the last request")',
};

/** Short: 5 minutes, the reclaim time before 2017 (Cui) and the bound a platform under pressure may go back to. */
export const SHORT_LIFETIME: LifetimeModel = {
  name: 'short',
  idleReclaimMs: fixed(5 * MINUTE),
  maxLifetimeMs: FEW_HOURS,
  basis: 'idle 5 min, fixed (the pre-2017 figure Cui reports as no longer true; AWS may reclaim earlier under load)',
};

/** Long: 25–60 minutes, uniform (Shilkov before July 2019; Cui 2017: "generally 45–60 mins", sometimes earlier). */
export const LONG_LIFETIME: LifetimeModel = {
  name: 'long',
  idleReclaimMs: uniform(25 * MINUTE, 60 * MINUTE),
  maxLifetimeMs: FEW_HOURS,
  basis: 'idle 25–60 min, uniform (Shilkov before July 2019; Cui 2017: 45–60 min)',
};

/** The central model first: the table's figures; short and long give the sensitivity range. */
export const LIFETIME_MODELS: readonly LifetimeModel[] = [CENTRAL_LIFETIME, SHORT_LIFETIME, LONG_LIFETIME];
