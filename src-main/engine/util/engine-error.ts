/**
 * Errors are values at every boundary: an EngineError carries a stable code that the UI and CLI can
 * branch on, and a message a user can act on (what is wrong, where, and what to do).
 */
export type EngineErrorCode =
  | 'INVALID_SPEC'
  | 'INVALID_OPTIONS'
  | 'CSV_EMPTY'
  | 'CSV_BINARY'
  | 'CSV_RAGGED'
  | 'CSV_NO_NUMERIC'
  | 'CSV_COLUMN'
  | 'CSV_DATE'
  | 'CSV_READ'
  | 'DATA_TOO_SHORT'
  | 'TRAIN_NAN'
  | 'CANCELLED'
  | 'BACKEND'
  | 'PROJECT_CORRUPT'
  | 'PROJECT_IO'
  | 'WORKER_CRASHED'
  | 'BUSY'
  | 'INVALID_REQUEST'
  | 'INTERNAL';

export class EngineError extends Error {
  readonly code: EngineErrorCode;
  /** 1-based line of the input the problem was found on, when it comes from a file. */
  readonly line: number | undefined;

  constructor(
    code: EngineErrorCode,
    message: string,
    options?: { line?: number; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.line = options?.line;
  }
}

/** Plain-object form for crossing a thread or process boundary (Error instances lose fields). */
export interface EngineErrorValue {
  code: EngineErrorCode;
  message: string;
  line?: number;
}

export function toErrorValue(error: unknown): EngineErrorValue {
  if (error instanceof EngineError) {
    return error.line === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, line: error.line };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
