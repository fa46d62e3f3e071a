import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCsvFile, readCsvText, toTimeSeries } from '../../../../src-main/engine/data/csv';

const co2File = fileURLToPath(
  new URL('../../../../resources/samples/co2-concentration.csv', import.meta.url),
);

/** Months after 1958-03 (row 0 of the CO2 series). */
function co2Row(year: number, month: number): number {
  return (year - 1958) * 12 + (month - 3);
}

/** Daily rows from 2020-01-01; `temp` is empty on rows 90..99, `rain` on row 150, `note` on 10. */
function generatedCsv(): string {
  const lines = ['date,temp,rain,note'];
  for (let row = 0; row < 200; row += 1) {
    const date = new Date(Date.UTC(2020, 0, 1 + row)).toISOString().slice(0, 10);
    const temp = row >= 90 && row < 100 ? '' : String(10 + Math.sin(row / 7));
    const rain = row === 150 ? 'NA' : String(row % 5);
    const note = row === 10 ? '' : String(row);
    lines.push(`${date},${temp},${rain},${note}`);
  }
  return `${lines.join('\n')}\n`;
}

describe('ImportReport.filledRows', () => {
  it('lists the 5 inserted months of co2-concentration.csv with linear fill', async () => {
    const table = await readCsvFile(co2File);
    const { series, report } = toTimeSeries(table, { target: 'adjusted CO2', features: ['CO2'] });
    const expected = [
      co2Row(1958, 6),
      co2Row(1958, 10),
      co2Row(1964, 2),
      co2Row(1964, 3),
      co2Row(1964, 4),
    ];
    expect(expected).toEqual([3, 7, 71, 72, 73]);
    expect(report.filledRows).toEqual(expected);
    expect(report.filledRows.map((row) => series.times![row])).toEqual([
      Date.UTC(1958, 5, 1),
      Date.UTC(1958, 9, 1),
      Date.UTC(1964, 1, 1),
      Date.UTC(1964, 2, 1),
      Date.UTC(1964, 3, 1),
    ]);
    expect(report.notes).toContain(
      'Filled 10 values on 5 rows by linear interpolation in time after inserting 5 missing dates.',
    );
  });

  it('lists a block of missing target values and a missing feature value, not unused columns', async () => {
    const table = await readCsvText(generatedCsv());
    const block = Array.from({ length: 10 }, (_, at) => 90 + at);
    const univariate = toTimeSeries(table, { target: 'temp' }).report;
    expect(univariate.filledRows).toEqual(block);
    expect(univariate.notes).toContain('Filled 10 values by linear interpolation in time.');
    const withRain = toTimeSeries(table, { target: 'temp', features: ['rain'], fill: 'ffill' });
    expect(withRain.report.filledRows).toEqual([...block, 150]);
  });

  it('is empty with drop, which fills nothing', async () => {
    const generated = toTimeSeries(await readCsvText(generatedCsv()), {
      target: 'temp',
      fill: 'drop',
    });
    expect(generated.report).toMatchObject({ droppedRows: 10, filledRows: [] });
    const co2 = toTimeSeries(await readCsvFile(co2File), { target: 'CO2', fill: 'drop' });
    expect(co2.report.filledRows).toEqual([]);
  });
});
