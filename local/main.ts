/**
 * `npm start`: the memo API on this machine, as AppSync serves it, on an embedded store.
 * Settings come from the environment (see `npm start -- --help`); `--in-memory` keeps no data.
 */
import { ConfigError, readLocalConfig, USAGE, wantsHelp } from './config.js';
import { DataDirInUseError } from './store/embeddedStore.js';
import { nonLoopbackWarning } from './http/hostAccess.js';
import { startLocalApi } from './server.js';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return;
  }
  const config = readLocalConfig(process.env, argv);
  const starting = startLocalApi(config);
  // Listen before anything is printed: a supervisor may signal as soon as it sees the banner.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log(`${signal}: finishing in-flight requests and closing the store…`);
      starting
        .then((api) => api.close())
        .then(
          () => {
            console.log('Stopped.');
            process.exit(0);
          },
          (error: unknown) => {
            console.error('Shutdown failed:', error);
            process.exit(1);
          },
        );
    });
  }
  const api = await starting;
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
