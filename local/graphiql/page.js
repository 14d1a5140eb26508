// The GraphiQL page's script (plain browser JavaScript, served as is). Queries and mutations go
// over HTTP; subscriptions over AppSync's real-time protocol, exactly as a front end would.
/* global React, ReactDOM, GraphiQL */
const config = JSON.parse(document.getElementById('local-api-config').textContent);
const httpFetcher = GraphiQL.createFetcher({ url: config.endpoint });
const realtimeEndpoint = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${config.realtimePath}`;

function operationType(params, documentAST) {
  const operations = (documentAST?.definitions ?? []).filter((d) => d.kind === 'OperationDefinition');
  const chosen = operations.find((d) => !params.operationName || d.name?.value === params.operationName);
  return chosen?.operation;
}

/** One AppSync real-time connection per subscription, as an observable GraphiQL understands. */
function appSyncSubscription(params, headers) {
  return {
    subscribe(observer) {
      const authorization = { 'x-api-key': headers['x-api-key'] ?? '', host: location.host };
      const header = btoa(JSON.stringify(authorization));
      const socket = new WebSocket(`${realtimeEndpoint}?header=${header}&payload=e30=`, ['graphql-ws']);
      const id = crypto.randomUUID();
      socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        if (message.type === 'connection_ack') {
          const data = JSON.stringify({ query: params.query, variables: params.variables ?? {}, operationName: params.operationName });
          socket.send(JSON.stringify({ id, type: 'start', payload: { data, extensions: { authorization } } }));
        } else if (message.type === 'data') {
          observer.next(message.payload);
        } else if (message.type === 'error' || message.type === 'connection_error') {
          observer.next({ errors: message.payload.errors });
          socket.close();
        }
      };
      socket.onerror = () => observer.error(new Error(`Cannot connect to ${realtimeEndpoint}`));
      socket.onclose = () => observer.complete();
      return {
        unsubscribe() {
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ id, type: 'stop' }));
          socket.close();
        },
      };
    },
  };
}

function fetcher(params, options = {}) {
  if (operationType(params, options.documentAST) === 'subscription') return appSyncSubscription(params, options.headers ?? {});
  return httpFetcher(params, options);
}

ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery: config.exampleOperations,
    variables: config.exampleVariables,
    headers: JSON.stringify({ 'x-api-key': config.apiKey }, null, 2),
    defaultEditorToolsVisibility: 'headers',
    isHeadersEditorEnabled: true,
  }),
);
