import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCsvFile, toTimeSeries } from '../../../../src-main/engine/data/csv';
import { prepareSeries } from '../../../../src-main/engine/data/series/prepare-series';
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
