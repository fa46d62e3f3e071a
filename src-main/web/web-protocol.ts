import type { Result } from '../contract/result';

/**
 * Messages on the bridge's WebSocket (`/api`). The renderer calls a channel and gets one result
 * back with the same id; events are pushed to every connected page.
 */
export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  payload: unknown;
}

export type ServerMessage =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; event: string; payload: unknown };

export const TOKEN_COOKIE = 'rnn_studio_token';
export const API_PATH = '/api';
