import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { APP_ICONS, appColours, appIcons } from './appIcons.js';

/** The running `npm start` the dev server forwards to (MEMO_API_ORIGIN names another). */
const API_ORIGIN = process.env.MEMO_API_ORIGIN ?? 'http://127.0.0.1:4000';
/** Where the app is served (local/http/webApp.ts serves web/dist there; `npm run deploy` puts it there). */
const BASE = '/app/';
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

/**
 * The service worker (Workbox, generated): the app shell precached, so a reload with no network
 * still opens the app; config.json network-first with the last copy as the fallback, so an offline
 * reload still configures it. Nothing else is cached: GraphQL and the user pool are POSTs the
 * worker lets through (Workbox routes GETs only), and the memos live in IndexedDB, not here.
 * `autoUpdate`: a new build's worker takes over at once and the page reloads into it.
 */
function offlineShell(): Plugin[] {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: false, // src/serviceWorker.ts registers it, and warms the config cache
    manifest: appManifest(),
    // The same worker however the build is run (vitest sets NODE_ENV=test, which would pick Workbox's verbose development build).
    mode: 'production',
    workbox: {
      globPatterns: ['**/*.{js,css,html}'],
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // A new worker takes over at once, and the first load's page too (so its config.json is cached for an offline reload).
      skipWaiting: true,
      clientsClaim: true,
      runtimeCaching: [
        {
          // A RegExp matches same-origin URLs only unless it matches from the start: this origin's config.
          urlPattern: new RegExp(`${BASE.replace(/\//g, '\\/')}config\\.json$`),
          handler: 'NetworkFirst',
          options: { cacheName: 'memo-app-config' }, // one URL: nothing to expire
        },
      ],
    },
  });
}

/**
 * The web app manifest (manifest.webmanifest, linked from the page): installable as an app of its
 * own window, opening at the list; the colours are the page's own (styles.css), the icons drawn
 * at build time (appIcons.ts).
 */
function appManifest() {
  const { accent, wash } = appColours();
  return {
    name: 'Memos',
    short_name: 'Memos',
    description: 'Your memos, on this device and synced, also offline',
    start_url: BASE,
    scope: BASE,
    display: 'standalone' as const,
    theme_color: accent,
    background_color: wash,
    icons: APP_ICONS.map(({ src, size, purpose }) => ({ src, sizes: `${size}x${size}`, type: 'image/png', purpose })),
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: BASE,
  // The SDK from its sources: always current, no `npm run sdk:build` first.
  resolve: {
    alias: [
      { find: /^@memo-api\/client$/, replacement: sdk('index.ts') },
      { find: /^@memo-api\/client\/offline$/, replacement: sdk('offline.ts') },
    ],
  },
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true },
  plugins: [devClientConfig(), appIcons(BASE), offlineShell()],
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: true, ws: true },
      // The user pool's Cognito API is POST / (X-Amz-Target); a GET of / goes to the app.
      '^/$': { target: API_ORIGIN, changeOrigin: true, bypass: (request) => (request.method === 'GET' ? '/app/' : undefined) },
    },
  },
});
