import type { Api } from '../../../src-main/contract/api';
import type { EventOf } from '../../../src-main/contract/api-contract';
import type { ApiError } from '../../../src-main/contract/result';
import type {
  ProgressValue,
  RunResultValue,
  TrainStartRequest,
} from '../../../src-main/contract/train-schemas';
import type { LossPoint } from '../charts/loss-chart-option';
import { throttle, type Throttled, type Timers } from './throttle';

export type TrainingPhase = 'idle' | 'starting' | 'running' | 'stopping' | 'finished' | 'failed';

/** Redraws of the live loss chart and the progress numbers: at most five a second. */
export const LIVE_UPDATE_MS = 200;

type TrainEvent =
  | { kind: 'progress'; payload: EventOf<'train:progress'> }
  | { kind: 'done'; payload: EventOf<'train:done'> }
  | { kind: 'failed'; payload: EventOf<'train:failed'> };

/**
 * One training run at a time: start, live progress, stop, and the finished run. Progress events
 * may arrive faster than a screen can use them; they are collected as they come and published to
 * the views at most every LIVE_UPDATE_MS.
 */
export class TrainingStore {
  phase: TrainingPhase = $state('idle');
  runId: string | null = $state(null);
  progress: ProgressValue | null = $state.raw(null);
  history: LossPoint[] = $state.raw([]);
  result: RunResultValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);

  readonly isActive: boolean = $derived(
    this.phase === 'starting' || this.phase === 'running' || this.phase === 'stopping',
  );

  readonly #api: Api;
  #liveHistory: LossPoint[] = [];
  #liveProgress: ProgressValue | null = null;
  /** Events that arrive before train:start has told us the run id. */
  #early: TrainEvent[] = [];
  readonly #publish: Throttled;
  readonly #unsubscribe: (() => void)[];

  constructor(api: Api, timers?: Timers) {
    this.#api = api;
    this.#publish = throttle(
      () => {
        this.history = this.#liveHistory.slice();
        this.progress = this.#liveProgress;
      },
      LIVE_UPDATE_MS,
      timers,
    );
    this.#unsubscribe = [
      api.on('train:progress', (payload) => this.#receive({ kind: 'progress', payload })),
      api.on('train:done', (payload) => this.#receive({ kind: 'done', payload })),
      api.on('train:failed', (payload) => this.#receive({ kind: 'failed', payload })),
    ];
  }

  async start(request: TrainStartRequest): Promise<boolean> {
    if (this.isActive) return false;
    this.phase = 'starting';
    this.runId = null;
    this.error = null;
    this.result = null;
    this.progress = null;
    this.history = [];
    this.#liveHistory = [];
    this.#liveProgress = null;
    this.#early = [];
    const started = await this.#api.call('train:start', request);
    if (!started.ok) {
      this.phase = 'failed';
      this.error = started.error;
      return false;
    }
    this.runId = started.value.runId;
    this.phase = 'running';
    const early = this.#early;
    this.#early = [];
    for (const event of early) this.#receive(event);
    return true;
  }

  /** Asks the engine to stop after the current step; the run still finishes with its model. */
  async stop(): Promise<void> {
    if (this.runId === null || this.phase !== 'running') return;
    this.phase = 'stopping';
    const result = await this.#api.call('train:stop', { runId: this.runId });
    if (!result.ok) {
      this.error = result.error;
      this.phase = 'running';
    }
  }

  /** Shows a finished run (after a reload, or from an opened project). */
  show(run: RunResultValue): void {
    this.#publish.cancel();
    this.runId = run.runId;
    this.result = run;
    this.history = run.history;
    this.progress = null;
    this.error = null;
    this.phase = 'finished';
  }

  /**
   * The run we watched has finished. Its own history wins, but a run stopped before its first
   * recorded point still shows the curve and the numbers we saw live.
   */
  #finish(run: RunResultValue): void {
    const live = this.#liveHistory;
    const progress = this.#liveProgress;
    this.show(run);
    if (run.history.length === 0 && live.length > 0) this.history = live.slice();
    this.progress = progress;
  }

  async restore(runId: string): Promise<boolean> {
    const result = await this.#api.call('run:get', { runId });
    if (!result.ok) return false;
    this.show(result.value);
    return true;
  }

  dispose(): void {
    this.#publish.cancel();
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #receive(event: TrainEvent): void {
    if (this.phase === 'starting') {
      this.#early.push(event);
      return;
    }
    if (event.payload.runId !== this.runId || !this.isActive) return;
    switch (event.kind) {
      case 'progress': {
        const p = event.payload.progress;
        this.#liveProgress = p;
        this.#liveHistory.push({ step: p.step, loss: p.loss, valLoss: p.valLoss });
        this.#publish.request();
        break;
      }
      case 'done':
        this.#publish.flush();
        this.#finish(event.payload.result);
        break;
      case 'failed':
        this.#publish.flush();
        this.error = event.payload.error;
        this.phase = 'failed';
        break;
    }
  }
}
