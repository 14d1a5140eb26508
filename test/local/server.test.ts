import { describe, expect, it } from 'vitest';
import { startLocalApi } from '../../local/server.js';
import { postGraphQL } from './helpers/localApiProcess.js';

// startLocalApi in-process, as a benchmark would use it. It points this worker's handler
// environment at its own in-memory store (vitest gives each test file its own process).
describe('startLocalApi', () => {
  it('serves the API in-process on a free loopback port and closes cleanly', async () => {
    const api = await startLocalApi({ apiKey: 'da2-inprocess' });
    try {
      expect(api.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(api.realtimeUrl).toBe(api.url.replace('http://', 'ws://').replace(/graphql$/, 'graphql/realtime'));
      const created = await postGraphQL(api.url, { query: 'mutation { createMemo(input: { content: "in-process" }) { version } }' }, { 'x-api-key': api.apiKey });
      expect(created.body).toEqual({ data: { createMemo: { version: 1 } } });
      await expect(startLocalApi()).rejects.toThrow('startLocalApi already ran in this process');
    } finally {
      await api.close();
    }
    await expect(fetch(api.url)).rejects.toThrow();
  });
});
