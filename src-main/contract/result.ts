import { z } from 'zod';

/** Every response crosses the boundary as a value: ok with a value, or a code and a message. */
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  line: z.number().int().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string, line?: number): Result<never> => ({
  ok: false,
  error: line === undefined ? { code, message } : { code, message, line },
});
