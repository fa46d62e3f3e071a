import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { readCsvFile, readCsvText, type CsvTable } from '../../src-main/engine/data/csv';
import { samplePath } from '../sample-files';
import { createCliRunner, once, type CliRun } from './run-cli';

/**
 * The CLI as a user runs it: a real process per case, from the repository root, on the wasm
 * backend (the fastest that loads everywhere) with budgets small enough for seconds per case.
 */
const cli = createCliRunner({ slots: 2 });
const root = mkdtempSync(join(tmpdir(), 'rnn-studio-cli-'));
const FAST = ['--backend', 'wasm'];
const CO2 = [
  '--csv',
  'resources/samples/co2-concentration.csv',
  '--target',
  'CO2',
  '--date',
  'Date',
];
const FORECAST_HEADER = 'time,actual,predicted,persistence,autoArima';

const sinJson = once(() =>
  cli(['sin', '--steps', '40', '--json', '--out', join(root, 'sin'), ...FAST]),
);
const forecastJson = once(() =>
  cli([
    'forecast',
    ...CO2,
    '--steps',
    '60',
    '--horizon',
    '6',
    '--json',
    '--out',
    join(root, 'forecast-json'),
    ...FAST,
  ]),
);
const forecastTable = once(() =>
  cli(['forecast', ...CO2, '--steps', '60', '--out', join(root, 'forecast-table'), ...FAST]),
);

/** The co2 sample as the engine reads it: 741 monthly rows; the test rows are its last 150. */
const co2Table = once(() => readCsvFile(samplePath('co2-concentration.csv')));

/** Stdout of a --json run: exactly one JSON object, on one line, and nothing else. */
function parseJsonStdout(run: CliRun): Record<string, unknown> {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stdout, got:\n${run.stdout}`);
  const value: unknown = JSON.parse(lines[0]!);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object on stdout, got ${lines[0]}`);
  }
  return value as Record<string, unknown>;
}

