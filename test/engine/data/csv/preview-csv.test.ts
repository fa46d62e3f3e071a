import { describe, expect, it } from 'vitest';
import { previewCsv } from '../../../../src-main/engine/data/csv';
import { samplePath } from '../../../sample-files';

const co2 = samplePath('co2-concentration.csv');

describe('previewCsv', () => {
  it('shows the dialect, names, first rows and kinds of a file', async () => {
    const preview = await previewCsv(co2, { maxRows: 3 });
    expect(preview.dialect).toEqual({ delimiter: ',', decimal: '.', hasHeader: true });
    expect(preview.header).toEqual(['Date', 'CO2', 'adjusted CO2']);
    expect(preview.rows).toEqual([
      ['1958-03-01', '315.70', '314.44'],
      ['1958-04-01', '317.46', '315.16'],
      ['1958-05-01', '317.51', '314.71'],
    ]);
    expect(preview.columns.map((column) => [column.kind, column.dateFormat])).toEqual([
      ['date', 'ymd'],
      ['number', null],
      ['number', null],
    ]);
    expect(preview.totalBytes).toBeGreaterThan(10_000);
  });

  it('previews pasted text and honours forced dialect fields', async () => {
    const text = 'x;y\n01/02/2020;1,5\n02/02/2020;2,5\n';
    const preview = await previewCsv({ text });
    expect(preview.dialect).toEqual({ delimiter: ';', decimal: ',', hasHeader: true });
    expect(preview.columns[0]).toEqual({
      name: 'x',
      kind: 'date',
      dateFormat: 'dmy',
      dateOrderFromData: false,
    });
    const monthFirst = await previewCsv(text, { dateOrder: 'mdy' });
    expect(monthFirst.columns[0]!.dateFormat).toBe('mdy');
    const headerless = await previewCsv(text, { hasHeader: false });
    expect(headerless.header).toEqual(['column 1', 'column 2']);
    expect(headerless.rows[0]).toEqual(['x', 'y']);
  });

  it('rejects empty text', async () => {
    await expect(previewCsv({ text: '\n\n' })).rejects.toMatchObject({ code: 'CSV_EMPTY' });
  });
});
