// The GraphiQL page's script, bundled for the browser by graphiqlPage.ts. It signs a local user in
// to the runtime's user pool with the SDK and sends their ID token in Authorization, as a front
// end would: queries and mutations over HTTP, subscriptions over AppSync's real-time protocol,
// both through the SDK.
import { loadMemoClientConfig, type MemoClientConfig } from '@memo-api/client';
import { createFetcher } from './fetcher.js';
import { HeaderAuth } from './headerAuth.js';
import type { GraphiqlPageConfig } from './pageConfig.js';
import { messageOf, PageSession } from './pageSession.js';

const page = JSON.parse(document.getElementById('local-api-config')!.textContent) as GraphiqlPageConfig;
const origin = `${location.protocol}//${location.host}`;
const realtimeUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${page.realtimePath}`;

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const bar = {
  signInForm: element<HTMLFormElement>('sign-in-form'),
  user: element<HTMLSelectElement>('sign-in-user'),
  signUpForm: element<HTMLFormElement>('sign-up-form'),
  status: element<HTMLElement>('session-user'),
  signOut: element<HTMLButtonElement>('sign-out'),
  error: element<HTMLElement>('session-error'),
};
const graphiqlRoot = ReactDOM.createRoot(element('graphiql'));

const showError = (message: string) => (bar.error.textContent = message);

/** Runs a bar action, showing its failure (a user-pool refusal with Cognito's exception name) under the bar. */
async function act(action: () => Promise<unknown>): Promise<void> {
  showError('');
  try {
    await action();
  } catch (error) {
    showError(messageOf(error));
  }
}

/** Everything that needs /config.json (the user pool, the local users): set up once it is loaded. */
function run(config: MemoClientConfig): PageSession {
  const users = config.users ?? [];
  const pageSession = new PageSession(config, showError);
  const { session } = pageSession;
  const headerAuth = new HeaderAuth(() => pageSession.currentToken());
  const renew = () => pageSession.renew();
  let headersText = '{}';
  // A new fetcher per signed-in user makes GraphiQL fetch the schema again (it failed while nobody was signed in).
  let fetcher = createFetcher({ graphqlUrl: `${origin}${page.endpoint}`, realtimeUrl, region: config.region, headerAuth, renew });
  let fetcherUser = session.current()?.username;

  const render = () => {
    const user = session.current();
    bar.status.textContent = user ? `Signed in as ${user.username}` : 'Not signed in';
    bar.signOut.hidden = !user;
    if (user && [...bar.user.options].some((option) => option.value === user.username)) bar.user.value = user.username;
    if (user) headerAuth.issue(user.idToken);
    headersText = headerAuth.withToken(headersText, user?.idToken);
    if (fetcherUser !== user?.username) {
      fetcherUser = user?.username;
      fetcher = createFetcher({ graphqlUrl: `${origin}${page.endpoint}`, realtimeUrl, region: config.region, headerAuth, renew });
    }
    graphiqlRoot.render(
      React.createElement(GraphiQL, {
        fetcher,
        defaultQuery: page.exampleOperations,
        variables: page.exampleVariables,
        headers: headersText,
        onEditHeaders: (text: string) => (headersText = text),
        defaultEditorToolsVisibility: 'headers',
        isHeadersEditorEnabled: true,
      }),
    );
  };
  session.subscribe(render);
  session.keepFresh((error) => showError(`Could not refresh the tokens (${messageOf(error)}); retrying.`));

  bar.user.replaceChildren(...users.map(({ username }) => new Option(username, username)));
  bar.user.disabled = bar.signInForm.querySelector('button')!.disabled = users.length === 0;
  bar.signInForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const user = users.find(({ username }) => username === bar.user.value);
    if (user) void act(() => session.signIn(user.username, user.password));
  });
  bar.signUpForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(bar.signUpForm);
    const field = (name: string) => form.get(name) as string; // text inputs: never a File
    const username = field('username').trim();
    const password = field('password');
    void act(async () => {
      if (await session.signUp(username, password)) bar.signUpForm.reset();
    });
  });
  bar.signOut.addEventListener('click', () => void act(() => session.signOut()));
  render();
  return pageSession;
}

/** Loads /config.json, then resumes this tab's session (sessionStorage) or signs the first local user in. */
async function start(): Promise<void> {
  const config = await loadMemoClientConfig(new URL(page.clientConfigPath, origin));
  const pageSession = run(config);
  const first = config.users?.[0];
  if (pageSession.session.current() || pageSession.signedOut() || !first) return;
  await pageSession.session.signIn(first.username, first.password);
}

start().catch((error: unknown) => showError(`Could not sign in: ${messageOf(error)}`));
