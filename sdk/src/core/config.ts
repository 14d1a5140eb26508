/** A user of the local runtime's user pool with their password, as its `/config.json` lists them (never on AWS). */
export interface LocalUser {
  readonly username: string;
  readonly password: string;
}

/**
 * Where the API is: the shape of `/config.json`, which the local runtime serves and
 * `npm run deploy` writes from the stack outputs. The one definition: the runtime (local/),
 * the deploy script (infra/) and the web app import it by the package's name.
 *
 * @example
 * const config: MemoClientConfig = {
 *   graphqlUrl: 'http://127.0.0.1:4000/graphql',
 *   realtimeUrl: 'ws://127.0.0.1:4000/graphql/realtime',
 *   region: 'us-east-1',
 * };
 */
export interface MemoClientConfig {
  /** The GraphQL endpoint, e.g. `https://…appsync-api.us-east-1.amazonaws.com/graphql`. */
  readonly graphqlUrl: string;
  /** The real-time endpoint (`wss://…appsync-realtime-api…/graphql`, or `ws://…/graphql/realtime` locally). */
  readonly realtimeUrl: string;
  /** The AWS region (IAM requests are signed for it). */
  readonly region: string;
  readonly userPoolId?: string;
  readonly userPoolClientId?: string;
  /** Where Cognito's API is, when not the region's default (the local runtime's user pool). */
  readonly userPoolEndpoint?: string;
  /** The local runtime only, and only to its own origin: its seeded users, for sign-in hints. */
  readonly users?: readonly LocalUser[];
}

const REQUIRED = ['graphqlUrl', 'realtimeUrl', 'region'] as const;
const OPTIONAL = ['userPoolId', 'userPoolClientId', 'userPoolEndpoint'] as const;
/** Every setting of a client config but the local runtime's `users`: what the producers (infra, local/) must write. */
export const MEMO_CLIENT_CONFIG_KEYS: readonly string[] = [...REQUIRED, ...OPTIONAL];

/**
 * Fetches a client config (`/config.json`) and checks it.
 *
 * @throws {Error} when it cannot be fetched, is not JSON, or misses or mistypes a key (named in the message)
 * @example
 * const config = await loadMemoClientConfig('http://localhost:4000/config.json');
 * const client = createMemoClient(config, { auth: userPoolAuth(getIdToken) });
 */
export async function loadMemoClientConfig(url: string | URL, fetchImpl?: typeof fetch): Promise<MemoClientConfig> {
  const fetchConfig = fetchImpl ?? globalThis.fetch.bind(globalThis);
  const response = await fetchConfig(url);
  if (!response.ok) throw new Error(`Could not load the memo client config from ${String(url)}: HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The memo client config at ${String(url)} is not JSON`);
  }
  return parseMemoClientConfig(body, String(url));
}

/**
 * Checks a client config object (e.g. one bundled with the app) and keeps only its known keys.
 *
 * @throws {Error} naming the first missing or mistyped key
 * @example
 * const config = parseMemoClientConfig(await import('./config.json'));
 */
export function parseMemoClientConfig(value: unknown, source = 'the memo client config'): MemoClientConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${source} is not a JSON object`);
  const record = value as Record<string, unknown>;
  const config: Record<string, string> = {};
  for (const key of REQUIRED) {
    const entry = record[key];
    if (entry === undefined || entry === null || entry === '') throw new Error(`${source} is missing "${key}"`);
    if (typeof entry !== 'string') throw new Error(`${source}: "${key}" must be a string`);
    config[key] = entry;
  }
  for (const key of OPTIONAL) {
    const entry = record[key];
    if (entry === undefined || entry === null) continue;
    if (typeof entry !== 'string') throw new Error(`${source}: "${key}" must be a string`);
    config[key] = entry;
  }
  checkUrl(config.graphqlUrl!, 'graphqlUrl', ['http:', 'https:'], source);
  checkUrl(config.realtimeUrl!, 'realtimeUrl', ['ws:', 'wss:'], source);
  const users = record.users == null ? undefined : parseLocalUsers(record.users, source);
  return (users ? { ...config, users } : config) as unknown as MemoClientConfig;
}

function parseLocalUsers(value: unknown, source: string): LocalUser[] {
  if (!Array.isArray(value) || !(value as unknown[]).every(isLocalUser))
    throw new Error(`${source}: "users" must be a list of {username, password}`);
  return (value as LocalUser[]).map(({ username, password }) => ({ username, password }));
}

function isLocalUser(user: unknown): user is LocalUser {
  const record = user as Partial<Record<keyof LocalUser, unknown>> | null;
  return typeof user === 'object' && record !== null && typeof record.username === 'string' && typeof record.password === 'string';
}

function checkUrl(value: string, key: string, protocols: readonly string[], source: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${source}: "${key}" is not a URL: ${value}`);
  }
  if (!protocols.includes(url.protocol)) throw new Error(`${source}: "${key}" must be a ${protocols.join(' or ')} URL, not ${value}`);
}
