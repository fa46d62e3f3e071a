/**
 * `npm run eval`: the forecaster's defaults on every real series of the shared data, beside
 * persistence, the app's own AutoARIMA and R's `forecast::auto.arima` on the same split. Printed,
 * never asserted: these are the quality targets (model ≤ 1.10 × auto.arima where auto.arima
 * beats persistence; never worse than persistence by more than 5 %).
 *
 *   npm run eval                           every series, R's figures from stat-anchors.json
 *   npm run eval -- --r                    R recomputed in this run (Rscript with forecast)
 *   npm run eval -- --data DIR --only a,b  another folder, some files
 *   npm run eval -- --flags="--transform arima"  other settings for every series
 *   npm run eval -- --r --data DIR --cases "air.csv:passengers:month:12,…"  any CSV of yours
 *
 * Each series is trained exactly as `npm run cli -- forecast --csv F --target T [--date D] --json`
 * trains it (defaults, seed 42). R reads the file's rows as they are; the app fills missing dates,
 * so on a file with gaps in its dates the two score different rows (the table says so).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runForecastCommand } from '../src-main/cli/commands/forecast-command';
import type { AutoArimaReport } from '../src-main/cli/cli-output';

interface SeriesCase {
  file: string;
  target: string;
  /** The date column, where the file has dates a user would pick. */
  date?: string;
  /** The season R was given (stat-anchors.R's third argument). */
  season: number;
}

/** The shared series, their targets and date columns (../shared/data/README.md). */
const CASES: SeriesCase[] = [
  { file: 'nottingham-temperature.csv', target: 'temp_f', date: 'month', season: 12 },
  { file: 'us-accidental-deaths.csv', target: 'deaths', date: 'month', season: 12 },
  { file: 'uk-gas-quarterly.csv', target: 'gas', date: 'quarter', season: 4 },
  { file: 'nile-flow.csv', target: 'flow', season: 1 },
  { file: 'lynx-trappings.csv', target: 'trappings', season: 1 },
  { file: 'australian-wine-sales.csv', target: 'bottles', date: 'month', season: 12 },
  { file: 'eu-stock-markets.csv', target: 'DAX', season: 5 },
  { file: 'taylor-electricity-halfhourly.csv', target: 'demand_mw', date: 'time', season: 48 },
  { file: 'gold-price-daily.csv', target: 'price_usd', season: 1 },
  { file: 'co2-concentration.csv', target: 'CO2', date: 'Date', season: 12 },
  { file: 'seattle-weather.csv', target: 'temp_max', date: 'date', season: 7 },
];

/** R's figures where stat-anchors.json has none (../shared/data/README.md's table). */
const README_R_RMSE: Record<string, { rmse: number; label: string }> = {
  'co2-concentration.csv': { rmse: 0.4252, label: 'ARIMA(2,1,2)(0,1,1)[12]' },
  'seattle-weather.csv': { rmse: 2.822, label: 'ARIMA(1,1,2)(1,0,1)[7]' },
};

interface RFigure {
  rmse: number;
  label: string;
  source: 'this run' | 'stat-anchors.json' | 'README';
}

