/**
 * Child process of the benchmark: import a generated CSV and print rows/s and peak RSS as JSON.
 * Run on its own so that its peak memory is the import's alone, not the training runs'.
 */
import { readCsvFile } from '../src-main/engine/data/csv';

const path = process.argv[2];
if (path === undefined) throw new Error('usage: csv-import-bench.ts FILE');
const started = performance.now();
const table = await readCsvFile(path);
const seconds = (performance.now() - started) / 1000;
const peakRssMiB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  JSON.stringify({
    rows: table.rowCount,
    seconds,
    rowsPerSecond: table.rowCount / seconds,
    peakRssMiB,
  }) + '\n',
);
