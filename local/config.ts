import { resolve } from 'node:path';
import {
  DEFAULT_TOMBSTONE_RETENTION_DAYS,
  PAGE_TOKEN_SECRET_MIN_LENGTH,
  parseTombstoneRetentionDays,
  type StoreCredentials,
} from '../resolvers/store/config.js';
import { InvalidLocalUsers, parseLocalUsers } from './auth/userPool/seedUsers.js';
import type { SeedUser } from './auth/userPool/types.js';

/** Everything the local runtime can be told, read once from the environment and the command line. */
export interface LocalApiConfig {
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Absolute LevelDB directory of the embedded store, or null for an in-memory store. */
  readonly dataDir: string | null;
  /** The region the local user pool and IAM callers name (AWS_REGION). */
  readonly region: string;
  /** The local user pool's users from LOCAL_USERS; undefined: alice and bob, passwords generated once per data directory. */
  readonly users: readonly SeedUser[] | undefined;
  readonly tableName: string;
  /** An external DynamoDB-compatible endpoint; when set, no embedded store starts. */
  readonly dynamodbEndpoint: string | undefined;
  /** The key the store is called with (AWS_ACCESS_KEY_ID…); unset: a fake pair for an emulator, the SDK's chain for DynamoDB. */
  readonly storeCredentials?: StoreCredentials;
  /** Signs listMemos' page tokens (PAGE_TOKEN_SECRET); unset: a random key kept in the data directory. */
  readonly pageTokenSecret?: string;
  /** How long deleted memos' tombstones are kept (TOMBSTONE_RETENTION_DAYS); unset: as on AWS, the default. */
  readonly tombstoneRetentionDays?: number;
  /** Deepest field nesting a request may have (AppSync's queryDepthLimit). */
  readonly queryDepthLimit: number;
  /** Most resolver invocations a request may ask for (AppSync's resolverCountLimit). */
  readonly resolverCountLimit: number;
  /** How often the real-time endpoint sends `ka`. */
  readonly keepAliveMs: number;
}

/** What `npm start` is told besides the API's own settings. */
export interface LocalCliConfig extends LocalApiConfig {
  /** The handlers' Powertools log level (POWERTOOLS_LOG_LEVEL); quieter than Lambda's INFO by default. */
  readonly handlerLogLevel: HandlerLogLevel;
}

/** Powertools Logger's levels, most verbose first. */
export const HANDLER_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'] as const;
export type HandlerLogLevel = (typeof HANDLER_LOG_LEVELS)[number];