function rFigure(dir: string, c: SeriesCase, live: boolean): RFigure | null {
  if (live) {
    // The shared tools sit beside the repository (../shared/tools), wherever the data comes from.
    const script = fileURLToPath(new URL('../../shared/tools/stat-anchors.R', import.meta.url));
    const out = execFileSync('Rscript', [script, join(dir, c.file), c.target, String(c.season)], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    const parsed = JSON.parse(out) as { arima: { rmse: number; model: string } };
    return { rmse: parsed.arima.rmse, label: parsed.arima.model, source: 'this run' };
  }
  const anchors = join(dir, 'stat-anchors.json');
  if (existsSync(anchors)) {
    const rows = JSON.parse(readFileSync(anchors, 'utf8')) as {
      file: string;
      arima: { rmse: number; label: string };
    }[];
    const row = rows.find((r) => r.file === c.file);
    if (row) return { rmse: row.arima.rmse, label: row.arima.label, source: 'stat-anchors.json' };
  }
  const known = README_R_RMSE[c.file];
  return known ? { ...known, source: 'README' } : null;
}

/** `file:target:date:season,…` (an empty date: the rows are the index). */
function parseCases(text: string): SeriesCase[] {
  return text.split(',').map((item) => {
    const [file = '', target = '', date = '', season = '1'] = item.split(':');
    return { file, target, ...(date === '' ? {} : { date }), season: Number(season) };
  });
}

const fmt = (v: number | null | undefined, width = 9): string =>
  (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toPrecision(4)).padStart(width);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: resolve('../shared/data/timeseries') },
      only: { type: 'string' },
      r: { type: 'boolean', default: false },
      /** Extra forecast flags for every series, e.g. "--transform arima --lookback 24". */
      flags: { type: 'string' },
      /** Other series instead of the shared ones: file:target:date:season,… (date may be empty). */
      cases: { type: 'string' },
    },
  });
  const dir = resolve(values.data);
  const only = values.only?.split(',');
  const listed = values.cases === undefined ? CASES : parseCases(values.cases);
  const cases = listed.filter((c) => !only || only.some((o) => c.file.includes(o)));
  const out = mkdtempSync(join(tmpdir(), 'rnn-eval-'));
  console.log(
    `${'series'.padEnd(34)}${'rows'.padStart(6)}${'model'.padStart(10)}${'persist.'.padStart(10)}` +
      `${'AutoARIMA'.padStart(10)}${'R arima'.padStart(10)}  ${'model/R'.padStart(7)}` +
      `${'model/pers'.padStart(11)}${'secs'.padStart(6)}  transform   app AutoARIMA order / R's`,
  );
  const ratios: { toR: number | null; toPersistence: number; rBeatsPersistence: boolean }[] = [];
  for (const c of cases) {
    const argv = ['--csv', join(dir, c.file), '--target', c.target, '--out', out, '--json'];
    if (c.date) argv.push('--date', c.date);
    if (values.flags) argv.push(...values.flags.split(' ').filter((f) => f !== ''));
    const report = await runForecastCommand(argv);
    const arima = report.baselines.autoArima as AutoArimaReport | null | undefined;
    const r = rFigure(dir, c, values.r);
    const model = report.metrics.rmse;
    const persistence = report.baselines.persistence.rmse;
    const toR = r ? model / r.rmse : null;
    ratios.push({
      toR,
      toPersistence: model / persistence,
      rBeatsPersistence: r !== null && r.rmse < persistence,
    });
    const rows = report.rows.train + report.rows.val + report.rows.test;
    console.log(
      `${c.file.padEnd(34)}${String(rows).padStart(6)}${fmt(model, 10)}${fmt(persistence, 10)}` +
        `${fmt(arima?.rmse, 10)}${fmt(r?.rmse, 10)}  ${(toR === null ? '—' : toR.toFixed(3)).padStart(7)}` +
        `${(model / persistence).toFixed(3).padStart(11)}${report.seconds.toFixed(0).padStart(6)}  ` +
        `${String(report.transform).padEnd(11)} ${arima?.model ?? 'none'} / ${r?.label ?? '—'} (${r?.source ?? 'no R figure'})`,
    );
  }
  rmSync(out, { recursive: true, force: true });
  const scored = ratios.filter((x) => x.rBeatsPersistence && x.toR !== null);
  const within = scored.filter((x) => x.toR! <= 1.1).length;
  const below = ratios.filter((x) => x.toR !== null && x.toR < 1).length;
  const nearPersistence = ratios.filter((x) => x.toPersistence <= 1.05).length;
  console.log(
    `\nmodel ≤ 1.10 × R's auto.arima: ${within} of ${scored.length} series where auto.arima beats persistence` +
      `\nmodel below R's auto.arima: ${below} of ${ratios.length}` +
      `\nmodel within 5 % of persistence or better: ${nearPersistence} of ${ratios.length}`,
  );
}

await main();
