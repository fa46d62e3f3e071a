import type { TrainProgress } from '../engine/train/train-progress';

/**
 * Progress on stderr, so that stdout stays exactly one JSON object with --json. A live bar on a
 * terminal; on a pipe or in CI a plain line every few seconds instead of thousands of \r frames.
 */
export function makeProgressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): { update(p: TrainProgress): void; done(): void } {
  let lastLine = 0;
  const width = 30;
  return {
    update(p) {
      const fraction = progressFraction(p);
      const filled = Math.round(fraction * width);
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      const val = p.valLoss === null ? '' : ` val ${p.valLoss.toPrecision(3)}`;
      const text =
        `${label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}% step ${p.step}/${p.totalSteps}` +
        ` epoch ${p.epoch} loss ${p.loss.toPrecision(3)}${val}` +
        ` ${Math.round(p.samplesPerSecond)} samples/s ETA ${formatSeconds(p.etaSeconds)}`;
      if (stream.isTTY) {
        stream.write(`\r${text.slice(0, (stream.columns ?? 120) - 1)}\u001b[K`);
      } else if (Date.now() - lastLine > 5000 || p.step === p.totalSteps) {
        stream.write(`${text}\n`);
        lastLine = Date.now();
      }
    },
    done() {
      if (stream.isTTY) stream.write('\n');
    },
  };
}

/**
 * How far the run is: by steps, or by time when a time budget (`lm` defaults to 9 minutes) will
 * end it first — the loop's ETA is then the budget left, so elapsed / (elapsed + ETA) says it.
 */
export function progressFraction(p: TrainProgress): number {
  const bySteps = p.totalSteps > 0 ? p.step / p.totalSteps : 0;
  const total = p.elapsedSeconds + p.etaSeconds;
  const byTime = Number.isFinite(total) && total > 0 ? p.elapsedSeconds / total : 0;
  return Math.min(1, Math.max(bySteps, byTime));
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}
