import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  previewCsv,
  readCsvFile,
  readCsvText,
  sniffDialect,
  toTimeSeries,
} from '../../../../src-main/engine/data/csv';
import { prepareSeries } from '../../../../src-main/engine/data/series/prepare-series';
import { naiveScale } from '../../../../src-main/engine/forecast/metrics';
import { EngineError } from '../../../../src-main/engine/util/engine-error';

/** Files as users have them (issue 12, item 4), each written into a temp dir and read back. */
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'csv-user-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

function caught(run: () => unknown): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error('expected an EngineError');
}

describe('a file too short to train on', () => {
  it('says how many rows a one-row file has and how many the split needs', async () => {
    const file = await writeTemp('one-row.csv', 'date,value\n2024-01-01,5\n');
    const table = await readCsvFile(file);
    const { series } = toTimeSeries(table, { target: 'value' });
    expect(series.target.values).toEqual(Float64Array.from([5]));
    const error = caught(() => prepareSeries(series, { lookback: 4 }));
    expect(error.code).toBe('DATA_TOO_SHORT');
    expect(error.message).toMatch(/has 1 row\b/);
    expect(error.message).toMatch(/needs at least 2 rows/);
    expect(error.message).not.toMatch(/test start/);
  });

  it('gives the minimum for the chosen test fraction', async () => {
    const file = await writeTemp('three-rows.csv', 'value\n1\n2\n3\n');
    const { series } = toTimeSeries(await readCsvFile(file), { target: 'value' });
    // floor((1 - 0.7) · n) ≥ 1 first holds at n = 4.
    const error = caught(() =>
      prepareSeries(series, { lookback: 1, split: { testFraction: 0.7 } }),
    );
    expect(error.code).toBe('DATA_TOO_SHORT');
    expect(error.message).toMatch(/has 3 rows; .*needs at least 4 rows/);
  });
});

describe('infinite and huge values', () => {
  // A logger writes Inf on overflow and a broken sensor 1e300; both would reach the model as
  // Infinity (a float32 tensor holds at most 3.4e38) and turn training into NaN.
  const cells = Array.from({ length: 24 }, (_, row) => String(row + 1));
  const odd: [number, string][] = [
    [3, 'Inf'],
    [5, '-Inf'],
    [7, 'Infinity'],
    [9, '-infinity'],
    [11, 'NaN'],
    [13, '1e300'],
    [15, '-1e309'],
    [17, '2e15'],
  ];
  for (const [row, cell] of odd) cells[row] = cell;
  const text = `value\n${cells.join('\n')}\n`;

  it('reads them as missing, counts them and says why', async () => {
    const table = await readCsvFile(await writeTemp('infinite.csv', text));
    const [column] = table.columns;
    expect(column!.kind).toBe('number');
    expect(column!.missing).toBe(8);
    for (const [row] of odd) expect(column!.numbers![row]).toBeNaN();
    expect(column!.numbers![2]).toBe(3);
    expect(column!.numbers![18]).toBe(19);
    expect(table.warnings).toEqual([
      'Column "value": 4 infinite value(s) were read as missing (first on line 5: "Inf").',
      'Column "value": 3 value(s) beyond ±1e15 were read as missing (first on line 15: "1e300"); ' +
        'no measurement needs them, and the statistics the model is trained with would overflow.',
    ]);
    const { series, report } = toTimeSeries(table, { target: 'value' });
    expect(report.missingValues).toEqual([{ column: 'value', count: 8 }]);
    expect(report.filledValues).toBe(8);
    // Linear interpolation between the neighbours 3 and 5 gives back the row's own value.
    expect(series.target.values[3]).toBe(4);
    expect(series.target.values.every(Number.isFinite)).toBe(true);
  });

  it('leaves a series that prepares to finite model inputs and a finite MASE scale', async () => {
    const table = await readCsvFile(await writeTemp('infinite-prepare.csv', text));
    const { series } = toTimeSeries(table, { target: 'value' });
    const prepared = prepareSeries(series, { lookback: 2, transform: 'none' });
    expect(prepared.inputs.every(Number.isFinite)).toBe(true);
    expect(prepared.targets.every(Number.isFinite)).toBe(true);
    const scale = naiveScale(prepared.original.subarray(0, prepared.split.valStart));
    expect(scale).toBe(1);
  });

  it('keeps large values that are still measurements', async () => {
    const file = await writeTemp('large.csv', 'value\n1e15\n-999999999999999\n12345678901234\n');
    const [column] = (await readCsvFile(file)).columns;
    expect(Array.from(column!.numbers!)).toEqual([1e15, -999999999999999, 12345678901234]);
    expect(column!.missing).toBe(0);
  });
});

