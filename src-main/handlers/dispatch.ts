import type { z } from 'zod';
import { API_CHANNELS, type Channel } from '../contract/api-contract';
import { fail, ok, type Result } from '../contract/result';
import { toErrorValue } from '../engine/util/engine-error';
import type { Handlers } from './create-handlers';

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(API_CHANNELS, name);
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/**
 * The single entry for every transport: refuse unknown channels, parse the payload with the
 * contract's schema, call the handler, and turn any failure into an error value. Nothing thrown
 * here reaches the transport, so bad input never crashes the process.
 */
export async function dispatch(
  handlers: Handlers,
  channel: string,
  payload: unknown,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) return fail('INVALID_REQUEST', `unknown channel "${channel}"`);
  const parsed = API_CHANNELS[channel].request.safeParse(payload ?? {});
  if (!parsed.success)
    return fail('INVALID_REQUEST', `invalid ${channel} request: ${describeIssues(parsed.error)}`);
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    return ok(await handler(parsed.data));
  } catch (error) {
    const value = toErrorValue(error);
    return fail(value.code, value.message, value.line);
  }
}
