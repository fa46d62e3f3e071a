import type { Api } from '../../../src-main/contract/api';
import type { ClosedLoopValue } from '../../../src-main/contract/analysis-schemas';
import type { ApiError } from '../../../src-main/contract/result';
import type { RunResultValue } from '../../../src-main/contract/train-schemas';
import { clampRequest, defaultHorizon, originRange } from '../forecast/closed-loop';

/**
 * The closed-loop forecast the user asked for: an origin among the test rows and a horizon, and
 * the engine's answer. Answers to superseded requests (the slider moved on) are dropped.
 */
export class ClosedLoopStore {
  origin = $state(0);
  horizon = $state(12);
  result: ClosedLoopValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);
  loading = $state(false);
  /** The run the origin and horizon were set up for. */
  runId: string | null = $state(null);

  readonly #api: Api;
  #latest = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  /**
   * Sets the defaults for a run on first sight: the run's horizon, from an origin that many rows
   * into the test part (at least 12), so the chart has actual rows on the left of it.
   */
  prepare(run: RunResultValue): void {
    if (this.runId === run.runId) return;
    this.runId = run.runId;
    const { min, max } = originRange(run);
    this.horizon = defaultHorizon(run);
    this.origin = Math.min(max, min + Math.max(12, this.horizon));
    this.result = null;
    this.error = null;
  }

  async load(run: RunResultValue): Promise<void> {
    const { origin, horizon } = clampRequest(run, this.origin, this.horizon);
    const request = ++this.#latest;
    this.loading = true;
    const result = await this.#api.call('forecast:closed-loop', {
      runId: run.runId,
      origin,
      horizon,
    });
    if (request !== this.#latest) return;
    this.loading = false;
    if (result.ok) {
      this.result = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }
}
