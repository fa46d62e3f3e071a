import type { EngineErrorValue } from '../engine/util/engine-error';

/**
 * Messages between the main process and the one long-lived training worker. Payloads are plain
 * data (structured clone: typed arrays pass as they are); cancellation is a shared Int32 flag the
 * worker polls between steps, so a stop lands within one step even while the loop is busy.
 */
export interface JobMessage<K extends string = string, P = unknown> {
  type: 'job';
  id: number;
  kind: K;
  payload: P;
  /** Int32Array over a SharedArrayBuffer of length 1: set to 1 to cancel. */
  cancelFlag: SharedArrayBuffer;
}

export type WorkerReply =
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: EngineErrorValue };

export function isWorkerReply(value: unknown): value is WorkerReply {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; id?: unknown };
  return (
    typeof v.id === 'number' && (v.type === 'progress' || v.type === 'result' || v.type === 'error')
  );
}
