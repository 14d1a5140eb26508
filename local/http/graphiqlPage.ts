import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MEMO_FIELDS_FRAGMENT } from '../appsync/memoFieldsFragment.js';
import type { GraphiqlPageConfig } from './graphiql/pageConfig.js';

/** Where the GraphiQL page's assets are served from; all come from node_modules or local/graphiql. */
export const GRAPHIQL_ASSET_PREFIX = '/graphiql/';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

/** Asset name → [file, content type]. Nothing is fetched from a CDN: the page works offline. */
const ASSETS: Record<string, [string, string]> = {
  'react.js': [join(packageDir('react'), 'umd/react.production.min.js'), 'text/javascript'],
  'react-dom.js': [join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), 'text/javascript'],
  'graphiql.js': [join(packageDir('graphiql'), 'graphiql.min.js'), 'text/javascript'],
  'graphiql.css': [join(packageDir('graphiql'), 'graphiql.min.css'), 'text/css'],
};

/** The page's own script: graphiql/page.ts with the SDK (from its sources), bundled once, on first request. */
let pageScript: Promise<Buffer> | undefined;

async function bundlePageScript(): Promise<Buffer> {
  // Loaded only when the page is asked for: the runtime's start does not pay for esbuild.
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [fileURLToPath(new URL('graphiql/page.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    alias: { '@memo-api/client': fileURLToPath(new URL('../../sdk/src/index.ts', import.meta.url)) },
  });
  return Buffer.from(result.outputFiles[0]!.contents);
}

export const EXAMPLE_OPERATIONS = `# The memo API, served by the local AppSync runtime.
# The bar above signs a local user in (the first one on
# load); every request carries their ID token in the
# Authorization header below, and they see only their
# own memos. Run an operation with the ▶ button (or
# Ctrl-Enter with the cursor in it).
#
# Every mutation and subscription selects ...MemoFields:
# AppSync (and this runtime) delivers to a subscriber only
# the fields the triggering mutation selected, so a
# subscription asking for more fails ("Cannot return null").

${MEMO_FIELDS_FRAGMENT}

mutation CreateMemo {
  createMemo(input: { title: "Hello", content: "My first local memo", tags: ["local"] }) {
    ...MemoFields
  }
}

query ListMemos {
  listMemos(limit: 20) {
    items { ...MemoFields }
    nextToken
  }
}

# Paste a memoId into the variables below first.
query GetMemo($memoId: ID!) {
  memo(memoId: $memoId) { ...MemoFields }
}

# Stays open (over /graphql/realtime) and shows every
# memo the signed-in user creates, from any tab or client.
subscription OnCreateMemo {
  onCreateMemo { ...MemoFields }
}
`;

export interface GraphiqlPageSettings {
  /** Paths, resolved by the browser against the page's own origin. */
  readonly endpointPath: string;
  readonly realtimePath: string;
}

/**
 * The HTML of the GraphiQL page: a sign-in bar (users from /config.json, loaded by page.ts) above
 * GraphiQL, pre-filled with the example operations.
 */
export function graphiqlHtml(settings: GraphiqlPageSettings): string {
  const config: GraphiqlPageConfig = {
    endpoint: settings.endpointPath,
    realtimePath: settings.realtimePath,
    clientConfigPath: '/config.json',
    exampleOperations: EXAMPLE_OPERATIONS,
    exampleVariables: JSON.stringify({ memoId: '00000000-0000-4000-8000-000000000000' }, null, 2),
  };
  // "<" escaped so no value can close the script element.
  const configJson = JSON.stringify(config).replace(/</g, '\\u003c');
  const asset = (name: string) => `${GRAPHIQL_ASSET_PREFIX}${name}`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Memo API · local GraphiQL</title>
  <link rel="stylesheet" href="${asset('graphiql.css')}">
  <style>
    body { margin: 0; height: 100vh; display: flex; flex-direction: column; font: 14px/1.4 system-ui, sans-serif; }
    #graphiql { flex: 1; min-height: 0; }
    .session-bar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1.5rem; padding: 0.45rem 1rem; background: #f3f4f8; border-bottom: 1px solid #d8dbe5; color: #1f2330; }
    .session-bar form { display: flex; align-items: center; gap: 0.4rem; margin: 0; }
    .session-bar input, .session-bar select, .session-bar button { font: inherit; padding: 0.15rem 0.45rem; }
    .session-bar input { width: 9rem; }
    .session-bar p { margin: 0 0 0 auto; }
    .session-bar [role="alert"]:empty { display: none; }
    .session-bar [role="alert"] { flex-basis: 100%; color: #b00020; }
  </style>
</head>
<body>
  <header class="session-bar">
    <form id="sign-in-form" aria-label="Sign in as a local user">
      <label for="sign-in-user">User</label>
      <select id="sign-in-user" name="username" disabled></select>
      <button type="submit" disabled>Sign in</button>
    </form>
    <form id="sign-up-form" aria-label="Sign up a new user">
      <label for="sign-up-username">New username</label>
      <input id="sign-up-username" name="username" autocomplete="off" required>
      <label for="sign-up-password">Password</label>
      <input id="sign-up-password" name="password" type="password" autocomplete="new-password" required>
      <button type="submit">Sign up</button>
    </form>
    <p><span id="session-user" role="status">Not signed in</span> <button id="sign-out" type="button" hidden>Sign out</button></p>
    <div id="session-error" role="alert"></div>
  </header>
  <div id="graphiql">Loading GraphiQL…</div>
  <script type="application/json" id="local-api-config">${configJson}</script>
  <script src="${asset('react.js')}"></script>
  <script src="${asset('react-dom.js')}"></script>
  <script src="${asset('graphiql.js')}"></script>
  <script src="${asset('page.js')}"></script>
</body>
</html>
`;
}

/** An asset of the page by name, or undefined when there is no such asset. */
export async function graphiqlAsset(name: string): Promise<{ body: Buffer; contentType: string } | undefined> {
  if (name === 'page.js') {
    // A failed build is not kept: the next request tries again.
    pageScript ??= bundlePageScript().catch((error: unknown) => {
      pageScript = undefined;
      throw error;
    });
    return { body: await pageScript, contentType: 'text/javascript' };
  }
  const entry = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!entry) return undefined;
  return { body: await readFile(entry[0]), contentType: entry[1] };
}
