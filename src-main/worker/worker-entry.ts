import { parentPort, type MessagePort } from 'node:worker_threads';
import { toErrorValue } from '../engine/util/engine-error';
import type { JobMessage, WorkerReply } from './worker-protocol';
import { JOB_HANDLERS, type JobContext, type JobKind } from './worker-jobs';
import { WorkerSession } from './worker-session';

/**
 * The worker_threads entry: one message loop that runs engine jobs one at a time. Only one worker
 * exists per process because tfjs-node tolerates a single worker thread (tfjs issue 8388).
 */
async function runJob(
  port: MessagePort,
  session: WorkerSession,
  message: JobMessage,
): Promise<void> {
  const cancel = new Int32Array(message.cancelFlag);
  const reply = (r: WorkerReply): void => port.postMessage(r);
  try {
    const handler = JOB_HANDLERS[message.kind as JobKind] as
      ((request: unknown, context: JobContext<unknown>) => Promise<unknown>) | undefined;
    if (handler === undefined) throw new Error(`unknown job kind "${message.kind}"`);
    const value = await handler(message.payload, {
      onProgress: (progress) => reply({ type: 'progress', id: message.id, progress }),
      isCancelled: () => Atomics.load(cancel, 0) === 1,
      session,
    });
    reply({ type: 'result', id: message.id, value });
  } catch (error) {
    reply({ type: 'error', id: message.id, error: toErrorValue(error) });
  }
}

function serveJobs(port: MessagePort): void {
  // Jobs run strictly one after another: a queue keeps a second request from interleaving steps.
  const session = new WorkerSession();
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (message: JobMessage) => {
    queue = queue.then(() => runJob(port, session, message));
  });
}

if (parentPort === null) throw new Error('worker-entry must run inside a worker thread');
serveJobs(parentPort);
