/** The `code` of a Node fs error (`ENOENT`, `EACCES`, ...), if it has one. */
export function fsErrorCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return undefined;
}

/** The message of anything thrown, for "could not write X: <reason>" sentences. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
