/**
 * `npm start`: the memo API on this machine, as AppSync serves it, on an embedded store.
 * Settings come from the environment (see README "Run it locally"); `--in-memory` keeps no data.
 */
import { ConfigError, readLocalConfig } from './config.js';
import { DataDirInUseError } from './embeddedStore.js';
import { nonLoopbackWarning } from './hostAccess.js';
import { startLocalApi } from './server.js';

async function main(): Promise<void> {
  const config = readLocalConfig(process.env, process.argv.slice(2));
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
      `  API key:   ${api.apiKey}`,
      `  Data:      ${api.storeDescription} (table ${config.tableName})`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  const warning = nonLoopbackWarning(config.host);
  if (warning) console.warn(warning);
}

main().catch((error: unknown) => {
  const code = (error as { code?: string }).code;
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    console.error(`Cannot start: ${error.message}`);
  } else if (code === 'EADDRINUSE') {
    console.error(`Cannot start: the address is in use (${(error as Error).message}). Set PORT to a free port.`);
  } else {
    console.error('Cannot start:', error);
  }
  process.exit(1);
});
