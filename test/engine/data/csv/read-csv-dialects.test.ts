import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CsvTable } from '../../../../src-main/engine/data/csv';
import { readCsvFile, readCsvText, sniffDialect } from '../../../../src-main/engine/data/csv';

function numbers(table: CsvTable, name: string): number[] {
  return Array.from(table.columns.find((column) => column.name === name)!.numbers!);
}

function times(table: CsvTable, name: string): number[] {
  return Array.from(table.columns.find((column) => column.name === name)!.times!);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'csv-dialects-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('dialect detection', () => {
  it('reads semicolons with decimal commas and dotted thousands', async () => {
    const table = await readCsvText(
      'Datum;Umsatz;Temperatur\n01.03.2020;1.234,5;-1,5\n02.03.2020;987,25;0,75\n03.03.2020;2.000,0;3\n',
    );
    expect(table.dialect).toEqual({ delimiter: ';', decimal: ',', hasHeader: true });
    expect(numbers(table, 'Umsatz')).toEqual([1234.5, 987.25, 2000]);
    expect(numbers(table, 'Temperatur')).toEqual([-1.5, 0.75, 3]);
    expect(times(table, 'Datum')).toEqual([
      Date.UTC(2020, 2, 1),
      Date.UTC(2020, 2, 2),
      Date.UTC(2020, 2, 3),
    ]);
  });

  it('prefers the semicolon even when every value has a decimal comma', () => {
    const sample = 'a;b\n1,5;2,5\n3,5;4,5\n5,5;6,5\n';
    expect(sniffDialect(sample)).toEqual({ delimiter: ';', decimal: ',', hasHeader: true });
  });

  it('reads tab-separated values', async () => {
    const table = await readCsvText(
      'time\tvalue\tnote\n2020-01-01\t1.5\tok, fine\n2020-01-02\t2.5\tok\n',
    );
    expect(table.dialect.delimiter).toBe('\t');
    expect(numbers(table, 'value')).toEqual([1.5, 2.5]);
    expect(table.columns[2]!.texts).toEqual(['ok, fine', 'ok']);
  });

  it('keeps delimiters, quotes and line breaks inside quoted fields', async () => {
    const text =
      'date,comment,value\n' +
      '2020-01-01,"rain, then sun",1\n' +
      '2020-01-02,"he said ""hi""",2\n' +
      '2020-01-03,"two\nlines",3\n' +
      '2020-01-04,"a;b\tc",4\n';
    const table = await readCsvText(text);
    expect(table.dialect.delimiter).toBe(',');
    expect(table.columns[1]!.texts).toEqual([
      'rain, then sun',
      'he said "hi"',
      'two\nlines',
      'a;b\tc',
    ]);
    expect(numbers(table, 'value')).toEqual([1, 2, 3, 4]);
  });

  it('reads a stray non-number as missing and names its line, counting quoted line breaks', async () => {
    const rows = ['date,comment,value', '2020-01-01,"two\nlines",0'];
    for (let day = 2; day <= 12; day += 1)
      rows.push(`2020-01-${String(day).padStart(2, '0')},ok,${day}`);
    rows[5] = '2020-01-05,ok,x,'; // the sixth row starts on line 7; the trailing delimiter is tolerated
    const table = await readCsvText(rows.join('\n'));
    expect(table.columns[2]!.kind).toBe('number');
    expect(table.columns[2]!.missing).toBe(1);
    expect(numbers(table, 'value').slice(3, 6)).toEqual([4, NaN, 6]);
    expect(table.warnings).toEqual([
      'Column "value": 1 value(s) are not numbers and were read as missing (first on line 7: "x").',
    ]);
  });

  it('strips a UTF-8 byte-order mark from a file', async () => {
    const file = await writeTemp('bom.csv', '\uFEFFdate,value\n2020-01-01,1\n2020-01-02,2\n');
    const table = await readCsvFile(file);
    expect(table.columns.map((column) => column.name)).toEqual(['date', 'value']);
    expect(table.columns[0]!.kind).toBe('date');
  });

  it('reads CRLF line ends without a final newline', async () => {
    const file = await writeTemp('crlf.csv', 'date,value\r\n2020-01-01,1.25\r\n2020-01-02,2.5');
    const table = await readCsvFile(file);
    expect(table.rowCount).toBe(2);
    expect(numbers(table, 'value')).toEqual([1.25, 2.5]);
  });

  it('reads the last row when there is no final newline', async () => {
    const table = await readCsvText('a,b\n1,2\n3,4');
    expect(table.rowCount).toBe(2);
    expect(numbers(table, 'b')).toEqual([2, 4]);
  });

  it('detects a file without a header and names the columns', async () => {
    const table = await readCsvText('2020-01-01,1.5,7\n2020-01-02,2.5,8\n2020-01-03,3.5,9\n');
    expect(table.dialect.hasHeader).toBe(false);
    expect(table.rowCount).toBe(3);
    expect(table.columns.map((column) => column.name)).toEqual([
      'column 1',
      'column 2',
      'column 3',
    ]);
    expect(numbers(table, 'column 3')).toEqual([7, 8, 9]);
  });

  it('reads a single column of numbers', async () => {
    const table = await readCsvText('value\n1\n2\n3\n');
    expect(table.dialect).toEqual({ delimiter: ',', decimal: '.', hasHeader: true });
    expect(numbers(table, 'value')).toEqual([1, 2, 3]);
  });

  it('lets the caller force every dialect field', async () => {
    // Sniffed: ";" splits into typed cells ("1,2" is a decimal comma number), so it wins.
    expect(sniffDialect('a,b;c\n1,2;3\n4,5;6\n')).toEqual({
      delimiter: ';',
      decimal: ',',
      hasHeader: true,
    });
    const forcedDelimiter = await readCsvText('a,b;c\n1,2;3\n4,5;6\n', { delimiter: ',' });
    expect(forcedDelimiter.dialect).toEqual({ delimiter: ',', decimal: '.', hasHeader: true });
    expect(forcedDelimiter.columns.map((column) => column.name)).toEqual(['a', 'b;c']);
    expect(numbers(forcedDelimiter, 'a')).toEqual([1, 4]);

    const forcedHeader = await readCsvText('10,20\n1,2\n3,4\n', { hasHeader: true });
    expect(forcedHeader.columns.map((column) => column.name)).toEqual(['10', '20']);
    expect(forcedHeader.rowCount).toBe(2);

    const forcedComma = await readCsvText('a;b\n1.5;2\n', { decimal: ',' });
    expect(forcedComma.dialect.decimal).toBe(',');
    // Under a decimal comma "1.5" is not a thousands group, so it is still read as 1.5.
    expect(numbers(forcedComma, 'a')).toEqual([1.5]);
  });

  it('renames blank and repeated header names', async () => {
    const table = await readCsvText(',value,value\n0,1,2\n1,3,4\n');
    expect(table.columns.map((column) => column.name)).toEqual(['column 1', 'value', 'value (2)']);
  });

  it('counts missing markers in a block of missing values', async () => {
    const table = await readCsvText(
      'date,value\n2020-01-01,1\n2020-01-02,\n2020-01-03,NA\n2020-01-04,n/a\n2020-01-05,5\n',
    );
    expect(table.columns[1]!.missing).toBe(3);
    expect(numbers(table, 'value')).toEqual([1, NaN, NaN, NaN, 5]);
    expect(table.warnings).toEqual([]);
  });
});

