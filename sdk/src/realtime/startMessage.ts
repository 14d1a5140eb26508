import { realtimeStartAuthorization } from '../auth/providers.js';
import type { RealtimeClientSettings, SubscribePayload } from './types.js';

/** AppSync's `start` message: the request as a JSON string, and authorization for exactly that string. */
export interface StartMessage {
  readonly id: string;
  readonly type: 'start';
  readonly payload: { readonly data: string; readonly extensions: { readonly authorization: Record<string, string> } };
}

/** The start message of subscription `id`, with authorization read from the settings' provider now. */
export async function startMessage(settings: RealtimeClientSettings, id: string, payload: SubscribePayload): Promise<StartMessage> {
  const { query, variables, operationName } = payload;
  const data = JSON.stringify({ query, variables: variables ?? {}, ...(operationName ? { operationName } : {}) });
  const authorization = await realtimeStartAuthorization(settings.auth, settings.graphqlUrl, data, settings.region);
  return { id, type: 'start', payload: { data, extensions: { authorization } } };
}
