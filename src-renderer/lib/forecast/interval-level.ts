/**
 * The coverage an interval band promises, as a fraction: its nominal level, or less where the
 * engine had too few calibration rows for it and fell back to the largest error (runs saved
 * before that was reported carry no `guaranteedLevel`: their level stands).
 */
export function promisedLevel(band: { level: number; guaranteedLevel?: number }): number {
  return Math.min(band.level, band.guaranteedLevel ?? band.level);
}

/** A level as a percentage with at most one decimal: 0.9 → 90, 0.875 → 87.5. */
export function levelPercent(level: number): number {
  return Math.round(level * 1000) / 10;
}
