import { createMemoClient, loadMemoClientConfig, userPoolAuth } from '@memo-api/client';
import WebSocket from 'ws';
import { signInWithPassword } from './signIn.js';

// Endpoints and user pool: the local runtime serves them at /config.json; on AWS, the stack's outputs.
const config = await loadMemoClientConfig(process.env.MEMO_CONFIG_URL ?? 'http://127.0.0.1:4000/config.json');
const idToken = await signInWithPassword(config, process.env.MEMO_USERNAME!, process.env.MEMO_PASSWORD!);

export const memo = createMemoClient(config, {
  auth: userPoolAuth(() => idToken), // read for every request and (re)connect: return a fresh token here
  WebSocket, // Node 20 has no global WebSocket; browsers and Node 22+ need no option
});