describe('an Excel "sep=" first line', () => {
  it('takes the delimiter from it and skips it', async () => {
    const file = await writeTemp(
      'excel-sep.csv',
      'sep=;\r\ndate;value\r\n2024-01-01;1,5\r\n2024-01-02;2\r\n2024-01-03;2,5\r\n',
    );
    const table = await readCsvFile(file);
    expect(table.dialect).toEqual({ delimiter: ';', decimal: ',', hasHeader: true });
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((column) => [column.name, column.kind])).toEqual([
      ['date', 'date'],
      ['value', 'number'],
    ]);
    expect(Array.from(table.columns[1]!.numbers!)).toEqual([1.5, 2, 2.5]);
    const preview = await previewCsv({ path: file });
    expect(preview.header).toEqual(['date', 'value']);
    expect(preview.rows[0]).toEqual(['2024-01-01', '1,5']);
  });

  it('overrules the sniffer, which would split these rows on the semicolon', async () => {
    const rows = 'a;b,c\n1;2,5\n4;5,5\n';
    expect(sniffDialect(rows).delimiter).toBe(';');
    const table = await readCsvText(`sep=,\n${rows}`);
    expect(table.dialect.delimiter).toBe(',');
    expect(table.columns.map((column) => column.name)).toEqual(['a;b', 'c']);
    expect(Array.from(table.columns[1]!.numbers!)).toEqual([5, 5]);
  });

  it('reads a tab after a byte-order mark', async () => {
    const file = await writeTemp('excel-tab.csv', '\uFEFFsep=\t\nx\ty\n1\t2\n3\t4\n');
    const table = await readCsvFile(file);
    expect(table.dialect.delimiter).toBe('\t');
    expect(table.columns.map((column) => column.name)).toEqual(['x', 'y']);
    expect(table.rowCount).toBe(2);
  });

  it('rejects a delimiter the importer cannot read, saying which', async () => {
    const file = await writeTemp('excel-pipe.csv', 'sep=|\na|b\n1|2\n');
    await expect(readCsvFile(file)).rejects.toMatchObject({
      code: 'CSV_READ',
      message: expect.stringMatching(/sep=\|.*comma, semicolon or tab/),
    });
  });

  it('names the line a user sees in an editor', async () => {
    const file = await writeTemp('excel-sep-ragged.csv', 'sep=,\na,b\n1,2\n3,4,5\n');
    await expect(readCsvFile(file)).rejects.toMatchObject({ code: 'CSV_RAGGED', line: 4 });
  });
});

