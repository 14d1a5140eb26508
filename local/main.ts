/**
 * `npm start`: the memo API on this machine, as AppSync serves it, on an embedded store.
 * Settings come from the environment (see `npm start -- --help`); `--in-memory` keeps no data.
 */
import './supportedNode.js';
import { ConfigError, logsEveryRequest, readLocalConfig, USAGE, wantsHelp } from './config.js';
import { DataDirInUseError } from './store/embeddedStore.js';
import { nonLoopbackWarning } from './http/hostAccess.js';
import { startLocalApi, type LocalApi } from './server.js';
import { collapseRepeatedLogLines } from './repeatedLogLines.js';
import { stopOnSignals } from './stopOnSignals.js';
import { buildWebAppIfStale } from '../web/buildIfStale.js';

/** How long the same log line is counted instead of printed again (local/repeatedLogLines.ts). */
const REPEAT_WINDOW_MS = 5_000;
/** Longest a clean stop may take before the process exits anyway: in-flight requests are bounded by the Lambda timeout. */
const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return;
  }
  const config = readLocalConfig(process.env, argv);
  // Powertools reads the handlers' log level from the environment, as on Lambda, at their first log line.
  process.env.POWERTOOLS_LOG_LEVEL = config.handlerLogLevel;
  // Powertools writes ERROR lines to stderr, the others to stdout.
  for (const stream of [process.stdout, process.stderr]) collapseRepeatedLogLines(stream, { windowMs: REPEAT_WINDOW_MS });
  let stopRequested = false;
  let running: Promise<LocalApi | undefined> = Promise.resolve(undefined);
  // Listen before anything is printed: a supervisor may signal as soon as it sees the banner.
  stopOnSignals({
    deadlineMs: SHUTDOWN_DEADLINE_MS,
    close: async () => {
      stopRequested = true;
      await (await running.catch(() => undefined))?.close();
    },
  });
  running = buildWebAppIfStale().then(() => (stopRequested ? undefined : startLocalApi(config)));
  const api = await running;
  if (api === undefined) return;
  console.log(
    [
      'Memo API is running (local AppSync runtime)',
      `  GraphQL:   ${api.url}`,
      `  Realtime:  ${api.realtimeUrl}`,
      `  GraphiQL:  ${api.url.replace(/\/graphql$/, '/')}`,
      `  App:       ${api.url.replace(/\/graphql$/, '/app/')}`,
      `  Config:    ${api.url.replace(/\/graphql$/, '/config.json')}`,
      `  User pool: ${api.clientConfig.userPoolId}, app client ${api.clientConfig.userPoolClientId}, at ${api.clientConfig.userPoolEndpoint}`,
      `  Users:     ${api.clientConfig.users.map(({ username, password }) => `${username} / ${password}`).join(', ')}`,
      `  IAM:       ${api.iam.accessKeyId} / ${api.iam.secretAccessKey}`,
      `  Data:      ${api.storeDescription}`,
      `  Logs:      ${logsEveryRequest(config.handlerLogLevel) ? `one line per request (POWERTOOLS_LOG_LEVEL=${config.handlerLogLevel})` : 'warnings and errors only (POWERTOOLS_LOG_LEVEL=INFO adds one line per request)'}`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const warning = nonLoopbackWarning(config.host);
  if (warning) console.warn(warning);
}

main().catch((error: unknown) => {
  console.error(`Cannot start: ${startFailure(error)}`);
  process.exit(1);
});

/** One line a user can act on; only a failure nobody foresaw keeps its stack. */
function startFailure(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DataDirInUseError) return error.message;
  const { code, message } = error as { code?: string; message?: string };
  const host = process.env.HOST?.trim();
  switch (code) {
    case 'EADDRINUSE':
      return `the address is in use (${message}). Set PORT to a free port, or 0 for any.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST "${host}" does not resolve to an address (${code}). Use an IP address or a name this machine resolves, e.g. 127.0.0.1.`;
    case 'EADDRNOTAVAIL':
      return `HOST "${host}" is not an address of this machine (${code}). Use 127.0.0.1, or one of this machine's addresses.`;
    case 'EACCES':
      return `not allowed to listen there (${message}). Use a PORT above 1023.`;
    default:
      return error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
}
