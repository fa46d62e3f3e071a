import { describe, expect, it } from 'vitest';
import { ImportWizard } from '../../src-renderer/lib/stores/import-wizard.svelte';
import { FakeApi } from './helpers/fake-api';
import { SINE_DATASET } from './helpers/app-fakes';

const CSV = 'when,value,other,label\n2024-01-01,1,2,a\n2024-01-02,3,4,b\n';

const PREVIEW = {
  dialect: { delimiter: ',' as const, decimal: '.' as const, hasHeader: true },
  header: ['when', 'value', 'other', 'label'],
  rows: [
    ['2024-01-01', '1', '2', 'a'],
    ['2024-01-02', '3', '4', 'b'],
  ],
  columns: [
    { name: 'when', kind: 'date' as const, dateFormat: 'ymd', dateOrderFromData: true },
    { name: 'value', kind: 'number' as const, dateFormat: null, dateOrderFromData: false },
    { name: 'other', kind: 'number' as const, dateFormat: null, dateOrderFromData: false },
    { name: 'label', kind: 'text' as const, dateFormat: null, dateOrderFromData: false },
  ],
  totalBytes: CSV.length,
};

describe('ImportWizard', () => {
  it('previews a file, keeps the role rules and sends what the user chose', async () => {
    const api = new FakeApi()
      .handle('csv:preview', () => ({ ok: true, value: PREVIEW }))
      .handle('csv:import', () => {
        api.emit('csv:progress', { bytesRead: 10, totalBytes: CSV.length });
        return { ok: true, value: SINE_DATASET };
      });
    const wizard = new ImportWizard(api);
    await wizard.openFile(new File([CSV], 'data.csv', { type: 'text/csv' }));
    expect(wizard.isOpen).toBe(true);
    expect(wizard.selection).toEqual({ target: 'value', features: [], date: 'when' });

    wizard.setRole('other', 'target');
    wizard.setRole('label', 'target');
    // The old target is ignored, not made a feature: features are opt-in.
    expect(wizard.selection).toEqual({ target: 'other', features: [], date: 'when' });
    wizard.setRole('value', 'feature');
    expect(wizard.selection).toEqual({ target: 'other', features: ['value'], date: 'when' });
    expect(wizard.canImport).toBe(true);

    const dataset = await wizard.runImport();
    expect(dataset).toBe(SINE_DATASET);
    const request = api.calls.find((c) => c.channel === 'csv:import')!.request;
    expect(request).toMatchObject({
      source: { text: CSV, name: 'data.csv' },
      target: 'other',
      features: ['value'],
      date: 'when',
      fill: 'linear',
      start: null,
      frequency: null,
    });
    expect(wizard.busy).toBeNull();
    expect(api.listenerCount('csv:progress')).toBe(0);
  });

  it('asks for a start and spacing without a date column', async () => {
    const api = new FakeApi()
      .handle('csv:preview', () => ({
        ok: true,
        value: { ...PREVIEW, columns: PREVIEW.columns.slice(1) },
      }))
      .handle('csv:import', () => ({ ok: true, value: SINE_DATASET }));
    const wizard = new ImportWizard(api);
    await wizard.openFile(new File(['value\n1\n'], 'plain.csv'));
    wizard.startDate = '';
    expect(wizard.problems).toEqual(['Enter the date of the first row.']);
    expect(wizard.canImport).toBe(false);
    wizard.startDate = '2024-03-01';
    wizard.frequencyUnit = 'hour';
    wizard.frequencyStep = 6;
    await wizard.runImport();
    const request = api.calls.find((c) => c.channel === 'csv:import')!.request;
    expect(request).toMatchObject({
      date: null,
      start: Date.UTC(2024, 2, 1),
      frequency: { unit: 'hour', step: 6, label: 'every 6 hours', seasonPeriod: 4 },
    });
  });

  it('keeps the engine’s error, with its line, where the user is looking', async () => {
    const api = new FakeApi()
      .handle('csv:preview', () => ({ ok: true, value: PREVIEW }))
      .handle('csv:import', () => ({
        ok: false,
        error: { code: 'CSV_RAGGED', message: 'Ragged row: line 3 has 1 field', line: 3 },
      }));
    const wizard = new ImportWizard(api);
    await wizard.openFile(new File([CSV], 'bad.csv'));
    expect(await wizard.runImport()).toBeNull();
    expect(wizard.error).toEqual({
      code: 'CSV_RAGGED',
      message: 'Ragged row: line 3 has 1 field',
      line: 3,
    });
    expect(wizard.isOpen).toBe(true);
  });

  it('re-previews with a dialect override and keeps roles while the columns stay', async () => {
    const api = new FakeApi().handle('csv:preview', () => ({ ok: true, value: PREVIEW }));
    const wizard = new ImportWizard(api);
    await wizard.openFile(new File([CSV], 'data.csv'));
    wizard.setRole('other', 'feature');
    wizard.setOverride('decimal', ',');
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    const previews = api.calls.filter((c) => c.channel === 'csv:preview');
    expect(previews).toHaveLength(2);
    expect(previews[1]!.request).toMatchObject({ dialect: { decimal: ',' } });
    expect(wizard.roles.other).toBe('feature');
  });

  it('says an empty file is empty without asking the engine', async () => {
    const api = new FakeApi();
    const wizard = new ImportWizard(api);
    await wizard.openFile(new File([''], 'empty.csv'));
    expect(wizard.error?.code).toBe('EMPTY_FILE');
    expect(api.calls).toHaveLength(0);
  });

  it('previews a file by path, as the desktop app opens it', async () => {
    const api = new FakeApi().handle('csv:preview', () => ({ ok: true, value: PREVIEW }));
    const wizard = new ImportWizard(api);
    await wizard.openPath('/home/me/data/co2.csv');
    expect(wizard.fileName).toBe('co2.csv');
    expect(wizard.fileSize).toBe(PREVIEW.totalBytes);
    expect(api.calls[0]!.request).toMatchObject({ source: { path: '/home/me/data/co2.csv' } });
  });
});
