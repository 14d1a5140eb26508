import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print } from 'graphql';

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
  'page.js': [fileURLToPath(new URL('graphiql/page.js', import.meta.url)), 'text/javascript'],
};

export const EXAMPLE_OPERATIONS = `# The memo API, served by the local AppSync runtime.
# The x-api-key header is filled in below. Run an operation
# with the ▶ button (or Ctrl-Enter with the cursor in it).
#
# Every mutation and subscription selects ...MemoFields:
# AppSync (and this runtime) delivers to a subscriber only
# the fields the triggering mutation selected, so a
# subscription asking for more fails ("Cannot return null").

${memoFieldsFragment()}

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

# Stays open (over /graphql/realtime) and shows each memo
# created by CreateMemo, from this tab or any other client.
subscription OnCreateMemo {
  onCreateMemo { ...MemoFields }
}
`;

/** The MemoFields fragment as graphql/operations.graphql defines it: one definition for SDK and examples. */
function memoFieldsFragment(): string {
  const operations = parse(readFileSync(new URL('../graphql/operations.graphql', import.meta.url), 'utf8'));
  const fragment = operations.definitions.find((definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === 'MemoFields');
  if (!fragment) throw new Error('graphql/operations.graphql defines no MemoFields fragment');
  return print(fragment);
}

export interface GraphiqlPageSettings {
  readonly apiKey: string;
  /** Paths, resolved by the browser against the page's own origin. */
  readonly endpointPath: string;
  readonly realtimePath: string;
}

/** The HTML of the GraphiQL page, pre-filled with the API key header and example operations. */
export function graphiqlHtml(settings: GraphiqlPageSettings): string {
  const config = {
    apiKey: settings.apiKey,
    endpoint: settings.endpointPath,
    realtimePath: settings.realtimePath,
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
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
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
  const entry = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!entry) return undefined;
  return { body: await readFile(entry[0]), contentType: entry[1] };
}