describe('a space-separated header over tab-separated rows', () => {
  // As a data logger writes it: the header padded with spaces to line up, the rows split by tabs.
  const log =
    'timestamp            temperature_C    humidity_pct\n' +
    '2024-03-01 00:00\t21.5\t40.1\n' +
    '2024-03-01 00:10\t21.7\t40.4\n' +
    '2024-03-01 00:20\t21.4\t40.9\n' +
    '2024-03-01 00:30\t21.2\t41.3\n';

  it('splits the header at its spaces and says so', async () => {
    const table = await readCsvFile(await writeTemp('sensor-log.txt', log));
    expect(table.dialect).toEqual({ delimiter: '\t', decimal: '.', hasHeader: true });
    expect(table.columns.map((column) => [column.name, column.kind])).toEqual([
      ['timestamp', 'date'],
      ['temperature_C', 'number'],
      ['humidity_pct', 'number'],
    ]);
    expect(Array.from(table.columns[1]!.numbers!)).toEqual([21.5, 21.7, 21.4, 21.2]);
    expect(table.columns[0]!.times![1]).toBe(Date.UTC(2024, 2, 1, 0, 10));
    expect(table.warnings).toEqual([
      'The header line is separated by spaces while the rows are separated by tabs; its 3 names ' +
        'were split at the spaces.',
    ]);
    const { series, report } = toTimeSeries(table, { target: 'temperature_C' });
    expect(series.frequency?.label).toBe('every 10 minutes');
    expect(report.notes).toContain(table.warnings![0]);
    const preview = await previewCsv({ path: path.join(dir, 'sensor-log.txt') });
    expect(preview.header).toEqual(['timestamp', 'temperature_C', 'humidity_pct']);
  });

  it('keeps single spaces inside names when runs of spaces separate them', async () => {
    const table = await readCsvText('time   air temp   rel humidity\n1\t20.5\t40\n2\t20.7\t41\n');
    expect(table.columns.map((column) => column.name)).toEqual([
      'time',
      'air temp',
      'rel humidity',
    ]);
  });

  it('still calls a header with the wrong number of names ragged', async () => {
    const text = 'time temperature\n1\t20.5\t40\n2\t20.7\t41\n';
    await expect(readCsvText(text)).rejects.toMatchObject({ code: 'CSV_RAGGED', line: 2 });
  });
});

describe('currency and percent cells', () => {
  it('reads amounts with a currency symbol or code as the number, and notes it', async () => {
    const file = await writeTemp(
      'sales.csv',
      'month,revenue,price,share\n' +
        '2024-01,"$1,234.50",$1.25,5%\n' +
        '2024-02,"-$12.00",€3,12.5 %\n' +
        '2024-03,"1,000.25 USD",£0.99,-2%\n' +
        '2024-04,$-7,¥500,100%\n',
    );
    const table = await readCsvFile(file);
    expect(table.columns.map((column) => [column.name, column.kind])).toEqual([
      ['month', 'date'],
      ['revenue', 'number'],
      ['price', 'number'],
      ['share', 'number'],
    ]);
    const numbers = (name: string): number[] =>
      Array.from(table.columns.find((column) => column.name === name)!.numbers!);
    expect(numbers('revenue')).toEqual([1234.5, -12, 1000.25, -7]);
    expect(numbers('price')).toEqual([1.25, 3, 0.99, 500]);
    expect(numbers('share')).toEqual([5, 12.5, -2, 100]);
    expect(table.columns.every((column) => column.missing === 0)).toBe(true);
    // "$" may be any dollar, so "$" and "USD" count as two currencies.
    expect(table.warnings).toEqual([
      'Column "revenue" mixes currencies ($, USD); the amounts were read as they are, not converted.',
      'Column "price" mixes currencies ($, €, £, ¥); the amounts were read as they are, not converted.',
    ]);
    const { report } = toTimeSeries(table, { target: 'revenue', features: ['price', 'share'] });
    expect(report.columnNotes).toEqual([
      {
        column: 'revenue',
        note: 'Read as amounts without the currency, so "$1,234.50" is 1234.5.',
      },
      { column: 'price', note: 'Read as amounts without the currency, so "$1.25" is 1.25.' },
      { column: 'share', note: 'Read as percent, so "5%" is 5.' },
    ]);
    expect(report.notes).toContain('Column "share": read as percent, so "5%" is 5.');
  });

  it('reads a decimal comma with a trailing euro sign', async () => {
    const table = await readCsvText('Datum;Preis\n01.03.2024;3,50 €\n02.03.2024;1.234,00 €\n');
    expect(table.dialect.decimal).toBe(',');
    expect(Array.from(table.columns[1]!.numbers!)).toEqual([3.5, 1234]);
  });

  it('does not take a currency sign alone or a stray percent for a number', async () => {
    const rows = Array.from({ length: 30 }, (_, row) => `${row},${row + 1}`);
    rows[3] = '3,$';
    rows[7] = '7,%';
    const table = await readCsvText(`x,y\n${rows.join('\n')}\n`);
    const y = table.columns[1]!;
    expect(y.kind).toBe('number');
    expect(y.missing).toBe(2);
    expect(table.warnings![0]).toMatch(/"y": 2 value\(s\) are not numbers/);
  });
});

