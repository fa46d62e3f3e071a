import { fileURLToPath } from 'node:url';

/** The repository root, so tests and spawned commands never depend on the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Absolute path of a file bundled in resources/samples (seattle-weather.csv,
 * co2-concentration.csv, moby-dick.txt): tests read only what a clone of the repository holds.
 */
export function samplePath(name: string): string {
  return fileURLToPath(new URL(`../resources/samples/${name}`, import.meta.url));
}
