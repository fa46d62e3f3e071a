import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { selectBackend, type BackendChoice } from '../../engine/backend/select-backend';
import { disposeModel } from '../../engine/model/dispose-model';
import { refuseBidirectionalLanguageModel } from '../../engine/model/param-count';
import {
  DEFAULT_LANGUAGE_SETTINGS,
  DEFAULT_LANGUAGE_SPEC,
  DEFAULT_TIME_BUDGET_MINUTES,
  type LanguageSettings,
} from '../../engine/language/language-settings';
import { saveLanguageProject } from '../../engine/language/language-project';
import { trainLanguageModel } from '../../engine/language/train-language-model';
import { EngineError } from '../../engine/util/engine-error';
import { reasonOf } from '../../engine/util/fs-errors';
import { backendFields, type CommandOutcome } from '../cli-output';
import { LM_USAGE } from '../cli-usage';
import { makeProgressReporter } from '../progress-reporter';
import { SPEC_FLAG_OPTIONS, specFromFlags } from '../spec-flags';

function wholeNumber(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `--${name} must be a whole number ≥ ${min} (got "${raw}")`,
    );
  }
  return value;
}

async function readText(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `cannot read the text file ${path}: ${reasonOf(error)}`,
      {
        cause: error,
      },
    );
  }
  if (text.includes('\u0000')) {
    throw new EngineError('INVALID_OPTIONS', `${path} looks like a binary file, not text`);
  }
  return text;
}

/** `rnn-studio lm`: train a word-level language model on a text file and save it as a project. */
export async function runLmCommand(argv: string[]): Promise<CommandOutcome> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SPEC_FLAG_OPTIONS,
      text: { type: 'string' },
      embedding: { type: 'string' },
      'seq-len': { type: 'string' },
      'max-vocab': { type: 'string' },
      'min-count': { type: 'string' },
      'keep-case': { type: 'boolean', default: false },
      minutes: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      out: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.text === undefined) {
    throw new EngineError('INVALID_OPTIONS', `--text is required\n${LM_USAGE}`);
  }
  if (values['seq-len'] !== undefined && values.lookback !== undefined) {
    throw new EngineError(
      'INVALID_OPTIONS',
      'give either --seq-len or --lookback (the same setting), not both',
    );
  }
  const budgetGiven = values.epochs !== undefined || values.steps !== undefined;
  if (budgetGiven && values.minutes !== undefined) {
    throw new EngineError('INVALID_OPTIONS', 'give either --epochs/--steps or --minutes, not both');
  }
  const { spec, warnings } = specFromFlags(DEFAULT_LANGUAGE_SPEC, {
    ...values,
    lookback: values['seq-len'] ?? values.lookback,
  });
  refuseBidirectionalLanguageModel(spec);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const minutesRaw = values.minutes ?? (budgetGiven ? '0' : String(DEFAULT_TIME_BUDGET_MINUTES));
  const minutes = Number(minutesRaw);
  if (minutesRaw.trim() === '' || !(minutes >= 0) || !Number.isFinite(minutes)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `--minutes must be a number ≥ 0 (got "${minutesRaw}")`,
    );
  }
  const defaults = DEFAULT_LANGUAGE_SETTINGS;
  const settings: LanguageSettings = {
    embeddingDim: wholeNumber('embedding', values.embedding, 1) ?? defaults.embeddingDim,
    corpus: {
      ...defaults.corpus,
      minCount: wholeNumber('min-count', values['min-count'], 1) ?? defaults.corpus.minCount,
      maxVocab: wholeNumber('max-vocab', values['max-vocab'], 1) ?? defaults.corpus.maxVocab,
      ...(values['keep-case'] ? { keepCase: true } : {}),
    },
    ...(minutes > 0 ? { maxSeconds: minutes * 60 } : {}),
  };

  const backend = await selectBackend(values.backend as BackendChoice);
  const textPath = resolve(values.text);
  const text = await readText(textPath);
  const started = performance.now();
  const progress = makeProgressReporter('lm');
  const trained = await trainLanguageModel(text, spec, settings, {
    onProgress: (p) => progress.update(p),
    onPrepared: ({ corpus, baseline }) => {
      process.stderr.write(
        `lm: ${corpus.ids.length} tokens, vocabulary ${corpus.vocabulary.words.length} words; Kneser-Ney trigram perplexity ${baseline.perplexity.toFixed(1)}\n`,
      );
    },
  });
  progress.done();
  const { corpus, outcome } = trained;
  const out = resolve(values.out ?? `${basename(textPath, extname(textPath))}-lm`);
  const tokens = { train: corpus.valStart, val: corpus.ids.length - corpus.valStart };
  const report = {
    command: 'lm',
    ...backendFields(backend),
    seconds: outcome.seconds,
    totalSeconds: (performance.now() - started) / 1000,
    steps: outcome.steps,
    epochs: outcome.epochs,
    status: outcome.status,
    message: outcome.message,
    paramCount: trained.model.countParams(),
    tokens,
    vocabSize: corpus.vocabulary.words.length,
    unkRate: corpus.unkRate,
    perplexity: trained.perplexity,
    baselines: { kneserNeyTrigram: trained.baseline.perplexity },
    history: outcome.history.map((h) => ({
      step: h.step,
      epoch: h.epoch,
      loss: h.loss,
      valPerplexity: h.valLoss === null ? null : Math.exp(h.valLoss),
    })),
    spec,
    settings,
    outputs: { project: out },
  };
  try {
    await saveLanguageProject(out, {
      spec,
      model: trained.model,
      vocabulary: corpus.vocabulary,
      settings,
      record: {
        kind: 'language',
        createdAt: new Date().toISOString(),
        backend,
        versions: { tfjs: tf.version.tfjs, node: process.version },
        text: basename(textPath),
        seconds: outcome.seconds,
        steps: outcome.steps,
        status: outcome.status,
        tokens,
        unkRate: corpus.unkRate,
        perplexity: trained.perplexity,
        kneserNeyTrigram: trained.baseline.perplexity,
      },
    });
  } finally {
    disposeModel(trained.model);
  }
  const beat = trained.perplexity < trained.baseline.perplexity ? 'below' : 'not below';
  const text_ = [
    outcome.message,
    `backend ${backend.name} (${backend.version}), ${outcome.steps} steps (${outcome.epochs.toFixed(2)} epochs) in ${outcome.seconds.toFixed(1)} s, ${report.paramCount} parameters`,
    `tokens: train ${tokens.train}, validation ${tokens.val}; vocabulary ${report.vocabSize} words; <unk> is ${(corpus.unkRate * 100).toFixed(1)} % of the validation tokens`,
    `validation perplexity: model ${trained.perplexity.toFixed(1)}, Kneser-Ney trigram ${trained.baseline.perplexity.toFixed(1)} (${beat} the baseline)`,
    `project: ${out}`,
  ].join('\n');
  return { report, text: text_, exitCode: outcome.status === 'nan' ? 1 : 0 };
}