function column(table: CsvTable, name: string): CsvTable['columns'][number] {
  const found = table.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${name}`);
  return found;
}

function hasNativeTensorFlow(): boolean {
  try {
    createRequire(import.meta.url).resolve(['@tensorflow', 'tfjs-node'].join('/'));
    return true;
  } catch {
    return false;
  }
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.concurrent('rnn-studio sin', () => {
  it('--json prints exactly one JSON object with the run, its metrics and baselines', async ({
    expect,
  }) => {
    const run = await sinJson();
    expect(run.code, run.stderr).toBe(0);
    const report = parseJsonStdout(run);
    expect(report).toMatchObject({
      command: 'sin',
      backend: 'wasm',
      backendVersion: expect.stringContaining('wasm'),
      seconds: expect.any(Number),
      steps: 40,
      status: 'completed',
      // 2 × 30 LSTM on 1 feature: 4·30·(1 + 30 + 1) = 3840, 4·30·(30 + 30 + 1) = 7320, Dense 31.
      paramCount: 11191,
      rows: { train: 9990, val: 0, test: 990 },
      baselines: {
        persistence: { rmse: expect.any(Number), mae: expect.any(Number) },
        seasonalNaive: { season: expect.any(Number), rmse: expect.any(Number) },
      },
    });
    const metrics = report.metrics as Record<string, unknown>;
    expect(Object.keys(metrics).sort()).toEqual(['mae', 'mape', 'mase', 'rmse', 'smape']);
    for (const value of Object.values(metrics)) expect(typeof value).toBe('number');
    expect(metrics.rmse as number).toBeGreaterThan(0);
    // ŷ[t] = y[t−1] on sin(linspace(100, 110, 1000)) from index 10 on: about |cos| × 0.01.
    const persistence = (report.baselines as { persistence: { rmse: number; mae: number } })
      .persistence;
    expect(Math.abs(persistence.rmse - 0.00723)).toBeLessThan(1e-4);
    expect(persistence.mae).toBeLessThan(persistence.rmse);
    // Progress went to stderr, never into the JSON.
    expect(run.stderr).toContain('step 40/40');
  });

  it('writes sin.svg to --out', async ({ expect }) => {
    const run = await sinJson();
    const chart = join(root, 'sin', 'sin.svg');
    expect(parseJsonStdout(run).outputs).toEqual({ chart });
    expect(existsSync(chart)).toBe(true);
    expect(readFileSync(chart, 'utf8').startsWith('<svg')).toBe(true);
  });
});

describe.concurrent('rnn-studio forecast on co2-concentration.csv', () => {
  it('--json reports the split, transform, frequency and season of the monthly series', async ({
    expect,
  }) => {
    const run = await forecastJson();
    expect(run.code, run.stderr).toBe(0);
    const report = parseJsonStdout(run);
    expect(report).toMatchObject({
      command: 'forecast',
      backend: 'wasm',
      steps: expect.any(Number),
      paramCount: 11191,
      // 741 rows read + 5 missing months filled linearly = 746: 536 train, 60 val, 150 test.
      rows: { train: 536, val: 60, test: 150 },
      // auto: AutoARIMA beats persistence on the training rows, so the network corrects it.
      transform: 'arima',
      transformReason: expect.stringMatching(/^auto: corrections to AutoARIMA's forecast/),
      frequency: 'monthly',
      import: { rowsRead: 741, rowsUsed: 746, missingDates: 5, insertedDates: 5 },
      metrics: { rmse: expect.any(Number), mae: expect.any(Number) },
      baselines: {
        persistence: { rmse: expect.any(Number), mae: expect.any(Number) },
        seasonalNaive: { season: 12, rmse: expect.any(Number), mae: expect.any(Number) },
        drift: { rmse: expect.any(Number) },
        // Chosen and fitted on the 596 rows before the test part, as R's stat-anchors.R does.
        autoArima: {
          model: 'ARIMA(1,1,1)(0,1,1)[12]',
          order: { p: 1, d: 1, q: 1, P: 0, D: 1, Q: 1, season: 12 },
          closedLoop: { rmse: expect.any(Number) },
        },
      },
      outputs: {
        csv: join(root, 'forecast-json', 'forecast.csv'),
        chart: join(root, 'forecast-json', 'forecast.svg'),
      },
    });
    expect(report.steps as number).toBeLessThanOrEqual(60);
    // R's auto.arima on the file's 741 rows: 0.4252; the app scores the 746 rows with the filled
    // months, on which its AutoARIMA reaches 0.369 (npm run eval).
    const arima = (
      report.baselines as { autoArima: { rmse: number; closedLoop: { rmse: number } } }
    ).autoArima;
    expect(arima.rmse).toBeCloseTo(0.369, 2);
    expect(arima.closedLoop.rmse).toBeGreaterThan(arima.rmse);
    expect(report.future).toHaveLength(6);
    expect(readFileSync(join(root, 'forecast-json', 'forecast.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('writes forecast.csv that re-imports with the actual CO2 of the 150 test rows', async ({
    expect,
  }) => {
    const run = await forecastTable();
    expect(run.code, run.stderr).toBe(0);
    const path = join(root, 'forecast-table', 'forecast.csv');
    const text = readFileSync(path, 'utf8');
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(FORECAST_HEADER);
    expect(lines).toHaveLength(1 + 150);

    const table = await readCsvFile(path);
    expect(table.rowCount).toBe(150);
    expect(table.columns.map((c) => [c.name, c.kind, c.missing])).toEqual([
      ['time', 'date', 0],
      ['actual', 'number', 0],
      ['predicted', 'number', 0],
      ['persistence', 'number', 0],
      ['autoArima', 'number', 0],
    ]);
    const source = await co2Table();
    const co2 = Array.from(column(source, 'CO2').numbers!);
    const dates = Array.from(column(source, 'Date').times!);
    const actual = Array.from(column(table, 'actual').numbers!);
    expect(actual).toEqual(co2.slice(-150));
    expect(Array.from(column(table, 'time').times!)).toEqual(dates.slice(-150));
    // Persistence is the previous month's CO2, the first one from the last validation row.
    expect(Array.from(column(table, 'persistence').numbers!)).toEqual(co2.slice(-151, -1));
  });

  it('--horizon 6 appends 6 future rows with an empty actual', async ({ expect }) => {
    const [withHorizon, plain] = await Promise.all([forecastJson(), forecastTable()]);
    expect(withHorizon.code, withHorizon.stderr).toBe(0);
    expect(plain.code, plain.stderr).toBe(0);
    const future = parseJsonStdout(withHorizon).future as number[];
    const text = readFileSync(join(root, 'forecast-json', 'forecast.csv'), 'utf8');
    const table = await readCsvText(text);
    expect(table.rowCount).toBe(150 + 6);
    const plainTable = await readCsvFile(join(root, 'forecast-table', 'forecast.csv'));

    const actual = Array.from(column(table, 'actual').numbers!);
    expect(actual.slice(0, 150)).toEqual(Array.from(column(plainTable, 'actual').numbers!));
    expect(actual.slice(150)).toEqual(Array(6).fill(NaN));
    expect(column(table, 'actual').missing).toBe(6);
    expect(column(table, 'persistence').missing).toBe(6);
    expect(Array.from(column(table, 'predicted').numbers!.subarray(150))).toEqual(future);

    const times = Array.from(column(table, 'time').times!);
    expect(times.slice(0, 150)).toEqual(Array.from(column(plainTable, 'time').times!));
    for (let i = 150; i < times.length; i++) expect(times[i]!).toBeGreaterThan(times[i - 1]!);
    // Same seed, same backend: the same model, whether or not a horizon was asked for.
    expect(Array.from(column(table, 'predicted').numbers!.subarray(0, 150))).toEqual(
      Array.from(column(plainTable, 'predicted').numbers!),
    );
  });

  it('without --json prints the summary table, baselines included, to stdout', async ({
    expect,
  }) => {
    const run = await forecastTable();
    expect(run.code, run.stderr).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).toThrow();
    expect(run.stdout).toMatch(/RMSE\s+MAE/);
    expect(run.stdout).toMatch(/^model\s+\d/m);
    expect(run.stdout).toMatch(/^persistence\s+\d/m);
    expect(run.stdout).toMatch(/^seasonal naive \(12\s*\)\s+\d/m);
    expect(run.stdout).toContain('rows: train 536, validation 60, test 150');
    expect(run.stdout).not.toContain('█');
    expect(run.stderr).toContain('step');
  });
});

describe.concurrent('rnn-studio errors', () => {
  it('an unknown target column exits 1 with CSV_COLUMN naming the columns there are', async ({
    expect,
  }) => {
    const run = await cli([
      'forecast',
      '--csv',
      'resources/samples/co2-concentration.csv',
      '--target',
      'co2_ppm',
      '--json',
      '--out',
      join(root, 'bad-target'),
      ...FAST,
    ]);
    expect(run.code).toBe(1);
    expect(parseJsonStdout(run)).toEqual({
      ok: false,
      error: { code: 'CSV_COLUMN', message: expect.stringContaining('co2_ppm') },
    });
    expect(run.stdout).toContain(String.raw`\"Date\", \"CO2\", \"adjusted CO2\"`);
    expect(existsSync(join(root, 'bad-target'))).toBe(false);
  });

  it('a one-row file exits 1 with DATA_TOO_SHORT and the rows it needs', async ({ expect }) => {
    const file = join(root, 'one-row.csv');
    writeFileSync(file, 'date,value\n2024-01-01,5\n');
    const run = await cli(['forecast', '--csv', file, '--target', 'value', '--json', ...FAST]);
    expect(run.code).toBe(1);
    expect(parseJsonStdout(run)).toEqual({
      ok: false,
      error: { code: 'DATA_TOO_SHORT', message: expect.stringContaining('needs at least 2 rows') },
    });
  });

  it('an unknown --date-unit exits 1 with INVALID_OPTIONS naming the units', async ({ expect }) => {
    const run = await cli(['forecast', ...CO2, '--date-unit', 'minutes', '--json', ...FAST]);
    expect(run.code).toBe(1);
    expect(parseJsonStdout(run)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_OPTIONS',
        message: '--date-unit must be one of auto, s, ms, none (got "minutes")',
      },
    });
  });

  it('--layers 0 exits 1 with INVALID_SPEC and the field path', async ({ expect }) => {
    const run = await cli(['sin', '--layers', '0', '--json', ...FAST]);
    expect(run.code).toBe(1);
    expect(parseJsonStdout(run)).toEqual({
      ok: false,
      error: { code: 'INVALID_SPEC', message: expect.stringContaining('layers.0') },
    });
    expect(run.stderr).toContain('layers.0: each layer needs at least 1 unit');
  });

  it.skipIf(hasNativeTensorFlow())(
    '--backend tensorflow without tfjs-node exits 1 with BACKEND',
    async ({ expect }) => {
      const run = await cli(['sin', '--steps', '5', '--json', '--backend', 'tensorflow']);
      expect(run.code).toBe(1);
      expect(parseJsonStdout(run)).toEqual({
        ok: false,
        error: { code: 'BACKEND', message: expect.stringContaining('tfjs-node') },
      });
    },
  );

  it('an unknown command exits 2 with the usage on stderr', async ({ expect }) => {
    const run = await cli(['frobnicate', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain('rnn-studio <command> [options]');
  });
});
