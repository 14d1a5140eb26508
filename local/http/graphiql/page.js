// The GraphiQL page's script (plain browser JavaScript, served as is). It signs a local user in
// against the runtime's Cognito-compatible user pool and sends their ID token in Authorization,
// as a front end would: queries and mutations over HTTP, subscriptions over AppSync's real-time
// protocol. One file, no bundler: the page must work offline from the runtime alone.
/* global React, ReactDOM, GraphiQL */
const config = JSON.parse(document.getElementById('local-api-config').textContent);
const realtimeEndpoint = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${config.realtimePath}`;
const SESSION_STORAGE_KEY = 'memo-graphiql:session';
/** Tokens are refreshed this long before they expire (and before any request made later than that). */
const REFRESH_MARGIN_MS = 60_000;
const RETRY_REFRESH_MS = 30_000;

const bar = {
  signInForm: document.getElementById('sign-in-form'),
  user: document.getElementById('sign-in-user'),
  signUpForm: document.getElementById('sign-up-form'),
  status: document.getElementById('session-user'),
  signOut: document.getElementById('sign-out'),
  error: document.getElementById('session-error'),
};

/** What /config.json says (user pool endpoint, app client, local users); loaded at start. */
let clientConfig;
/** `{ username, idToken, accessToken, refreshToken, expiresAt }` of the signed-in user, or undefined. */
let session;
/** Every ID token this page put in the header editor: those are replaced, a header typed by hand is not. */
const issuedTokens = new Set();
let refreshTimer;
let refreshing;

// ---- The user pool, in Cognito's wire protocol ----

class UserPoolError extends Error {
  constructor(type, message) {
    super(message);
    this.name = type;
  }
}

async function userPool(action, body) {
  const response = await fetch(clientConfig.userPoolEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
    body: JSON.stringify({ ClientId: clientConfig.userPoolClientId, ...body }),
  });
  const reply = await response.json().catch(() => ({}));
  if (!response.ok) throw new UserPoolError(reply.__type ?? `HTTP ${response.status}`, reply.message ?? response.statusText);
  return reply;
}

const tokensOf = ({ IdToken, AccessToken, ExpiresIn }) => ({ idToken: IdToken, accessToken: AccessToken, expiresAt: Date.now() + ExpiresIn * 1000 });

async function signIn(username, password) {
  const { AuthenticationResult: result } = await userPool('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } });
  setSession({ username, refreshToken: result.RefreshToken, ...tokensOf(result) });
}

/** REFRESH_TOKEN_AUTH, one at a time; a session the pool no longer knows ends (seeded users sign in again). */
function refresh() {
  refreshing ??= (async () => {
    const current = session;
    if (!current) return;
    try {
      const { AuthenticationResult: result } = await userPool('InitiateAuth', { AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: current.refreshToken } });
      if (session === current) setSession({ ...current, ...tokensOf(result) });
    } catch (error) {
      if (session !== current) return;
      if (!(error instanceof UserPoolError)) throw error;
      const seeded = clientConfig.users.find((user) => user.username === current.username);
      if (seeded) return signIn(seeded.username, seeded.password);
      signOut();
      showError(`The session of ${current.username} ended (${error.message}): sign in again.`);
    }
  })().finally(() => (refreshing = undefined));
  return refreshing;
}

function setSession(next) {
  session = next;
  clearTimeout(refreshTimer);
  if (next) {
    issuedTokens.add(next.idToken);
    scheduleRefresh(Math.max(next.expiresAt - REFRESH_MARGIN_MS - Date.now(), 0));
  }
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify(next ? { clientId: clientConfig.userPoolClientId, ...next } : { signedOut: true }));
  render();
}

function scheduleRefresh(delayMs) {
  refreshTimer = setTimeout(() => refresh().catch((error) => {
    showError(`Could not refresh the tokens (${error.message}); retrying.`);
    scheduleRefresh(RETRY_REFRESH_MS);
  }), delayMs);
}

function signOut() {
  // Ends the session at the pool too, as Amplify's signOut does; the page forgets it either way.
  if (session) userPool('RevokeToken', { Token: session.refreshToken }).catch(() => {});
  setSession(undefined);
}

/** The ID token to send now, refreshed first when it is about to expire. */
async function currentToken() {
  if (session && session.expiresAt - Date.now() < REFRESH_MARGIN_MS) await refresh();
  return session?.idToken;
}

// ---- Requests: the header editor's headers, with the current token unless one was typed by hand ----

const authorizationKey = (headers) => Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');

async function requestHeaders(editorHeaders) {
  const headers = { ...editorHeaders };
  const key = authorizationKey(headers);
  if (key !== undefined && !issuedTokens.has(headers[key])) return { headers, authorization: String(headers[key]), pageToken: false };
  if (key !== undefined) delete headers[key];
  const token = await currentToken();
  return token ? { headers: { ...headers, Authorization: token }, authorization: token, pageToken: true } : { headers, authorization: '', pageToken: false };
}

async function httpFetch(params, editorHeaders, retried = false) {
  const { headers, pageToken } = await requestHeaders(editorHeaders);
  const response = await fetch(config.endpoint, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(params) });
  if (response.status === 401 && pageToken && !retried) {
    await refresh();
    return httpFetch(params, editorHeaders, true);
  }
  return response.json();
}

const base64Json = (value) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(value))));
const isUnauthorized = (errors) => Array.isArray(errors) && errors.some((error) => error.errorType === 'UnauthorizedException');

/** One AppSync real-time connection per subscription, as an observable GraphiQL understands. */
function appSyncSubscription(params, editorHeaders) {
  return {
    subscribe(observer) {
      let socket;
      let stopped = false;
      const id = crypto.randomUUID();
      const open = async (retried) => {
        const { authorization: token, pageToken } = await requestHeaders(editorHeaders);
        if (stopped) return;
        // AppSync's user-pool mode: the token raw in Authorization, with the host, at connect and in every start.
        const authorization = { host: location.host, Authorization: token };
        socket = new WebSocket(`${realtimeEndpoint}?header=${encodeURIComponent(base64Json(authorization))}&payload=e30=`, ['graphql-ws']);
        socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
        socket.onmessage = (event) => {
          const message = JSON.parse(event.data);
          if (message.type === 'connection_ack') {
            const data = JSON.stringify({ query: params.query, variables: params.variables ?? {}, operationName: params.operationName });
            socket.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
          } else if (message.type === 'data') {
            observer.next(message.payload);
          } else if (message.type === 'error' || message.type === 'connection_error') {
            const errors = message.payload?.errors;
            if (isUnauthorized(errors) && pageToken && !retried) {
              socket.onclose = null;
              socket.close();
              refresh().then(() => open(true)).catch((error) => observer.error(error));
              return;
            }
            observer.next({ errors });
            socket.close();
          }
        };
        socket.onerror = () => observer.error(new Error(`Cannot connect to ${realtimeEndpoint}`));
        socket.onclose = () => observer.complete();
      };
      open(false).catch((error) => observer.error(error));
      return {
        unsubscribe() {
          stopped = true;
          if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: 'stop' }));
          socket?.close();
        },
      };
    },
  };
}

function operationType(params, documentAST) {
  const operations = (documentAST?.definitions ?? []).filter((d) => d.kind === 'OperationDefinition');
  const chosen = operations.find((d) => !params.operationName || d.name?.value === params.operationName);
  return chosen?.operation;
}

// A new fetcher per signed-in user makes GraphiQL fetch the schema again (it failed while nobody was signed in).
let fetcher;
let fetcherUser = null;
function fetcherOfCurrentUser() {
  if (!fetcher || fetcherUser !== session?.username) {
    fetcherUser = session?.username;
    fetcher = (params, options = {}) =>
      operationType(params, options.documentAST) === 'subscription' ? appSyncSubscription(params, options.headers ?? {}) : httpFetch(params, options.headers ?? {});
  }
  return fetcher;
}

// ---- The header editor: shows the current token in place of any the page issued before ----

let headersText = '{}';

function headersWithCurrentToken(text) {
  let headers;
  try {
    headers = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return text; // being edited: left alone
  }
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return text;
  const key = authorizationKey(headers);
  if (key !== undefined && !issuedTokens.has(headers[key])) return text;
  const others = { ...headers };
  if (key !== undefined) delete others[key];
  return JSON.stringify(session ? { Authorization: session.idToken, ...others } : others, null, 2);
}

// ---- Rendering ----

const graphiqlRoot = ReactDOM.createRoot(document.getElementById('graphiql'));

function render() {
  const signedIn = Boolean(session);
  bar.status.textContent = signedIn ? `Signed in as ${session.username}` : 'Not signed in';
  bar.signOut.hidden = !signedIn;
  if (signedIn && [...bar.user.options].some((option) => option.value === session.username)) bar.user.value = session.username;
  headersText = headersWithCurrentToken(headersText);
  graphiqlRoot.render(
    React.createElement(GraphiQL, {
      fetcher: fetcherOfCurrentUser(),
      defaultQuery: config.exampleOperations,
      variables: config.exampleVariables,
      headers: headersText,
      onEditHeaders: (text) => (headersText = text),
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
    }),
  );
}

function showError(message) {
  bar.error.textContent = message;
}

/** Runs a bar action, showing its failure (a Cognito error's message) under the bar. */
async function act(action) {
  showError('');
  try {
    await action();
  } catch (error) {
    showError(error instanceof UserPoolError ? `${error.name}: ${error.message}` : String(error));
  }
}

bar.signInForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const user = clientConfig.users.find(({ username }) => username === bar.user.value);
  if (user) void act(() => signIn(user.username, user.password));
});

bar.signUpForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(bar.signUpForm);
  const username = String(form.get('username')).trim();
  const password = String(form.get('password'));
  void act(async () => {
    await userPool('SignUp', { Username: username, Password: password });
    await signIn(username, password);
    bar.signUpForm.reset();
  });
});

bar.signOut.addEventListener('click', () => void act(async () => signOut()));

/** Loads /config.json, then resumes this tab's session (sessionStorage) or signs the first local user in. */
async function start() {
  const response = await fetch(config.clientConfigPath);
  if (!response.ok) throw new Error(`${config.clientConfigPath} answered ${response.status}`);
  clientConfig = await response.json();
  bar.user.replaceChildren(...clientConfig.users.map(({ username }) => new Option(username, username)));
  bar.user.disabled = bar.signInForm.querySelector('button').disabled = clientConfig.users.length === 0;
  const stored = JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? 'null');
  if (stored?.signedOut) return render();
  if (stored && stored.clientId === clientConfig.userPoolClientId) {
    const { clientId: _clientId, ...resumed } = stored;
    return setSession(resumed);
  }
  const [first] = clientConfig.users;
  if (!first) return render();
  await signIn(first.username, first.password);
}

start().catch((error) => {
  showError(`Could not sign in: ${error instanceof Error ? error.message : String(error)}`);
  render();
});
