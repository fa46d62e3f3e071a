import type { Api } from '../../../src-main/contract/api';
import type { EventOf } from '../../../src-main/contract/api-contract';
import type {
  BacktestProgressValue,
  BacktestResultValue,
} from '../../../src-main/contract/analysis-schemas';
import type { ApiError } from '../../../src-main/contract/result';

export type BacktestPhase = 'idle' | 'starting' | 'running' | 'stopping' | 'finished' | 'failed';

type BacktestEvent =
  | { kind: 'progress'; payload: EventOf<'backtest:progress'> }
  | { kind: 'done'; payload: EventOf<'backtest:done'> }
  | { kind: 'failed'; payload: EventOf<'backtest:failed'> };

/**
 * A rolling-origin backtest of the run on screen: the user's choice of folds and retraining, start
 * and stop, live progress, and the per-fold result. One at a time, like training.
 */
export class BacktestStore {
  folds = $state(3);
  retrain = $state(false);
  phase: BacktestPhase = $state('idle');
  jobId: string | null = $state(null);
  /** The run the progress and result belong to. */
  runId: string | null = $state(null);
  progress: BacktestProgressValue | null = $state.raw(null);
  result: BacktestResultValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);
  /** Whether the result (or the running job) retrains per fold. */
  retrained = $state(false);

  readonly isActive: boolean = $derived(
    this.phase === 'starting' || this.phase === 'running' || this.phase === 'stopping',
  );

  readonly #api: Api;
  #early: BacktestEvent[] = [];
  readonly #unsubscribe: (() => void)[];

  constructor(api: Api) {
    this.#api = api;
    this.#unsubscribe = [
      api.on('backtest:progress', (payload) => this.#receive({ kind: 'progress', payload })),
      api.on('backtest:done', (payload) => this.#receive({ kind: 'done', payload })),
      api.on('backtest:failed', (payload) => this.#receive({ kind: 'failed', payload })),
    ];
  }

  async start(runId: string): Promise<boolean> {
    if (this.isActive) return false;
    this.phase = 'starting';
    this.runId = runId;
    this.jobId = null;
    this.progress = null;
    this.result = null;
    this.error = null;
    this.retrained = this.retrain;
    this.#early = [];
    const started = await this.#api.call('backtest:start', {
      runId,
      folds: this.folds,
      retrain: this.retrain,
    });
    if (!started.ok) {
      this.phase = 'failed';
      this.error = started.error;
      return false;
    }
    this.jobId = started.value.jobId;
    this.phase = 'running';
    const early = this.#early;
    this.#early = [];
    for (const event of early) this.#receive(event);
    return true;
  }

  async stop(): Promise<void> {
    if (this.jobId === null || this.phase !== 'running') return;
    this.phase = 'stopping';
    const result = await this.#api.call('backtest:stop', { jobId: this.jobId });
    if (!result.ok) {
      this.error = result.error;
      this.phase = 'running';
    }
  }

  /** The result shown belongs to another run: forget it (a running job carries on). */
  forget(runId: string | null): void {
    if (this.isActive || this.runId === runId) return;
    this.phase = 'idle';
    this.runId = runId;
    this.result = null;
    this.progress = null;
    this.error = null;
  }

  dispose(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
  }

  #receive(event: BacktestEvent): void {
    if (this.phase === 'starting') {
      this.#early.push(event);
      return;
    }
    if (event.payload.jobId !== this.jobId || !this.isActive) return;
    switch (event.kind) {
      case 'progress':
        this.progress = event.payload;
        break;
      case 'done':
        this.result = event.payload.result;
        this.phase = 'finished';
        break;
      case 'failed':
        this.error = event.payload.error;
        this.phase = 'failed';
        break;
    }
  }
}
