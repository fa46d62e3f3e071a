/**
 * `npm run bench`: speed and memory figures, printed, never asserted. For each backend that loads:
 * ms per step of the tfjs layers and of the fused path (measured in the same run) on the tutorial's
 * sine workload (2 × 30 LSTM, 10 steps, batch 32, Adagrad 0.1) and on a larger one (2 × 128 LSTM,
 * lookback 50, batch 64), beside PyTorch's figures, and the test RMSE of a full 10 000-step run on
 * the fastest backend; then, on the fastest backend, the training speed (tokens/s) of a 2 × 256 LSTM
 * language model with a 10 000-word vocabulary and the keystroke-to-distribution latency of
 * next-word prediction (target ≤ 30 ms warm); then the import speed and peak memory of a generated
 * 1M-row CSV.
 *
 *   npm run bench                 everything (a few minutes)
 *   npm run bench -- --quick      timing only, no full run (under a minute)
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { selectBackend, type BackendName } from '../src-main/engine/backend/select-backend';
import { runSineExperiment } from '../src-main/engine/experiments/sine-experiment';
import { DEFAULT_LANGUAGE_SPEC } from '../src-main/engine/language/language-settings';
import { disposeModel } from '../src-main/engine/model/dispose-model';
import { runLanguageBench } from './language-bench';
import { WORKLOADS, timeTrainingPath } from './fused-bench';

interface Timing {
  backend: BackendName;
  msPerStep: number;
}

async function generateCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const start = Date.UTC(1900, 0, 1);
  let chunk = 'date,value,other\n';
  for (let i = 0; i < rows; i++) {
    const date = new Date(start + i * 60_000).toISOString().slice(0, 19);
    chunk += `${date},${(Math.sin(i / 50) * 10 + 20).toFixed(3)},${(i % 97) / 7}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((resolve) => out.once('finish', () => resolve()));
}

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });

console.log('# RNN Studio benchmark');
console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
console.log('## Training speed: fused path against tfjs layers, same run\n');
console.log(
  'Both paths train the same model on the sine windows; median ms per step after warm-up steps. The speed-up is',
);
console.log('measured in this run, so it holds even when the machine is busy.\n');
console.log(
  '| workload | backend | tfjs layers ms/step | fused ms/step (path) | speed-up | PyTorch 1.13 CPU, reference | fused vs PyTorch |',
);
console.log('|---|---|---|---|---|---|---|');
const timings: Timing[] = [];
for (const backend of ['tensorflow', 'wasm', 'cpu'] as const) {
  try {
    await selectBackend(backend);
  } catch {
    console.log(`| all | ${backend} | not available | | | | |`);
    continue;
  }
  for (const workload of WORKLOADS) {
    const large = workload.spec.layers[0]! > 64;
    // Steps per measurement: enough for a stable mean, few where a step takes seconds.
    const layersSteps = large ? (backend === 'cpu' ? 2 : 3) : backend === 'cpu' ? 30 : 100;
    const fusedSteps = large ? 9 : 300;
    const scale = values.quick ? 0.5 : 1;
    const layers = await timeTrainingPath(
      workload.spec,
      'layers',
      large ? 1 : 5,
      Math.max(1, Math.round(layersSteps * scale)),
    );
    const fused = await timeTrainingPath(
      workload.spec,
      'auto',
      large ? 1 : 20,
      Math.max(2, Math.round(fusedSteps * scale)),
    );
    if (!large) timings.push({ backend, msPerStep: fused.msPerStep });
    console.log(
      `| ${workload.name} | ${backend} | ${layers.msPerStep.toFixed(2)} | ${fused.msPerStep.toFixed(2)} (${fused.path}) | ${(layers.msPerStep / fused.msPerStep).toFixed(1)}× | ${workload.pytorchMs} | ${(fused.msPerStep / workload.pytorchMs).toFixed(2)}× |`,
    );
  }
}
console.log(
  '\nReference (issue 7, same kind of machine): stock tfjs 4.22 layers 12.7 ms/step on wasm, 61 on cpu (tutorial); 1248 ms/step on wasm (large).',
);

if (!values.quick && timings.length > 0) {
  const fastest = timings.reduce((a, b) => (a.msPerStep <= b.msPerStep ? a : b));
  await selectBackend(fastest.backend);
  const full = await runSineExperiment();
  disposeModel(full.model);
  console.log(
    `\nFull tutorial run on ${fastest.backend} (${full.outcome.trainingPath?.name ?? 'tfjs-layers'}): ${full.outcome.steps} steps in ${full.outcome.seconds.toFixed(1)} s, test RMSE ${full.rmse.toFixed(5)} (persistence on the same points: 0.00723)`,
  );
}

if (timings.length > 0) {
  const fastest = timings.reduce((a, b) => (a.msPerStep <= b.msPerStep ? a : b));
  await selectBackend(fastest.backend);
  console.log(`\n## Word-level language model on ${fastest.backend} (Moby Dick tokens)\n`);
  console.log(
    '| network | vocabulary | seq len × batch | tokens/s | next-word latency (median, p90) | target |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const layers of [[256, 256], DEFAULT_LANGUAGE_SPEC.layers]) {
    const lm = await runLanguageBench(layers, values.quick ? 4 : 12);
    console.log(
      `| LSTM ${lm.layers.join(' × ')}, embedding ${lm.embeddingDim} | ${lm.vocabSize} | ${lm.seqLen} × ${lm.batchSize} | ${Math.round(lm.tokensPerSecond)} | ${lm.latencyMs.toFixed(1)} ms, ${lm.latencyP90Ms.toFixed(1)} ms | ≤ 30 ms |`,
    );
  }
}

console.log('\n## CSV import (generated, 1 000 000 rows × 3 columns)\n');
const dir = mkdtempSync(join(tmpdir(), 'rnn-studio-bench-'));
try {
  const file = join(dir, 'million.csv');
  await generateCsv(file, 1_000_000);
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'csv-import-bench.ts'), file],
    {
      encoding: 'utf8',
    },
  );
  const result = JSON.parse(output) as {
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    peakRssMiB: number;
  };
  console.log(
    `rows ${result.rows}, ${result.seconds.toFixed(2)} s, ${Math.round(result.rowsPerSecond)} rows/s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
