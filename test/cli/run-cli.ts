import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../sample-files';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export type RunCli = (args: string[]) => Promise<CliRun>;

function spawnCli(args: string[], timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1' },
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs the real CLI as a user would (`node --import tsx src-main/cli/main.ts ...` from the
 * repository root), at most `slots` processes at a time so concurrent tests share the cores
 * instead of fighting over them. A failed run resolves: its exit code and output are the result.
 */
export function createCliRunner({ slots = 2, timeoutMs = 90_000 } = {}): RunCli {
  let free = slots;
  const waiting: (() => void)[] = [];
  return async (args) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await spawnCli(args, timeoutMs);
    } finally {
      const next = waiting.shift();
      if (next === undefined) free++;
      else next();
    }
  };
}

/** Start a run on first use only, so several tests can assert on one process. */
export function once<T>(start: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | null = null;
  return () => (started ??= start());
}
