import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend, type BackendChoice } from '../../engine/backend/select-backend';
import { disposeModel } from '../../engine/model/dispose-model';
import { languageModelHandle, openLanguageProject } from '../../engine/language/language-project';
import { createNextWordPredictor } from '../../engine/language/next-word';
import { EngineError } from '../../engine/util/engine-error';
import type { CommandOutcome } from '../cli-output';
import { NEXT_USAGE } from '../cli-usage';

function numberFlag(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new EngineError('INVALID_OPTIONS', `--${name} must be a number (got "${raw}")`);
  }
  return value;
}

/**
 * `rnn-studio next`: read a text with a saved language model. Prints the top-k next words as a JSON
 * list of {"word", "p"} ("unknown": true marks `<unk>`); with --generate N the text continued by N
 * sampled words; with --surprise each token's probability and −ln p. Output is JSON either way.
 */
export async function runNextCommand(argv: string[]): Promise<CommandOutcome> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      model: { type: 'string' },
      top: { type: 'string' },
      temperature: { type: 'string' },
      generate: { type: 'string' },
      seed: { type: 'string' },
      surprise: { type: 'boolean', default: false },
      backend: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.model === undefined) {
    throw new EngineError('INVALID_OPTIONS', `--model is required\n${NEXT_USAGE}`);
  }
  const text = positionals.join(' ');
  const topK = numberFlag('top', values.top) ?? 10;
  const temperature = numberFlag('temperature', values.temperature) ?? 1;
  const generate = numberFlag('generate', values.generate);
  const seed = numberFlag('seed', values.seed) ?? 42;
  await selectBackend(values.backend as BackendChoice);
  const opened = await openLanguageProject(resolve(values.model));
  try {
    const predictor = createNextWordPredictor(languageModelHandle(opened));
    let report: unknown;
    if (values.surprise) {
      report = predictor.surprise(text).map(({ token, known, p, surprise }) => ({
        token,
        p,
        surprise,
        ...(known ? {} : { unknown: true }),
      }));
    } else if (generate !== undefined) {
      report = predictor.generate(text, { words: generate, temperature, seed, topK });
    } else {
      report = predictor
        .nextWords(text, { topK, temperature })
        .words.map(({ word, p, unknown }) => ({ word, p, ...(unknown ? { unknown } : {}) }));
    }
    return { report, text: JSON.stringify(report), exitCode: 0 };
  } finally {
    disposeModel(opened.model);
  }
}