describe('dates', () => {
  it('reads dd/mm/yyyy when a day above 12 shows it', async () => {
    const table = await readCsvText('date,value\n11/01/2020,1\n12/01/2020,2\n13/01/2020,3\n');
    expect(times(table, 'date')).toEqual([
      Date.UTC(2020, 0, 11),
      Date.UTC(2020, 0, 12),
      Date.UTC(2020, 0, 13),
    ]);
    expect(table.warnings).toEqual([]);
  });

  it('reads mm/dd/yyyy when a day above 12 in second place shows it', async () => {
    const table = await readCsvText('date,value\n01/11/2020,1\n01/12/2020,2\n01/13/2020,3\n');
    expect(times(table, 'date')[2]).toBe(Date.UTC(2020, 0, 13));
  });

  it('reads ambiguous dates day-first by default, and says so', async () => {
    const text = 'date,value\n01/02/2020,1\n01/03/2020,2\n';
    const dayFirst = await readCsvText(text);
    expect(times(dayFirst, 'date')).toEqual([Date.UTC(2020, 1, 1), Date.UTC(2020, 2, 1)]);
    expect(dayFirst.warnings![0]).toContain('read as dd/mm/yyyy');
    const monthFirst = await readCsvText(text, { dateOrder: 'mdy' });
    expect(times(monthFirst, 'date')).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3)]);
  });

  it('reads year-month, slashed ISO and timestamps with zones as UTC', async () => {
    const table = await readCsvText(
      'month,ymd,stamp,v\n1958-03,2012/01/05,2012-01-01T10:00:00+02:00,1\n1958-04,2012/01/06,2012-01-01 10:00,2\n',
    );
    expect(times(table, 'month')).toEqual([Date.UTC(1958, 2, 1), Date.UTC(1958, 3, 1)]);
    expect(times(table, 'ymd')).toEqual([Date.UTC(2012, 0, 5), Date.UTC(2012, 0, 6)]);
    expect(times(table, 'stamp')).toEqual([Date.UTC(2012, 0, 1, 8), Date.UTC(2012, 0, 1, 10)]);
  });
});

describe('streaming', () => {
  it('reads a file larger than one chunk and reports progress up to the total', async () => {
    const lines = ['time,value,flag'];
    const start = Date.UTC(2020, 0, 1);
    for (let row = 0; row < 30_000; row += 1) {
      const stamp = new Date(start + row * 60_000).toISOString().slice(0, 16).replace('T', ' ');
      lines.push(`${stamp},${(row * 0.5).toFixed(1)},${row % 2 === 0 ? 'even' : 'odd'}`);
    }
    const file = await writeTemp('large.csv', `${lines.join('\n')}\n`);
    const progress: [number, number][] = [];
    const table = await readCsvFile(file, {
      onProgress: (bytesRead, totalBytes) => progress.push([bytesRead, totalBytes]),
    });
    expect(table.rowCount).toBe(30_000);
    const values = numbers(table, 'value');
    expect(values[29_999]).toBe(14_999.5);
    expect(times(table, 'time')[29_999]).toBe(start + 29_999 * 60_000);
    expect(progress.length).toBeGreaterThan(2);
    const [lastRead, total] = progress[progress.length - 1]!;
    expect(lastRead).toBe(total);
    expect(progress.every(([read], index) => index === 0 || read >= progress[index - 1]![0])).toBe(
      true,
    );
  });

  it('gives the same table for the same text read from a file and from memory', async () => {
    const text = 'a;b\n1,5;x\n2,5;y\n';
    const fromText = await readCsvText(text);
    const fromFile = await readCsvFile(await writeTemp('same.csv', text));
    expect(fromFile).toEqual(fromText);
  });

  it('stops with CANCELLED when the signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readCsvText('a\n1\n', { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});
