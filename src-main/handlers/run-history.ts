import { mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { historyRowSchema, type HistoryRowValue } from '../contract/analysis-schemas';
import { writeFileAtomic } from '../engine/util/atomic-write';
import { fsErrorCode } from '../engine/util/fs-errors';

/** A history row as stored: everything but `available`, which depends on the session. */
export type HistoryRecord = Omit<HistoryRowValue, 'available'>;
export const historyRecordSchema = historyRowSchema.omit({ available: true });

const HISTORY_VERSION = 1;
const fileSchema = z.object({
  version: z.literal(HISTORY_VERSION),
  // Rows are kept as they were read: a row a later version wrote (or one that no longer parses) is
  // written back untouched instead of being dropped, and only parsing rows are listed.
  runs: z.array(z.record(z.string(), z.unknown())),
});

export interface RunHistoryOptions {
  /** The history file (JSON), or null to keep the history in memory only (tests, no data dir). */
  file: string | null;
  /** Rows kept; the oldest go first (default 1000). */
  limit?: number;
}

/**
 * Every finished training run, for the session and across sessions: in memory, and in a JSON file
 * under the app's data folder, replaced atomically on every change so that a crash never leaves
 * half a history. A file that is not a history is moved aside (never overwritten) and a new one
 * started. Writes are serialised: two runs finishing together cannot interleave.
 */
export class RunHistory {
  readonly #file: string | null;
  readonly #limit: number;
  #rows: Record<string, unknown>[] | null = null;
  #loading: Promise<Record<string, unknown>[]> | null = null;
  #writing: Promise<void> = Promise.resolve();
  /** Runs reopened from a project under a new id: the saved id -> the id in this session. */
  readonly #aliases = new Map<string, string>();

  constructor(options: RunHistoryOptions) {
    this.#file = options.file;
    this.#limit = options.limit ?? 1000;
  }

  /** Newest first; `isAvailable` says which run ids are still in memory. */
  async list(isAvailable: (runId: string) => boolean): Promise<HistoryRowValue[]> {
    const rows = await this.#load();
    const listed: HistoryRowValue[] = [];
    for (const raw of rows) {
      const parsed = historyRecordSchema.safeParse(raw);
      if (!parsed.success) continue;
      const runId = this.#aliases.get(parsed.data.runId) ?? parsed.data.runId;
      listed.push({ ...parsed.data, runId, available: isAvailable(runId) });
    }
    return listed.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Adds runs not yet recorded (by run id) and writes the file. */
  async add(...records: HistoryRecord[]): Promise<void> {
    const rows = await this.#load();
    const known = new Set(rows.map((row) => row.runId));
    let changed = false;
    for (const record of records) {
      if (known.has(record.runId)) continue;
      rows.push({ ...record });
      known.add(record.runId);
      changed = true;
    }
    if (!changed) return;
    if (rows.length > this.#limit) rows.splice(0, rows.length - this.#limit);
    await this.#save(rows);
  }

  /** The recorded row of a run (by its id in this session or its saved id). */
  async find(runId: string): Promise<HistoryRecord | undefined> {
    const saved = [...this.#aliases].find(([, alias]) => alias === runId)?.[0] ?? runId;
    const rows = await this.#load();
    for (const raw of rows) {
      if (raw.runId !== saved) continue;
      const parsed = historyRecordSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
    }
    return undefined;
  }

  /** Every recorded run on the same data (equal data hash), oldest first. */
  async forData(dataHash: string): Promise<HistoryRecord[]> {
    const rows = await this.#load();
    return rows.flatMap((raw) => {
      const parsed = historyRecordSchema.safeParse(raw);
      return parsed.success && parsed.data.dataHash === dataHash ? [parsed.data] : [];
    });
  }

  /** A run saved as `savedId` is in memory again as `runId` (an opened project). */
  alias(savedId: string, runId: string): void {
    if (savedId !== runId) this.#aliases.set(savedId, runId);
  }

  /** Waits for pending writes (tests; shutting down). */
  flush(): Promise<void> {
    return this.#writing;
  }

  #load(): Promise<Record<string, unknown>[]> {
    if (this.#rows !== null) return Promise.resolve(this.#rows);
    this.#loading ??= this.#read().then((rows) => {
      this.#rows = rows;
      return rows;
    });
    return this.#loading;
  }

  async #read(): Promise<Record<string, unknown>[]> {
    if (this.#file === null) return [];
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (error) {
      if (fsErrorCode(error) === 'ENOENT') return [];
      throw error;
    }
    const parsed = fileSchema.safeParse(parseJson(text));
    if (parsed.success) return parsed.data.runs;
    // Not a history this version understands: keep it for the user, start a new one.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    await rename(this.#file, `${this.#file}.unreadable-${stamp}`).catch(() => undefined);
    return [];
  }

  #save(rows: Record<string, unknown>[]): Promise<void> {
    const file = this.#file;
    if (file === null) return Promise.resolve();
    const text = JSON.stringify({ version: HISTORY_VERSION, runs: rows }, null, 1) + '\n';
    const write = this.#writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, text);
    });
    // A failed write must not block the next one; the caller still sees this one fail.
    this.#writing = write.catch(() => undefined);
    return write;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
