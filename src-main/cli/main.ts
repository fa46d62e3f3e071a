import { toErrorValue } from '../engine/util/engine-error';
import { formatReport } from './cli-output';
import { FORECAST_USAGE, SIN_USAGE } from './cli-usage';
import type { TrainingReport } from './cli-output';

const USAGE = `rnn-studio <command> [options]

commands:
  sin         reproduce the tutorial's LSTM sine-wave experiment
  forecast    train a forecaster on a CSV time series and report it against baselines

${SIN_USAGE}

${FORECAST_USAGE}

With --json, stdout is exactly one JSON object (see README.md) and progress goes to stderr.`;

// Loaded on demand: TensorFlow.js takes a moment to load and --help should not wait for it.
const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<TrainingReport>>> = {
  sin: async () => (await import('./commands/sin-command')).runSinCommand,
  forecast: async () => (await import('./commands/forecast-command')).runForecastCommand,
};

/** node:util parseArgs signals unknown or malformed options with these codes. */
function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const json = rest.includes('--json');
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 2 : 0;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    process.stderr.write(`unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const run = await load();
    const report = await run(rest);
    process.stdout.write(json ? `${JSON.stringify(report)}\n` : `${formatReport(report)}\n`);
    return report.status === 'nan' ? 1 : 0;
  } catch (error) {
    const value = isArgumentError(error)
      ? { code: 'INVALID_OPTIONS' as const, message: `${(error as Error).message}\n\n${USAGE}` }
      : toErrorValue(error);
    if (json) process.stdout.write(`${JSON.stringify({ ok: false, error: value })}\n`);
    process.stderr.write(`error (${value.code}): ${value.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
