/**
 * Origins for closed-loop evaluation inside [from, to): every origin whose whole horizon fits,
 * thinned evenly to at most `maxOrigins` so that long test parts stay quick.
 */
export function horizonOrigins(
  from: number,
  to: number,
  horizon: number,
  maxOrigins = 400,
): Int32Array {
  const last = to - horizon;
  if (last < from) return new Int32Array(0);
  const count = last - from + 1;
  const take = Math.min(count, maxOrigins);
  const origins = new Int32Array(take);
  for (let i = 0; i < take; i++) origins[i] = from + Math.floor((i * count) / take);
  return origins;
}
