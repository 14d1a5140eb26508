import type { Node } from 'constructs';

/** A whole-number setting: its default and the range a context value must fall in. */
export interface NumberSetting {
  readonly default: number;
  readonly min: number;
  readonly max: number;
}

/**
 * The most body bytes AWS WAF inspects on an AppSync API: fixed at 8 KB, unlike CloudFront's or
 * API Gateway's (https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-setting-body-inspection-limit.html).
 * A body-size test above it cannot see the difference between 9 KB and 1 MB.
 */
export const WAF_APPSYNC_BODY_INSPECTION_BYTES = 8 * 1024;

/**
 * Every alarm threshold and abuse limit, each overridable by the context key of the same name
 * (`-c wafRateLimitPerCaller=3000`). Counts are per 5 minutes: the alarms' period and the rate
 * rules' window. Why each default is what it is: docs/operations.md.
 */
export const OPERATIONS_DEFAULTS = {
  /** AppSync 5XXError (its own failures; resolver errors are HTTP 200) per 5 minutes. */
  alarmApi5xxErrors: { default: 5, min: 1, max: 1_000_000 },
  /** AppSync Latency p99, in ms, three 5-minute periods running: a cold start is ~0.3–0.5 s, a warm call ~10 ms. */
  alarmApiLatencyP99Ms: { default: 1000, min: 50, max: 30_000 },
  /** Lambda Errors (unhandled: the handlers return expected errors as data) of the memo function, per 5 minutes. */
  alarmFunctionErrors: { default: 5, min: 1, max: 1_000_000 },
  /** Lambda Throttles of the memo function, per 5 minutes: each is a request a user saw fail. */
  alarmFunctionThrottles: { default: 1, min: 1, max: 1_000_000 },
  /** DynamoDB read and write throttle events on the table and its indexes, per 5 minutes (the SDK retries a few). */
  alarmTableThrottles: { default: 10, min: 1, max: 1_000_000 },
  /** DynamoDB SystemErrors (HTTP 500 on AWS's side) over the operations the function calls, per 5 minutes. */
  alarmTableSystemErrors: { default: 5, min: 1, max: 1_000_000 },
  /** WAF: requests per 5 minutes from one IP address (offices and mobile carriers put many users behind one). */
  wafRateLimitPerIp: { default: 3000, min: 10, max: 2_000_000_000 },
  /** WAF: requests per 5 minutes carrying one Authorization header (one signed-in session's ID token). */
  wafRateLimitPerCaller: { default: 1500, min: 10, max: 2_000_000_000 },
  /** WAF: requests per 5 minutes from one caller whose body exceeds wafLargeBodyBytes (large memo writes). */
  wafLargeBodyLimitPerCaller: { default: 100, min: 10, max: 2_000_000_000 },
  /** WAF: the body size, in bytes, from which a request counts as large: at most what WAF can inspect on AppSync. */
  wafLargeBodyBytes: { default: WAF_APPSYNC_BODY_INSPECTION_BYTES, min: 1024, max: WAF_APPSYNC_BODY_INSPECTION_BYTES },
  /** AppSync queryDepthLimit (1–75); the local runtime's QUERY_DEPTH_LIMIT default, so what passes locally passes on AWS. */
  queryDepthLimit: { default: 20, min: 1, max: 75 },
  /** AppSync resolverCountLimit (1–10,000); the local runtime's RESOLVER_COUNT_LIMIT default. */
  resolverCountLimit: { default: 25, min: 1, max: 10_000 },
} as const satisfies Record<string, NumberSetting>;

export type OperationsLimitName = keyof typeof OPERATIONS_DEFAULTS;

export type OperationsSettings = { readonly [name in OperationsLimitName]: number } & {
  /** Where alarm notifications go (context `alarmEmail`); none: the topic has no subscription. */
  readonly alarmEmail: string | undefined;
  /** AppSync answers introspection queries: only on the `dev` stage. */
  readonly introspection: boolean;
};

/** The stage that keeps introspection on (GraphiQL, codegen against the endpoint). */
export const INTROSPECTION_STAGE = 'dev';

/**
 * The operations settings of `stage`: every OPERATIONS_DEFAULTS entry, overridden by the context
 * value of the same name, plus `alarmEmail`.
 *
 * @throws when a context value is not a whole number in its range, or `alarmEmail` is no email address
 *   (a typo must fail the synth, not deploy a default silently)
 */
export function readOperationsSettings(node: Node, stage: string): OperationsSettings {
  const limits = Object.fromEntries(
    Object.entries(OPERATIONS_DEFAULTS).map(([name, setting]) => [name, numberContext(node, name, setting)]),
  ) as { [name in OperationsLimitName]: number };
  return { ...limits, alarmEmail: emailContext(node, 'alarmEmail'), introspection: stage === INTROSPECTION_STAGE };
}

function numberContext(node: Node, key: string, setting: NumberSetting): number {
  const raw = contextText(node, key);
  if (raw === undefined) return setting.default;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < setting.min || value > setting.max) {
    throw new Error(`context ${key}=${raw}: use a whole number from ${setting.min} to ${setting.max}`);
  }
  return value;
}

function emailContext(node: Node, key: string): string | undefined {
  const value = contextText(node, key);
  if (value === undefined || value === '') return undefined;
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new Error(`context ${key}=${value}: use an email address`);
  return value;
}

/** A context value as text: `-c key=value` gives a string, cdk.json may give a number. */
function contextText(node: Node, key: string): string | undefined {
  const raw: unknown = node.tryGetContext(key);
  if (raw === undefined) return undefined;
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  throw new Error(`context ${key}: use a plain value, not ${JSON.stringify(raw)}`);
}
