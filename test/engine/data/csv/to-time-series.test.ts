import { describe, expect, it } from 'vitest';
import { readCsvText, toTimeSeries } from '../../../../src-main/engine/data/csv';

const day = 86_400_000;

describe('toTimeSeries', () => {
  const weather =
    'date,temp,rain,sky\n' +
    '2020-01-01,1,0.5,sun\n' +
    '2020-01-02,,0.0,rain\n' +
    '2020-01-03,3,NA,rain\n' +
    '2020-01-05,5,1.0,sun\n';

  it('fills missing values and dates and reports them', async () => {
    const table = await readCsvText(weather);
    const { series, report } = toTimeSeries(table, { target: 'temp', features: ['rain'] });
    expect(Array.from(series.target.values)).toEqual([1, 2, 3, 4, 5]);
    // Rain is known on Jan 2 (0) and Jan 5 (1): Jan 3 and the inserted Jan 4 lie a third apart.
    const rain = Array.from(series.features[0]!.values);
    [0.5, 0, 1 / 3, 2 / 3, 1].forEach((expected, index) =>
      expect(rain[index]).toBeCloseTo(expected, 12),
    );
    expect(series.times![4]).toBe(Date.UTC(2020, 0, 5));
    expect(report).toMatchObject({
      rowsRead: 4,
      rowsUsed: 5,
      dateColumn: 'date',
      missingValues: [
        { column: 'temp', count: 1 },
        { column: 'rain', count: 1 },
      ],
      missingDates: 1,
      insertedDates: 1,
      filledValues: 4,
      filledRows: [1, 2, 3],
    });
    expect(report.notes).toEqual([
      'Read 4 rows; the series has 5 rows.',
      'The data is daily (from "date").',
      '1 date of the regular index is missing.',
      'Missing values: 1 in "temp", 1 in "rain".',
      'Filled 4 values on 3 rows by linear interpolation in time after inserting 1 missing date.',
    ]);
  });

  it('drops incomplete rows with the drop policy', async () => {
    const { series, report } = toTimeSeries(await readCsvText(weather), {
      target: 'temp',
      features: ['rain'],
      fill: 'drop',
    });
    expect(Array.from(series.target.values)).toEqual([1, 5]);
    expect(report).toMatchObject({ droppedRows: 2, insertedDates: 0, rowsUsed: 2 });
  });

  it('matches column names loosely when unambiguous', async () => {
    const { series } = toTimeSeries(await readCsvText(weather), { target: ' TEMP ' });
    expect(series.target.name).toBe('temp');
  });

  it('lists the available columns for an unknown name', async () => {
    const table = await readCsvText(weather);
    expect(() => toTimeSeries(table, { target: 'temperature' })).toThrow(
      'There is no column "temperature" for the target. The columns are: "date", "temp", "rain", "sky".',
    );
    expect(() => toTimeSeries(table, { target: 'temp', date: 'when' })).toThrow(
      expect.objectContaining({ code: 'CSV_COLUMN' }),
    );
  });

  it('rejects a text target and names the numeric columns', async () => {
    const table = await readCsvText(weather);
    expect(() => toTimeSeries(table, { target: 'sky' })).toThrow(
      'The target column "sky" holds text, not numbers. Numeric columns: "temp", "rain".',
    );
  });

  it('rejects the target as a feature and a repeated feature', async () => {
    const table = await readCsvText(weather);
    expect(() => toTimeSeries(table, { target: 'temp', features: ['temp'] })).toThrow(
      'is the target',
    );
    expect(() => toTimeSeries(table, { target: 'temp', features: ['rain', 'rain'] })).toThrow(
      'is listed twice',
    );
  });

  it('rejects an unknown fill policy', async () => {
    const table = await readCsvText(weather);
    const options = { target: 'temp', fill: 'mean' } as unknown as Parameters<
      typeof toTimeSeries
    >[1];
    expect(() => toTimeSeries(table, options)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTIONS' }),
    );
  });

  it('sorts rows given newest first', async () => {
    const table = await readCsvText('date,v\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n');
    const { series, report } = toTimeSeries(table, { target: 'v' });
    expect(Array.from(series.target.values)).toEqual([1, 2, 3]);
    expect(series.times![1]! - series.times![0]!).toBe(day);
    expect(report.sortedByTime).toBe(true);
  });

  it('rejects two rows at the same time', async () => {
    const table = await readCsvText('date,v\n2020-01-01,1\n2020-01-02,2\n2020-01-02,3\n');
    expect(() => toTimeSeries(table, { target: 'v' })).toThrow(
      'The time 2020-01-02 appears on more than one row (data rows 2 and 3).',
    );
  });

  it('leaves out rows without a date', async () => {
    const table = await readCsvText('date,v\n2020-01-01,1\n,9\n2020-01-02,2\n');
    const { series, report } = toTimeSeries(table, { target: 'v' });
    expect(Array.from(series.target.values)).toEqual([1, 2]);
    expect(report.rowsWithoutDate).toBe(1);
  });

  it('reads unix timestamps by their range unless told they are not times', async () => {
    const table = await readCsvText('ts,v\n1577836800,1\n1577840400,2\n1577844000,3\n');
    expect(() => toTimeSeries(table, { target: 'v', date: 'ts', dateUnit: 'none' })).toThrow(
      'unix timestamps',
    );
    const { series } = toTimeSeries(table, { target: 'v', date: 'ts', dateUnit: 's' });
    expect(series.times![0]).toBe(Date.UTC(2020, 0, 1));
    expect(series.frequency?.label).toBe('hourly');
  });

  it('builds a series without times when there is no date column', async () => {
    const { series, report } = toTimeSeries(await readCsvText('v\n1\n\n\n4\n'), { target: 'v' });
    expect(series.times).toBeNull();
    expect(series.frequency).toBeNull();
    expect(Array.from(series.target.values)).toEqual([1, 4]);
    expect(report.dateColumn).toBeNull();
    const gappy = await readCsvText('v,w\n1,0\n,0\n,0\n4,0\n');
    expect(
      Array.from(toTimeSeries(gappy, { target: 'v', date: null }).series.target.values),
    ).toEqual([1, 2, 3, 4]);
  });

  it('rejects a target with no values', async () => {
    const table = await readCsvText('date,v,w\n2020-01-01,,1\n2020-01-02,,2\n');
    expect(() => toTimeSeries(table, { target: 'v' })).toThrow('has no values at all');
  });
});
