import { registerSW } from 'virtual:pwa-register';
import { CONFIG_URL } from './config.js';

/**
 * Registers the app's service worker (vite.config.ts: the app shell precached, config.json
 * network-first), so a reload with no network still opens the app. The first load's config.json
 * was fetched before the worker controlled the page, so nothing cached it: it is fetched again
 * once the worker takes control, which leaves a copy for the next offline reload.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const warmConfig = () => void fetch(CONFIG_URL, { cache: 'no-cache' }).catch(() => undefined);
  if (navigator.serviceWorker.controller) warmConfig();
  else navigator.serviceWorker.addEventListener('controllerchange', warmConfig, { once: true });
  registerSW({ immediate: true, onRegisterError: (error: unknown) => console.warn('The app will not work offline:', error) });
}
