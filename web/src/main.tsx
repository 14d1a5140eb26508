import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { loadAppConfig } from './config.js';
import { registerServiceWorker } from './serviceWorker.js';
import './styles.css';

registerServiceWorker();
const root = createRoot(document.getElementById('root')!);
loadAppConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <main className="auth">
        <h1>Memos</h1>
        <p role="alert">The app cannot start: {error instanceof Error ? error.message : String(error)}</p>
      </main>,
    ),
);
