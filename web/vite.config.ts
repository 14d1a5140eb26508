import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** The running `npm start` the dev server forwards to (MEMO_API_ORIGIN names another). */
const API_ORIGIN = process.env.MEMO_API_ORIGIN ?? 'http://127.0.0.1:4000';
const sdk = (file: string) => fileURLToPath(new URL(`../sdk/src/${file}`, import.meta.url));

/**
 * `npm run web:dev`: the app's config.json is the runtime's, with every URL pointing at the dev
 * server itself, which forwards GraphQL, the WebSocket and the user pool to the runtime. So the
 * browser talks to one origin only (it works through a forwarded port too), and the runtime sees
 * its own Host (changeOrigin), which its DNS-rebinding check requires.
 */
function devClientConfig(): Plugin {
  return {
    name: 'memo-dev-client-config',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((request, response, next) => void serveClientConfig(request, response, next));
    },
  };
}

async function serveClientConfig(request: IncomingMessage, response: ServerResponse, next: () => void): Promise<void> {
  if (request.method !== 'GET' || !['/app/config.json', '/config.json'].includes(request.url ?? '')) return next();
  try {
    const config = (await (await fetch(`${API_ORIGIN}/config.json`)).json()) as Record<string, unknown>;
    const origin = `http://${request.headers.host}`;
    const rewritten = {
      ...config,
      graphqlUrl: `${origin}/graphql`,
      realtimeUrl: `${origin.replace(/^http/, 'ws')}/graphql/realtime`,
      userPoolEndpoint: `${origin}/`,
    };
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(rewritten));
  } catch (error) {
    response.statusCode = 502;
    response.end(`No memo API at ${API_ORIGIN} (start it with npm start): ${String(error)}`);
  }
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  // The SDK from its sources: always current, no `npm run sdk:build` first.
  resolve: {
    alias: [
      { find: /^@memo-api\/client$/, replacement: sdk('index.ts') },
      { find: /^@memo-api\/client\/urql$/, replacement: sdk('urql.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [devClientConfig()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: true, ws: true },
      // The user pool's Cognito API is POST / (X-Amz-Target); a GET of / goes to the app.
      '^/$': { target: API_ORIGIN, changeOrigin: true, bypass: (request) => (request.method === 'GET' ? '/app/' : undefined) },
    },
  },
});