describe('unix timestamps in a date column', () => {
  const hour = 3_600_000;
  const start = 1_700_000_000; // 2023-11-14T22:13:20Z
  const rows = (scale: number): string =>
    Array.from({ length: 6 }, (_, row) => `${(start + row * 3600) * scale},${20 + row}`).join('\n');

  it('finds seconds in the first column and reads them as times', async () => {
    const table = await readCsvFile(await writeTemp('unix-s.csv', `time,temp\n${rows(1)}\n`));
    expect(table.columns[0]!.kind).toBe('number');
    const { series, report } = toTimeSeries(table, { target: 'temp' });
    expect(series.times![0]).toBe(start * 1000);
    expect(series.times![5]! - series.times![0]!).toBe(5 * hour);
    expect(series.frequency?.label).toBe('hourly');
    expect(report.dateColumn).toBe('time');
    expect(report.notes).toContain(
      'Read "time" as unix seconds (2023-11-14T22:13:20.000Z to 2023-11-15T03:13:20.000Z).',
    );
  });

  it('finds milliseconds by their range', async () => {
    const table = await readCsvFile(await writeTemp('unix-ms.csv', `ts,temp\n${rows(1000)}\n`));
    const { series, report } = toTimeSeries(table, { target: 'temp' });
    expect(series.times![0]).toBe(start * 1000);
    expect(report.notes.some((note) => note.startsWith('Read "ts" as unix milliseconds'))).toBe(
      true,
    );
  });

  it('honours a forced unit and "none"', async () => {
    const table = await readCsvFile(await writeTemp('unix-forced.csv', `ts,temp\n${rows(1)}\n`));
    // Forced to milliseconds, 1.7e9 ms is January 1970.
    const forced = toTimeSeries(table, { target: 'temp', date: 'ts', dateUnit: 'ms' });
    expect(forced.series.times![0]).toBe(start);
    const none = toTimeSeries(table, { target: 'temp', dateUnit: 'none' });
    expect(none.series.times).toBeNull();
    expect(() => toTimeSeries(table, { target: 'temp', date: 'ts', dateUnit: 'none' })).toThrow(
      /holds numbers, not dates/,
    );
  });

  it('leaves ordinary numbers and the target alone', async () => {
    // A counter in the first column that is not ascending is not a time.
    const table = await readCsvText('count,v\n1700000000,1\n1600000000,2\n1650000000,3\n');
    expect(toTimeSeries(table, { target: 'v' }).series.times).toBeNull();
    // The target itself is never taken for the time column.
    const only = await readCsvText(`ts\n${start}\n${start + 60}\n${start + 120}\n`);
    expect(toTimeSeries(only, { target: 'ts' }).series.times).toBeNull();
    // Small values (row numbers) are not timestamps even when ascending.
    const indexed = await readCsvText('row,v\n1,5\n2,6\n3,7\n');
    expect(toTimeSeries(indexed, { target: 'v' }).series.times).toBeNull();
  });
});

describe('unix timestamps in the import preview', () => {
  it('proposes an ascending first column of unix seconds as the date column', async () => {
    const rows = Array.from({ length: 5 }, (_, row) => `${1_700_000_000 + row * 60},${row}`);
    const file = await writeTemp('unix-preview.csv', `epoch,v\n${rows.join('\n')}\n`);
    const preview = await previewCsv({ path: file });
    expect(preview.columns).toEqual([
      { name: 'epoch', kind: 'date', dateFormat: 'unix-s', dateOrderFromData: true },
      { name: 'v', kind: 'number', dateFormat: null, dateOrderFromData: true },
    ]);
    // What the wizard then sends: the column by name, read by its range.
    const { series } = toTimeSeries(await readCsvFile(file), { target: 'v', date: 'epoch' });
    expect(series.frequency?.label).toBe('every minute');
  });

  it('leaves a file with a real date column as it was', async () => {
    const file = await writeTemp('dated-preview.csv', 'date,id\n2024-01-01,1700000000\n');
    const preview = await previewCsv({ path: file });
    expect(preview.columns.map((column) => column.kind)).toEqual(['date', 'number']);
  });
});
