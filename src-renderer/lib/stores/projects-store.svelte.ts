import type { Api } from '../../../src-main/contract/api';
import type { ApiError } from '../../../src-main/contract/result';
import type { ProjectEntry } from '../types';

/** Saved projects: a trained run with its model, its data settings and its dataset. */
export class ProjectsStore {
  list: ProjectEntry[] = $state.raw([]);
  saving = $state(false);
  savedPath: string | null = $state(null);
  /** The run `savedPath` belongs to: another run on screen has not been saved there. */
  savedRunId: string | null = $state(null);
  error: ApiError | null = $state.raw(null);

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  async refresh(): Promise<void> {
    const result = await this.#api.call('project:list', {});
    if (result.ok) this.list = result.value;
  }

  /** Saves the run as a project: in `path`, or a new folder in the default projects folder. */
  async save(runId: string, path?: string): Promise<boolean> {
    this.saving = true;
    this.error = null;
    try {
      const result = await this.#api.call(
        'project:save',
        path === undefined ? { runId } : { runId, path },
      );
      if (!result.ok) {
        this.error = result.error;
        return false;
      }
      this.savedPath = result.value.path;
      this.savedRunId = runId;
      await this.refresh();
      return true;
    } finally {
      this.saving = false;
    }
  }
}
