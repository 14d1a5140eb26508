// The libraries the page loads as UMD scripts before its own (graphiqlPage.ts serves them from
// node_modules): globals, typed by their packages' declarations.
import type * as ReactModule from 'react';
import type * as ReactDOMClient from 'react-dom/client';
import type { GraphiQL as GraphiQLComponent } from 'graphiql';

declare global {
  const React: typeof ReactModule;
  const ReactDOM: typeof ReactDOMClient;
  const GraphiQL: typeof GraphiQLComponent;
}
