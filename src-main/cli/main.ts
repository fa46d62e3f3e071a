import { toErrorValue } from '../engine/util/engine-error';
import { trainingOutcome, type CommandOutcome } from './cli-output';
import { FORECAST_USAGE, LM_USAGE, NEXT_USAGE, SIN_USAGE } from './cli-usage';

const USAGE = `rnn-studio <command> [options]

commands:
  sin         reproduce the tutorial's LSTM sine-wave experiment
  forecast    train a forecaster on a CSV time series and report it against baselines
  lm          train a word-level language model on a text and report it against a Kneser-Ney trigram
  next        the most probable next words after a text, from a saved language model

${SIN_USAGE}

${FORECAST_USAGE}

${LM_USAGE}

${NEXT_USAGE}

With --json, stdout is exactly one JSON object (see README.md) and progress goes to stderr.`;

// Loaded on demand: TensorFlow.js takes a moment to load and --help should not wait for it.
const COMMANDS: Record<string, () => Promise<(argv: string[]) => Promise<CommandOutcome>>> = {
  sin: async () => {
    const { runSinCommand } = await import('./commands/sin-command');
    return async (argv) => trainingOutcome(await runSinCommand(argv));
  },
  forecast: async () => {
    const { runForecastCommand } = await import('./commands/forecast-command');
    return async (argv) => trainingOutcome(await runForecastCommand(argv));
  },
  lm: async () => (await import('./commands/lm-command')).runLmCommand,
  next: async () => (await import('./commands/next-command')).runNextCommand,
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
    const outcome = await run(rest);
    process.stdout.write(json ? `${JSON.stringify(outcome.report)}\n` : `${outcome.text}\n`);
    return outcome.exitCode;
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
