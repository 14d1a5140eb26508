import type { SeedUser } from '../auth/userPool/types.js';

/**
 * What a client needs to sign in and call the API, served at `GET /config.json`: exactly the
 * shape `npm run deploy` writes from the stack outputs, so one front end runs against both.
 * `users` (the local pool's seeded users and their passwords) exists only locally.
 */
export interface ClientConfig {
  readonly graphqlUrl: string;
  readonly realtimeUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** Where Cognito's API is (Amplify Auth's `userPoolEndpoint`, the AWS SDK's `endpoint`). */
  readonly userPoolEndpoint: string;
  readonly users: readonly { readonly username: string; readonly password: string }[];
}

export function clientConfig(settings: {
  origin: string;
  graphqlPath: string;
  realtimePath: string;
  region: string;
  userPoolId: string;
  userPoolClientId: string;
  users: readonly SeedUser[];
}): ClientConfig {
  const { origin } = settings;
  return {
    graphqlUrl: `http://${origin}${settings.graphqlPath}`,
    realtimeUrl: `ws://${origin}${settings.realtimePath}`,
    region: settings.region,
    userPoolId: settings.userPoolId,
    userPoolClientId: settings.userPoolClientId,
    userPoolEndpoint: `http://${origin}/`,
    users: settings.users.map(({ username, password }) => ({ username, password })),
  };
}
