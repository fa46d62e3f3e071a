import type { Api } from '../../../src-main/contract/api';
import type { ApiError } from '../../../src-main/contract/result';
import type { SpecSummaryValue } from '../../../src-main/contract/train-schemas';
import { summaryIssues, type FieldIssue } from '../spec/spec-issues';

/** The engine's verdict on the spec being edited: errors, warnings and parameter counts. */
export class SpecSummaryStore {
  summary: SpecSummaryValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);
  readonly issues: FieldIssue[] = $derived(summaryIssues(this.summary));

  readonly #api: Api;
  #latest = 0;

  constructor(api: Api) {
    this.#api = api;
  }

  /** Asks for a fresh summary; a slower answer to an older request never overwrites a newer one. */
  async refresh(spec: unknown, inputFeatures: number): Promise<void> {
    const request = ++this.#latest;
    const result = await this.#api.call('spec:summarize', { spec, inputFeatures });
    if (request !== this.#latest) return;
    if (result.ok) {
      this.summary = result.value;
      this.error = null;
    } else {
      this.error = result.error;
    }
  }
}