/** Whether handlers at this level log every invocation (their INFO line), as deployed functions do. */
export function logsEveryRequest(level: HandlerLogLevel): boolean {
  return HANDLER_LOG_LEVELS.indexOf(level) <= HANDLER_LOG_LEVELS.indexOf('INFO');
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const IN_MEMORY = ':memory:';

/** The defaults the CLI and the programmatic entry share. */
export const SHARED_DEFAULTS = {
  host: '127.0.0.1',
  region: 'us-east-1',
  tableName: 'memoTable',
  queryDepthLimit: 20,
  resolverCountLimit: 25,
  keepAliveMs: 60_000,
} as const;

/** `npm start` keeps the terminal for the banner and real problems; deployed functions log at INFO. */
const DEFAULT_HANDLER_LOG_LEVEL: HandlerLogLevel = 'WARN';

/** What `npm start -- --help` prints: the options and every variable readLocalConfig reads. */
export const USAGE = `Usage: npm start [-- --in-memory | --help]

Runs the memo API on this machine as AppSync serves it (HTTP, real-time, GraphiQL).

Options:
  --in-memory           keep no data (same as DATA_DIR=:memory:)
  -h, --help            print this help and exit

Environment variables:
  PORT                  port of HTTP, real-time and GraphiQL (default 4000; 0 picks a free one)
  HOST                  bind address (default ${SHARED_DEFAULTS.host}; keep it loopback unless you mean to share the API)
  DATA_DIR              directory of the embedded store and the local user pool (default .data);
                        :memory: keeps no data
  LOCAL_USERS           the local user pool's users, "name:password,name:password" (default: alice
                        and bob, passwords generated once per data directory and printed)
  LOCAL_IAM_ACCESS_KEY_ID, LOCAL_IAM_SECRET_ACCESS_KEY
                        the IAM credentials back-office callers sign with (default: generated once
                        per data directory and printed); LOCAL_IAM_ACCOUNT_ID their account;
                        LOCAL_IAM_SESSION_TOKEN makes that pair temporary credentials (each signed
                        request must then carry the token, as AWS requires)
  AWS_REGION            the region of the local user pool and of IAM signatures (default us-east-1)
  TABLE_NAME            the table the handlers use (default ${SHARED_DEFAULTS.tableName}; created if missing)
  PAGE_TOKEN_SECRET     signs listMemos page tokens (default: random, made once per data directory)
  TOMBSTONE_RETENTION_DAYS
                        days a deleted memo's tombstone is kept; an older memoChanges cursor is
                        SyncExpired (default ${DEFAULT_TOMBSTONE_RETENTION_DAYS}, 1-3650; neither emulator deletes expired items)
  DYNAMODB_ENDPOINT     use this DynamoDB-compatible endpoint instead of the embedded store
                        (a loopback endpoint gets a fixed fake credential pair unless AWS_* credentials are set)
  QUERY_DEPTH_LIMIT     deepest field nesting a request may have (default ${SHARED_DEFAULTS.queryDepthLimit}, 1-75)
  RESOLVER_COUNT_LIMIT  most resolver-backed fields per request (default ${SHARED_DEFAULTS.resolverCountLimit})
  KEEP_ALIVE_MS         interval of the real-time ka messages (default ${SHARED_DEFAULTS.keepAliveMs})
  POWERTOOLS_LOG_LEVEL  the handlers' log level: ${HANDLER_LOG_LEVELS.join(', ')} (default ${DEFAULT_HANDLER_LOG_LEVEL}:
                        warnings and errors only; INFO prints one JSON line per request, as on Lambda)
  POWERTOOLS_METRICS_DISABLED  false prints the handlers' metrics too (one embedded-metric JSON
                        document per request, as on Lambda; off locally by default)`;

/** Whether the command line asks for the usage text instead of a server. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/**
 * Reads the runtime's settings. `--in-memory` on the command line equals `DATA_DIR=:memory:`.
 *
 * @throws {ConfigError} when a value is malformed (the CLI prints it and exits 1)
 */
export function readLocalConfig(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = []): LocalCliConfig {
  const unknown = argv.filter((arg) => arg !== '--in-memory');
  if (unknown.length > 0) throw new ConfigError(`Unknown argument ${unknown[0]}: the options are --in-memory and --help`);
  const dataDirSetting = argv.includes('--in-memory') ? IN_MEMORY : (text(env.DATA_DIR) ?? '.data');
  return {
    host: text(env.HOST) ?? SHARED_DEFAULTS.host,
    port: integer(env, 'PORT', 4000, 0, 65535),
    dataDir: dataDirSetting === IN_MEMORY ? null : resolve(dataDirSetting),
    region: text(env.AWS_REGION) ?? SHARED_DEFAULTS.region,
    users: localUsers(text(env.LOCAL_USERS)),
    tableName: text(env.TABLE_NAME) ?? SHARED_DEFAULTS.tableName,
    dynamodbEndpoint: text(env.DYNAMODB_ENDPOINT),
    storeCredentials: storeCredentials(env),
    pageTokenSecret: pageTokenSecret(env.PAGE_TOKEN_SECRET),
    tombstoneRetentionDays: tombstoneRetentionDays(env.TOMBSTONE_RETENTION_DAYS),
    queryDepthLimit: integer(env, 'QUERY_DEPTH_LIMIT', SHARED_DEFAULTS.queryDepthLimit, 1, 75),
    resolverCountLimit: integer(env, 'RESOLVER_COUNT_LIMIT', SHARED_DEFAULTS.resolverCountLimit, 1, 10_000),
    keepAliveMs: integer(env, 'KEEP_ALIVE_MS', SHARED_DEFAULTS.keepAliveMs, 10, 300_000),
    handlerLogLevel: logLevel(text(env.POWERTOOLS_LOG_LEVEL)),
  };
}

function storeCredentials(env: NodeJS.ProcessEnv): StoreCredentials | undefined {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = env;
  return accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } : undefined;
}

function pageTokenSecret(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (value.length < PAGE_TOKEN_SECRET_MIN_LENGTH)
    throw new ConfigError(`PAGE_TOKEN_SECRET must be at least ${PAGE_TOKEN_SECRET_MIN_LENGTH} characters: it signs listMemos' page tokens`);
  return value;
}

function tombstoneRetentionDays(value: string | undefined): number {
  try {
    return parseTombstoneRetentionDays(value);
  } catch (error) {
    throw new ConfigError(error instanceof Error ? error.message : String(error));
  }
}

function text(value: string | undefined): string | undefined {
  return value?.trim() || undefined;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env[name]);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
  }
  return value;
}

function logLevel(value: string | undefined): HandlerLogLevel {
  if (value === undefined) return DEFAULT_HANDLER_LOG_LEVEL;
  const level = HANDLER_LOG_LEVELS.find((known) => known === value.toUpperCase());
  if (level === undefined) throw new ConfigError(`POWERTOOLS_LOG_LEVEL must be one of ${HANDLER_LOG_LEVELS.join(', ')}, not "${value}"`);
  return level;
}

function localUsers(value: string | undefined): readonly SeedUser[] | undefined {
  if (value === undefined) return undefined;
  try {
    return parseLocalUsers(value);
  } catch (error) {
    if (error instanceof InvalidLocalUsers) throw new ConfigError(error.message);
    throw error;
  }
}
