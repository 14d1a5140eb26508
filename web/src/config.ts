import { parseMemoClientConfig, type MemoClientConfig } from '@memo-api/client';

/** The config as the app uses it: the SDK's; `users` (with passwords) exists only on the local runtime. */
export type AppConfig = MemoClientConfig;

/**
 * Where config.json is: next to the app (`<base>config.json`, /app/config.json), which is where
 * `npm run deploy` puts it on AWS. The local runtime serves the same file there, and the dev
 * server its own version. Relative to the base, so the app moves with it.
 */
export const CONFIG_URL = `${import.meta.env.BASE_URL}config.json`;

/** Loads and checks the app's config (the SDK's check), keeping the local users for the sign-in hints. @throws {Error} naming what is wrong */
export async function loadAppConfig(): Promise<AppConfig> {
  const response = await fetch(CONFIG_URL, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`Could not load ${CONFIG_URL}: HTTP ${response.status}`);
  const config = parseMemoClientConfig(await response.json(), CONFIG_URL);
  if (!config.userPoolClientId) throw new Error(`${CONFIG_URL} names no user pool app client (userPoolClientId)`);
  return config;
}
