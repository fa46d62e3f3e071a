import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHandlers } from '../../src-main/handlers/create-handlers';
import { dispatch } from '../../src-main/handlers/dispatch';
import type { DesktopDeps } from '../../src-main/handlers/desktop-handlers';
import type { WorkerHost } from '../../src-main/worker/worker-host';

const dir = mkdtempSync(join(tmpdir(), 'rnn-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function handlers(desktop?: DesktopDeps) {
  return createHandlers({
    // The desktop channels never reach the worker.
    host: {} as WorkerHost,
    resourcesDir: dir,
    projectsDir: dir,
    transport: desktop === undefined ? 'web' : 'electron',
    appVersion: '0.1.0',
    emit: vi.fn(),
    ...(desktop === undefined ? {} : { desktop }),
  });
}

function desktop(path: string | null): DesktopDeps & {
  chooseFile: ReturnType<typeof vi.fn>;
  chooseSavePath: ReturnType<typeof vi.fn>;
} {
  return { chooseFile: vi.fn(async () => path), chooseSavePath: vi.fn(async () => path) };
}

describe('dialog:open', () => {
  it('returns the path the user picked, or null when they cancelled', async () => {
    const picked = desktop('/data/sales.csv');
    expect(await dispatch(handlers(picked), 'dialog:open', { kind: 'csv' })).toEqual({
      ok: true,
      value: { path: '/data/sales.csv' },
    });
    expect(picked.chooseFile).toHaveBeenCalledWith('csv');
    expect(await dispatch(handlers(desktop(null)), 'dialog:open', { kind: 'project' })).toEqual({
      ok: true,
      value: { path: null },
    });
  });

  it('is an error value over the web bridge, which has no native dialogs', async () => {
    const result = await dispatch(handlers(), 'dialog:open', { kind: 'csv' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(result.ok || result.error.message).toMatch(/only in the desktop app/);
  });
});

describe('export:save', () => {
  it('writes the text where the user chose, and nothing else beside it', async () => {
    const target = join(dir, 'forecast.csv');
    const chosen = desktop(target);
    const result = await dispatch(handlers(chosen), 'export:save', {
      suggestedName: 'forecast.csv',
      format: 'csv',
      content: 'time,actual\n1,2\n',
    });
    expect(result).toEqual({ ok: true, value: { path: target } });
    expect(chosen.chooseSavePath).toHaveBeenCalledWith('forecast.csv', 'csv');
    expect(readFileSync(target, 'utf8')).toBe('time,actual\n1,2\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes a PNG sent as base64 byte for byte', async () => {
    const target = join(dir, 'chart.png');
    const bytes = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    const chosen = desktop(target);
    const result = await dispatch(handlers(chosen), 'export:save', {
      suggestedName: 'co2-forecast-2026-11-26.png',
      format: 'png',
      content: Buffer.from(bytes).toString('base64'),
      encoding: 'base64',
    });
    expect(result).toEqual({ ok: true, value: { path: target } });
    expect(chosen.chooseSavePath).toHaveBeenCalledWith('co2-forecast-2026-11-26.png', 'png');
    expect(new Uint8Array(readFileSync(target))).toEqual(bytes);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    expect(
      await dispatch(handlers(desktop(null)), 'export:save', {
        suggestedName: 'x.svg',
        format: 'svg',
        content: '<svg/>',
      }),
    ).toEqual({ ok: true, value: { path: null } });
  });

  it('reports a folder it cannot write to as an error value', async () => {
    const result = await dispatch(handlers(desktop(join(dir, 'missing', 'x.csv'))), 'export:save', {
      suggestedName: 'x.csv',
      format: 'csv',
      content: 'a',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PROJECT_IO' } });
    expect(result.ok || result.error.message).toMatch(/could not write .*x\.csv.*choose another/);
  });

  it('refuses a suggested name with a folder in it before any dialog opens', async () => {
    const chosen = desktop(join(dir, 'y.csv'));
    const result = await dispatch(handlers(chosen), 'export:save', {
      suggestedName: '../../.profile',
      format: 'txt',
      content: 'x',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(chosen.chooseSavePath).not.toHaveBeenCalled();
  });
});
