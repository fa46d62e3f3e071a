import { describe, expect, it } from 'vitest';
import { readCsvFile, toTimeSeries } from '../../../../src-main/engine/data/csv';
import { samplePath } from '../../../sample-files';

const day = 86_400_000;

describe('seattle-weather.csv', () => {
  const file = samplePath('seattle-weather.csv');

  it('reads 1461 daily rows with a date, four numbers and a text column', async () => {
    const table = await readCsvFile(file);
    expect(table.dialect).toEqual({ delimiter: ',', decimal: '.', hasHeader: true });
    expect(table.rowCount).toBe(1461);
    expect(table.columns.map((column) => [column.name, column.kind])).toEqual([
      ['date', 'date'],
      ['precipitation', 'number'],
      ['temp_max', 'number'],
      ['temp_min', 'number'],
      ['wind', 'number'],
      ['weather', 'text'],
    ]);
    const [date, precipitation, , , , weather] = table.columns;
    expect(date!.times![0]).toBe(Date.UTC(2012, 0, 1));
    expect(date!.times![1460]).toBe(Date.UTC(2015, 11, 31));
    expect(precipitation!.numbers![1]).toBe(10.9);
    expect(weather!.texts!.slice(0, 2)).toEqual(['drizzle', 'rain']);
    expect(table.columns.every((column) => column.missing === 0)).toBe(true);
  });

  it('becomes a daily series with a weekly season and nothing to fill', async () => {
    const table = await readCsvFile(file);
    const { series, report } = toTimeSeries(table, {
      target: 'temp_max',
      features: ['temp_min', 'precipitation', 'wind'],
    });
    expect(series.frequency).toEqual({ unit: 'day', step: 1, label: 'daily', seasonPeriod: 7 });
    expect(series.times!.length).toBe(1461);
    expect(series.times![1]! - series.times![0]!).toBe(day);
    expect(series.target).toMatchObject({ name: 'temp_max' });
    expect(series.target.values[0]).toBe(12.8);
    expect(series.features.map((feature) => feature.name)).toEqual([
      'temp_min',
      'precipitation',
      'wind',
    ]);
    expect(report).toMatchObject({
      rowsRead: 1461,
      rowsUsed: 1461,
      missingDates: 0,
      filledValues: 0,
    });
  });
});

describe('co2-concentration.csv', () => {
  const file = samplePath('co2-concentration.csv');

  it('reads 741 monthly rows and keeps the spaced header name', async () => {
    const table = await readCsvFile(file);
    expect(table.rowCount).toBe(741);
    expect(table.columns.map((column) => column.name)).toEqual(['Date', 'CO2', 'adjusted CO2']);
    expect(table.columns.map((column) => column.kind)).toEqual(['date', 'number', 'number']);
  });

  it('finds the 5 missing months and fills them linearly in time (746 rows)', async () => {
    const table = await readCsvFile(file);
    const { series, report } = toTimeSeries(table, { target: 'adjusted CO2', features: ['CO2'] });
    expect(series.frequency).toEqual({
      unit: 'month',
      step: 1,
      label: 'monthly',
      seasonPeriod: 12,
    });
    expect(report.missingDates).toBe(5);
    expect(report.insertedDates).toBe(5);
    expect(report.filledValues).toBe(10);
    expect(series.times!.length).toBe(746);
    expect(series.target.values.length).toBe(746);

    // 1958-06 is absent. May 1 -> Jun 1 is 31 days and May 1 -> Jul 1 is 61, so June's CO2 is
    // 317.51 + (315.86 - 317.51) * 31 / 61 = 316.671475...; adjusted: 314.71 + 0.48 * 31 / 61.
    const june = Array.from(series.times!).indexOf(Date.UTC(1958, 5, 1));
    expect(june).toBe(3);
    expect(series.features[0]!.values[june]).toBeCloseTo(317.51 - (1.65 * 31) / 61, 10);
    expect(series.target.values[june]).toBeCloseTo(314.71 + (0.48 * 31) / 61, 10);

    // 1964-02..04 are absent: Jan 1 -> Feb 1 is 31 of the 121 days to May 1 (1964 is a leap year).
    const february = Array.from(series.times!).indexOf(Date.UTC(1964, 1, 1));
    expect(series.features[0]!.values[february]).toBeCloseTo(
      319.57 + ((322.26 - 319.57) * 31) / 121,
      10,
    );
  });

  it('drops nothing and inserts nothing with the drop policy', async () => {
    const table = await readCsvFile(file);
    const { series, report } = toTimeSeries(table, { target: 'CO2', fill: 'drop' });
    expect(series.target.values.length).toBe(741);
    expect(report).toMatchObject({
      missingDates: 5,
      insertedDates: 0,
      droppedRows: 0,
      fill: 'drop',
    });
  });
});
