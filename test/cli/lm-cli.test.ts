import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { samplePath } from '../sample-files';
import { createCliRunner, once, type CliRun } from './run-cli';

/**
 * `lm` and `next` as a user runs them: real processes from the repository root on the wasm backend,
 * on the first pages of Moby Dick with a tiny network, so each run takes seconds.
 */
const cli = createCliRunner({ slots: 2 });
const root = mkdtempSync(join(tmpdir(), 'rnn-studio-lm-cli-'));
const textFile = join(root, 'moby-start.txt');
writeFileSync(textFile, readFileSync(samplePath('moby-dick.txt'), 'utf8').slice(0, 15_000));
const project = join(root, 'project');
const TINY = [
  '--layers',
  '16',
  '--embedding',
  '8',
  '--seq-len',
  '8',
  '--batch-size',
  '16',
  '--epochs',
  '1',
  '--backend',
  'wasm',
];

const trainJson = once(() => cli(['lm', '--text', textFile, ...TINY, '--json', '--out', project]));

function parseStdout(run: CliRun): unknown {
  const lines = run.stdout.split('\n').filter((line) => line !== '');
  if (lines.length !== 1)
    throw new Error(`expected one line on stdout, got:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(lines[0]!);
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.concurrent('rnn-studio lm', () => {
  it('--json prints the run with perplexity beside the Kneser-Ney trigram and saves the project', async ({
    expect,
  }) => {
    const run = await trainJson();
    expect(run.code, run.stderr).toBe(0);
    const report = parseStdout(run) as Record<string, unknown>;
    expect(report).toMatchObject({
      command: 'lm',
      backend: 'wasm',
      status: 'completed',
      tokens: { train: expect.any(Number), val: expect.any(Number) },
      vocabSize: expect.any(Number),
      unkRate: expect.any(Number),
      perplexity: expect.any(Number),
      baselines: { kneserNeyTrigram: expect.any(Number) },
      outputs: { project },
    });
    expect(report.seconds).toBeGreaterThan(0);
    const tokens = report.tokens as { train: number; val: number };
    expect(tokens.val / (tokens.train + tokens.val)).toBeCloseTo(0.1, 2);
    expect(report.perplexity).toBeLessThan(report.vocabSize as number);
    expect(existsSync(join(project, 'project.json'))).toBe(true);
    expect(run.stderr).toContain('Kneser-Ney trigram perplexity');
  });

  it('prints a readable summary without --json', async ({ expect }) => {
    const quick = [...TINY.slice(0, -4), '--steps', '3', '--backend', 'wasm'];
    const run = await cli(['lm', '--text', textFile, ...quick, '--out', join(root, 'table')]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('validation perplexity: model');
    expect(run.stdout).toContain('Kneser-Ney trigram');
    expect(run.stdout).toContain(`project: ${join(root, 'table')}`);
  });

  it('refuses bad settings with the reason', async ({ expect }) => {
    const cases: [string[], string, string][] = [
      [['lm', '--json'], 'INVALID_OPTIONS', '--text is required'],
      [['lm', '--text', textFile, '--bidirectional', '--json'], 'INVALID_SPEC', 'bidirectional'],
      [['next', '--model', join(root, 'nowhere'), 'call me', '--json'], 'PROJECT_IO', 'no project'],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(args)));
    runs.forEach((run, i) => {
      const [, code, fragment] = cases[i]!;
      expect(run.code).toBe(1);
      expect(parseStdout(run)).toEqual({
        ok: false,
        error: { code, message: expect.stringContaining(fragment) },
      });
    });
  });
});

describe.concurrent('rnn-studio next', () => {
  it('prints the top-k next words as a JSON list of {word, p}', async ({ expect }) => {
    expect((await trainJson()).code).toBe(0);
    const run = await cli([
      'next',
      '--model',
      project,
      '--top',
      '5',
      '--temperature',
      '0.8',
      'Call me',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const list = parseStdout(run) as { word: string; p: number; unknown?: boolean }[];
    expect(list).toHaveLength(5);
    for (const [i, entry] of list.entries()) {
      expect(Object.keys(entry).sort()).toEqual(
        entry.unknown ? ['p', 'unknown', 'word'] : ['p', 'word'],
      );
      expect(entry.p).toBeGreaterThan(0);
      if (i > 0) expect(entry.p).toBeLessThanOrEqual(list[i - 1]!.p);
    }
    expect(list.reduce((sum, e) => sum + e.p, 0)).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('generates and scores surprise on request', async ({ expect }) => {
    expect((await trainJson()).code).toBe(0);
    const [generated, surprise] = await Promise.all([
      cli(['next', '--model', project, '--generate', '6', '--seed', '3', 'Call me']),
      cli(['next', '--model', project, '--surprise', 'Call me Ishmael.']),
    ]);
    expect(generated.code, generated.stderr).toBe(0);
    const out = parseStdout(generated) as { tokens: string[]; text: string };
    expect(out.tokens).toHaveLength(6);
    expect(out.text.startsWith('Call me ')).toBe(true);
    expect(surprise.code, surprise.stderr).toBe(0);
    const scored = parseStdout(surprise) as { token: string; surprise: number }[];
    expect(scored.map((s) => s.token)).toEqual(['call', 'me', 'ishmael', '.']);
    for (const s of scored) expect(s.surprise).toBeGreaterThanOrEqual(0);
  });
});
