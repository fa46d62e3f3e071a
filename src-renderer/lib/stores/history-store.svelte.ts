import type { Api } from '../../../src-main/contract/api';
import type { HistoryRowValue } from '../../../src-main/contract/analysis-schemas';
import type { ApiError } from '../../../src-main/contract/result';

/** The run history as the engine keeps it: this session's runs and the saved ones, newest first. */
export class HistoryStore {
  rows: HistoryRowValue[] = $state.raw([]);
  error: ApiError | null = $state.raw(null);
  loading = $state(false);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const result = await this.#api.call('history:list', {});
      if (result.ok) {
        this.rows = result.value;
        this.error = null;
      } else {
        this.error = result.error;
      }
    } finally {
      this.loading = false;
    }
  }
}
