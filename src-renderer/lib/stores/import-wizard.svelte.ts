import type { Api } from '../../../src-main/contract/api';
import type { RequestOf } from '../../../src-main/contract/api-contract';
import type {
  CsvPreviewValue,
  CsvSourceValue,
  DatasetValue,
  DialectValue,
} from '../../../src-main/contract/data-schemas';
import type { ApiError } from '../../../src-main/contract/result';
import {
  assignRole,
  defaultRoles,
  proposeTarget,
  importSelection,
  roleProblems,
  type ColumnInfo,
  type ColumnRole,
  type ImportSelection,
  type RoleMap,
} from '../data/column-roles';
import { makeFrequency, parseDateInput, type FrequencyUnit } from '../data/frequency';

export type FillPolicy = RequestOf<'csv:import'>['fill'];
export type DateOrder = 'dmy' | 'mdy';

export interface DialectOverrides {
  delimiter?: DialectValue['delimiter'];
  decimal?: DialectValue['decimal'];
  hasHeader?: boolean;
  dateOrder?: DateOrder;
}

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
}

/**
 * The CSV import wizard: the file, its detected dialect (each part overridable, then previewed
 * again), column roles, the time axis, the fill policy, and the import itself. Errors from the
 * engine land in `error` and are shown inside the wizard; nothing here throws.
 */
export class ImportWizard {
  isOpen = $state(false);
  fileName = $state('');
  fileSize = $state(0);
  busy: 'reading' | 'previewing' | 'importing' | null = $state(null);
  preview: CsvPreviewValue | null = $state.raw(null);
  error: ApiError | null = $state.raw(null);
  overrides: DialectOverrides = $state({});
  roles: RoleMap = $state({});
  fill: FillPolicy = $state('linear');
  /** Without a date column: the first row's date (a date input's value) and the spacing. */
  startDate = $state('2020-01-01');
  frequencyUnit: FrequencyUnit = $state('day');
  frequencyStep = $state(1);
  progress: ImportProgress | null = $state.raw(null);

  readonly columns: ColumnInfo[] = $derived(this.preview?.columns ?? []);
  readonly selection: ImportSelection = $derived(importSelection(this.roles, this.columns));
  readonly problems: string[] = $derived([
    ...(this.preview === null ? [] : roleProblems(this.roles, this.columns)),
    ...(this.preview !== null &&
    this.selection.date === null &&
    parseDateInput(this.startDate) === null
      ? ['Enter the date of the first row.']
      : []),
    ...(this.preview !== null &&
    this.selection.date === null &&
    !(Number.isInteger(this.frequencyStep) && this.frequencyStep >= 1)
      ? ['The spacing between rows must be a whole number ≥ 1.']
      : []),
  ]);
  readonly canImport: boolean = $derived(
    this.preview !== null && this.busy === null && this.problems.length === 0,
  );

  readonly #api: Api;
  /** The file's text: large and never edited, so kept out of reactive state. */
  #source: CsvSourceValue | null = null;

  constructor(api: Api) {
    this.#api = api;
  }

  /** Reads a file picked or dropped by the user and previews it. */
  async openFile(file: File): Promise<void> {
    this.reset();
    this.isOpen = true;
    this.fileName = file.name;
    this.fileSize = file.size;
    this.busy = 'reading';
    let text: string;
    try {
      text = await file.text();
    } catch (cause) {
      this.busy = null;
      this.error = {
        code: 'FILE_UNREADABLE',
        message: `Could not read ${file.name}: ${String(cause)}`,
      };
      return;
    }
    this.busy = null;
    if (text.length === 0) {
      this.error = { code: 'EMPTY_FILE', message: `${file.name} is empty.` };
      return;
    }
    this.#source = { text, name: file.name };
    await this.refreshPreview();
  }

  /**
   * Previews a file by its path on the machine running the engine (Electron's native dialog or
   * menu), so a large file is streamed by the engine instead of being read into the renderer.
   */
  async openPath(path: string): Promise<void> {
    this.reset();
    this.isOpen = true;
    this.fileName = path.split(/[\\/]/).pop() || path;
    this.#source = { path };
    await this.refreshPreview();
    // The engine measured the file while previewing it.
    this.fileSize = this.preview?.totalBytes ?? 0;
  }

  async refreshPreview(): Promise<void> {
    if (this.#source === null) return;
    this.busy = 'previewing';
    const result = await this.#api.call('csv:preview', {
      source: this.#source,
      dialect: $state.snapshot(this.overrides),
    });
    this.busy = null;
    if (!result.ok) {
      this.preview = null;
      this.error = result.error;
      return;
    }
    const previous = this.columns.map((c) => c.name).join('\u0000');
    this.preview = result.value;
    this.error = null;
    // Keep the user's roles while the columns stay the same (e.g. only the decimal mark changed).
    if (result.value.columns.map((c) => c.name).join('\u0000') !== previous) {
      const { columns, rows } = result.value;
      this.roles = defaultRoles(columns, proposeTarget(columns, rows, this.fileName) ?? undefined);
    }
  }

  setOverride<K extends keyof DialectOverrides>(key: K, value: DialectOverrides[K]): void {
    this.overrides = { ...this.overrides, [key]: value };
    void this.refreshPreview();
  }

  setRole(name: string, role: ColumnRole): void {
    this.roles = assignRole(this.roles, this.columns, name, role);
  }

  /** Imports with the current choices; the dataset on success, null (and `error`) otherwise. */
  async runImport(): Promise<DatasetValue | null> {
    const source = this.#source;
    const { target, features, date } = this.selection;
    if (source === null || target === null || !this.canImport) return null;
    this.busy = 'importing';
    this.progress = { bytesRead: 0, totalBytes: this.fileSize };
    const unsubscribe = this.#api.on('csv:progress', (event) => {
      this.progress = event;
    });
    try {
      const result = await this.#api.call('csv:import', {
        source,
        dialect: $state.snapshot(this.overrides),
        target,
        features,
        date,
        fill: this.fill,
        start: date === null ? parseDateInput(this.startDate) : null,
        frequency: date === null ? makeFrequency(this.frequencyUnit, this.frequencyStep) : null,
      });
      if (!result.ok) {
        this.error = result.error;
        return null;
      }
      this.error = null;
      return result.value;
    } finally {
      unsubscribe();
      this.busy = null;
      this.progress = null;
    }
  }

  close(): void {
    this.reset();
    this.isOpen = false;
  }

  private reset(): void {
    this.#source = null;
    this.fileName = '';
    this.fileSize = 0;
    this.preview = null;
    this.error = null;
    this.overrides = {};
    this.roles = {};
    this.fill = 'linear';
    this.progress = null;
    this.busy = null;
  }
}
