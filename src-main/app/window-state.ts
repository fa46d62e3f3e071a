import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** Where and how big the window was (screen pixels), kept in userData between runs. */
export const windowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(100_000),
  height: z.number().int().min(200).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** The saved state, or null when there is none or it is unreadable (then the defaults apply). */
export function readWindowState(file: string): WindowState | null {
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Written when the window closes, synchronously so that quitting cannot cut it short, and
 * atomically (temp file, fsync, rename) so a crash leaves the old state rather than half a file.
 */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch {
    // Losing the window position is not worth an error dialog on quit.
    rmSync(temp, { force: true });
  }
}

/**
 * Keeps a saved window where the user can reach it: if its title bar is on no current display (a
 * monitor was unplugged), the position is dropped and the OS centres the window; a size larger
 * than the biggest display shrinks to fit.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Area[]): WindowState {
  if (workAreas.length === 0) return state;
  const width = Math.min(state.width, Math.max(...workAreas.map((a) => a.width)));
  const height = Math.min(state.height, Math.max(...workAreas.map((a) => a.height)));
  const { x, y } = state;
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized };
  // The title bar: the top 40 px of the window's middle half must be on some display.
  const grip = { x: x + width / 4, y, width: width / 2, height: 40 };
  const visible = workAreas.some(
    (a) =>
      grip.x < a.x + a.width &&
      grip.x + grip.width > a.x &&
      grip.y >= a.y &&
      grip.y < a.y + a.height,
  );
  return visible
    ? { x, y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}
