import { loadMemoClientConfig, refreshUserPoolTokens, signInWithPassword, signOut, UserPoolError, userPoolOf } from '@memo-api/client';

// The user pool's calls one by one (UserPoolSession strings them together), in Cognito's API, which the local runtime speaks too.
const pool = userPoolOf(await loadMemoClientConfig(process.env.MEMO_CONFIG_URL ?? 'http://127.0.0.1:4000/config.json'));
const wrong = await signInWithPassword(pool, process.env.MEMO_USERNAME!, 'Not-the-Passw0rd!').catch((error: unknown) => error);
if (wrong instanceof UserPoolError) console.log(wrong.type); // NotAuthorizedException

const tokens = await signInWithPassword(pool, process.env.MEMO_USERNAME!, process.env.MEMO_PASSWORD!);
const fresh = await refreshUserPoolTokens(pool, tokens.refreshToken); // new ID and access tokens
console.log(fresh.refreshToken === tokens.refreshToken); // true
await signOut(pool, tokens.refreshToken); // revoked: refreshing with it fails from now on
