import { createMemoClient, loadMemoClientConfig, userPoolOf, UserPoolSession } from '@memo-api/client';
import WebSocket from 'ws';

// Endpoints and user pool: the local runtime serves them at /config.json; on AWS, the stack's outputs.
const config = await loadMemoClientConfig(process.env.MEMO_CONFIG_URL ?? 'http://127.0.0.1:4000/config.json');
const session = new UserPoolSession(userPoolOf(config)); // refreshes the tokens when they near expiry
await session.signIn(process.env.MEMO_USERNAME!, process.env.MEMO_PASSWORD!);

export const memo = createMemoClient(config, {
  auth: session.auth, // the current ID token, read for every request and (re)connect
  WebSocket, // Node 20 has no global WebSocket; browsers and Node 22+ need no option
});
