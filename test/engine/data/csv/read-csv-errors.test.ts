import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewCsv, readCsvFile, readCsvText } from '../../../../src-main/engine/data/csv';
import { EngineError } from '../../../../src-main/engine/util/engine-error';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'csv-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTemp(name: string, content: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, content);
  return file;
}

describe('bad input names the problem', () => {
  it('rejects an empty file, a blank file and a lone byte-order mark', async () => {
    for (const content of ['', ' \n\n \r\n', '\uFEFF']) {
      const file = await writeTemp('empty.csv', content);
      await expect(readCsvFile(file)).rejects.toMatchObject({ code: 'CSV_EMPTY' });
    }
    await expect(readCsvText('')).rejects.toMatchObject({ code: 'CSV_EMPTY' });
  });

  it('rejects a header without data rows', async () => {
    await expect(readCsvText('date,value\n')).rejects.toMatchObject({
      code: 'CSV_EMPTY',
      message: 'The file has a header (date, value) but no data rows.',
    });
  });

  it('rejects binary files: NUL bytes, or mostly control characters', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    await expect(readCsvFile(await writeTemp('book.xlsx', zip))).rejects.toMatchObject({
      code: 'CSV_BINARY',
      message: expect.stringContaining('NUL bytes'),
    });
    const noise = new Uint8Array(512).map((_, index) => 1 + (index % 7));
    await expect(readCsvFile(await writeTemp('noise.bin', noise))).rejects.toMatchObject({
      code: 'CSV_BINARY',
      message: expect.stringContaining('mostly not text'),
    });
    await expect(readCsvText('a,b\n1,\u0000\n')).rejects.toMatchObject({ code: 'CSV_BINARY' });
  });

  it('names the line of a ragged row', async () => {
    const text =
      'date,a,b,c\n2020-01-01,1,2,3\n2020-01-02,1,2,3\n\n2020-01-03,1,2,3\n2020-01-04,1,2,3\n2020-01-05,1,2\n';
    const error: unknown = await readCsvText(text).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'CSV_RAGGED', line: 7 });
    expect((error as EngineError).message).toContain(
      'line 7 has 3 fields, expected 4 (date, a, b, c)',
    );
  });

  it('names the line of a ragged row far past the rows used for guessing', async () => {
    const rows = ['x,y'];
    for (let row = 0; row < 1500; row += 1) rows.push(`${row},${row}`);
    rows.push('1500,1500,1500');
    await expect(readCsvText(rows.join('\n'))).rejects.toMatchObject({
      code: 'CSV_RAGGED',
      line: 1502,
    });
  });

  it('rejects a table without any numeric column', async () => {
    await expect(
      readCsvText('date,weather\n2020-01-01,rain\n2020-01-02,sun\n'),
    ).rejects.toMatchObject({
      code: 'CSV_NO_NUMERIC',
      message: expect.stringContaining('"date" (date), "weather" (text)'),
    });
  });

  it('names the line and value of an invalid date', async () => {
    const text = 'date,value\n2020-02-27,1\n2020-02-28,2\n2020-02-30,3\n2020-03-01,4\n';
    await expect(readCsvText(text)).rejects.toMatchObject({
      code: 'CSV_DATE',
      line: 4,
      message: 'Line 4: "2020-02-30" in column "date" is not a valid yyyy-mm-dd date.',
    });
    const rows = ['date,value'];
    for (let day = 1; day <= 20; day += 1)
      rows.push(`2020-01-${String(day).padStart(2, '0')},${day}`);
    rows.push('soon,21');
    await expect(readCsvText(rows.join('\n'))).rejects.toMatchObject({
      code: 'CSV_DATE',
      line: 22,
    });
  });

  it('suggests the other date order when a late date contradicts a guessed one', async () => {
    const rows = ['date,value'];
    for (let month = 0; month < 1200; month += 1) {
      const year = 1900 + Math.floor(month / 12);
      rows.push(`01/${String((month % 12) + 1).padStart(2, '0')}/${year},${month}`);
    }
    rows.push('02/13/2000,1200');
    await expect(readCsvText(rows.join('\n'))).rejects.toMatchObject({
      code: 'CSV_DATE',
      line: 1202,
      message: expect.stringContaining('Choose the other date order'),
    });
  });

  it('reports an unreadable path as CSV_READ', async () => {
    const missing = path.join(dir, 'does-not-exist.csv');
    await expect(readCsvFile(missing)).rejects.toMatchObject({
      code: 'CSV_READ',
      message: expect.stringContaining(missing),
    });
    await expect(previewCsv({ path: missing })).rejects.toMatchObject({ code: 'CSV_READ' });
  });

  it('names the line of a quote that is never closed', async () => {
    await expect(readCsvText('a,b\n1,2\n3,"4\n5,6\n')).rejects.toMatchObject({
      code: 'CSV_READ',
      line: 3,
    });
  });
});
