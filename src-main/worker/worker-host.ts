import { Worker } from 'node:worker_threads';
import { EngineError, type EngineErrorValue } from '../engine/util/engine-error';
import { isWorkerReply, type JobMessage, type WorkerReply } from './worker-protocol';
import type { JobKind, JobTypes } from './worker-jobs';

export interface WorkerHostOptions {
  /** The worker entry: the built `worker-entry.js`, or the `.ts` source (run through tsx). */
  entry: URL;
}

const DEV_BOOTSTRAP = new URL('./dev-worker-bootstrap.mjs', import.meta.url);

export interface RunningJob<R> {
  id: number;
  result: Promise<R>;
  /** Ask the worker to stop after the current step; the job resolves with what it has. */
  cancel(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: EngineError): void;
  onProgress: ((progress: never) => void) | undefined;
}

const fromValue = (e: EngineErrorValue): EngineError =>
  new EngineError(e.code, e.message, e.line === undefined ? undefined : { line: e.line });

/**
 * Owns the one long-lived training worker on the main side: starts jobs, relays progress, cancels,
 * and when the worker dies (a crash, an out-of-memory kill) fails the jobs it held with a clear
 * error and starts a fresh worker for the next job.
 */
export class WorkerHost {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerHostOptions) {}

  /** Restarts so far (a test and the About box can show it). */
  restarts = 0;

  run<K extends JobKind>(
    kind: K,
    request: JobTypes[K]['request'],
    onProgress?: (progress: JobTypes[K]['progress']) => void,
  ): RunningJob<JobTypes[K]['result']> {
    if (this.closed) throw new EngineError('INTERNAL', 'the training worker has been shut down');
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const cancelFlag = new SharedArrayBuffer(4);
    const result = new Promise<JobTypes[K]['result']>((resolve, reject) => {
      this.pending.set(id, {
        resolve: resolve as (value: unknown) => void,
        reject,
        onProgress,
      });
    });
    const message: JobMessage = { type: 'job', id, kind, payload: request, cancelFlag };
    worker.postMessage(message);
    return {
      id,
      result,
      cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.failAll('the training worker was shut down');
    if (worker !== null) await worker.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const { entry } = this.options;
    const worker = entry.pathname.endsWith('.ts')
      ? new Worker(DEV_BOOTSTRAP, { workerData: { tsEntry: entry.href } })
      : new Worker(entry);
    worker.on('message', (reply: unknown) => {
      if (isWorkerReply(reply)) this.handleReply(reply);
    });
    worker.on('error', (error) => this.onWorkerDied(worker, `crashed: ${error.message}`));
    worker.on('exit', (code) => this.onWorkerDied(worker, `exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private handleReply(reply: WorkerReply): void {
    const job = this.pending.get(reply.id);
    if (job === undefined) return;
    if (reply.type === 'progress') {
      // The worker sends the progress type of the job's kind (JobTypes), checked at the call site.
      job.onProgress?.(reply.progress as never);
      return;
    }
    this.pending.delete(reply.id);
    if (reply.type === 'result') job.resolve(reply.value);
    else job.reject(fromValue(reply.error));
  }

  private onWorkerDied(worker: Worker, how: string): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.closed) return;
    this.restarts++;
    this.failAll(`the training worker ${how}; a fresh worker will run the next job`);
  }

  private failAll(message: string): void {
    for (const job of this.pending.values()) job.reject(new EngineError('WORKER_CRASHED', message));
    this.pending.clear();
  }
}
