import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../../src-renderer/lib/charts/echarts-setup';
import { buildHorizonErrorOption } from '../../src-renderer/lib/charts/horizon-error-option';
import { chartPalette } from '../../src-renderer/lib/charts/chart-theme';
import { buildForecastChartOption } from '../../src-renderer/lib/charts/forecast-chart-option';
import { chartSvg, exportOption } from '../../src-renderer/lib/export/chart-export';
import {
  datasetSlug,
  exportFileName,
  localDate,
  slugify,
} from '../../src-renderer/lib/export/file-names';
import {
  base64Bytes,
  dataUrlBase64,
  downloadFile,
  saveExport,
} from '../../src-renderer/lib/export/save-file';
import { routeMenuCommand, type MenuContext } from '../../src-renderer/lib/menu/route-menu-command';
import { AppState } from '../../src-renderer/lib/stores/app-state.svelte';
import { FakeApi } from './helpers/fake-api';
import { fakeEngine } from './helpers/app-fakes';
import { makeRun } from './helpers/fixtures';

afterEach(() => {
  vi.restoreAllMocks();
  localStorage.clear();
});

describe('export file names', () => {
  const day = new Date(2026, 10, 26, 15, 30);

  it('names the data, what the file shows and the day', () => {
    expect(
      exportFileName({ id: 'sample:co2', name: 'Mauna Loa CO₂ (monthly)' }, 'forecast', 'png', day),
    ).toBe('co2-forecast-2026-11-26.png');
    expect(exportFileName({ id: 'csv:1', name: 'Sales 2024.csv' }, 'closed-loop', 'svg', day)).toBe(
      'sales-2024-closed-loop-2026-11-26.svg',
    );
    expect(exportFileName(null, 'backtest', 'csv', day)).toBe(
      'forecast-data-backtest-2026-11-26.csv',
    );
    expect(localDate(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('turns any text into a safe file-name part', () => {
    expect(slugify('Mauna Loa CO₂ (monthly)')).toBe('mauna-loa-co2-monthly');
    expect(slugify('Température à Zürich')).toBe('temperature-a-zurich');
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
    expect(slugify('東京')).toBe('data');
    expect(datasetSlug({ id: 'project:9', name: 'readings.tsv' })).toBe('readings');
  });
});

describe('saving exports', () => {
  it('decodes the base64 of a PNG data URL to its bytes', () => {
    expect(dataUrlBase64('data:image/png;base64,iVBORw0KGgo=')).toBe('iVBORw0KGgo=');
    expect(Array.from(base64Bytes('iVBORw0KGgo='))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
  });

  it('downloads in a browser through an object URL with the file name', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = vi.fn();
    const clicks: { href: string; download: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicks.push({ href: this.href, download: this.download });
    });
    const outcome = await saveExport(new FakeApi(), 'web', {
      name: 'co2-forecast-2026-11-26.csv',
      format: 'csv',
      text: 'time,actual\n',
    });
    expect(outcome).toEqual({ kind: 'downloaded', name: 'co2-forecast-2026-11-26.csv' });
    expect(clicks).toEqual([{ href: 'blob:test', download: 'co2-forecast-2026-11-26.csv' }]);
    expect(created[0]!.type).toBe('text/csv;charset=utf-8');
    expect(await created[0]!.text()).toBe('time,actual\n');
    expect(document.querySelectorAll('a')).toHaveLength(0);

    downloadFile({ name: 'x.png', format: 'png', base64: 'iVBORw0KGgo=' });
    expect(created[1]!.type).toBe('image/png');
    expect(new Uint8Array(await created[1]!.arrayBuffer())[1]).toBe(80);
  });

  it('saves through the native dialog in the desktop app, PNG as base64', async () => {
    const api = new FakeApi().handle('export:save', () => ({
      ok: true,
      value: { path: '/home/me/co2.png' },
    }));
    const outcome = await saveExport(api, 'electron', {
      name: 'co2.png',
      format: 'png',
      base64: 'iVBORw0KGgo=',
    });
    expect(outcome).toEqual({ kind: 'saved', path: '/home/me/co2.png' });
    expect(api.calls).toEqual([
      {
        channel: 'export:save',
        request: {
          suggestedName: 'co2.png',
          format: 'png',
          content: 'iVBORw0KGgo=',
          encoding: 'base64',
        },
      },
    ]);
    const cancelled = new FakeApi().handle('export:save', () => ({
      ok: true,
      value: { path: null },
    }));
    expect(
      await saveExport(cancelled, 'electron', { name: 'a.svg', format: 'svg', text: '<svg/>' }),
    ).toEqual({
      kind: 'cancelled',
    });
  });
});

describe('chart export', () => {
  it('hides the zoom slider and paints a background, keeping the zoom window', () => {
    const option = exportOption(
      {
        backgroundColor: 'transparent',
        dataZoom: [
          { type: 'inside', start: 20, end: 80 },
          { type: 'slider', start: 20, end: 80 },
        ],
      },
      '#ffffff',
    );
    expect(option.backgroundColor).toBe('#ffffff');
    expect(option.dataZoom).toEqual([
      { type: 'inside', start: 20, end: 80 },
      { type: 'slider', start: 20, end: 80, show: false },
    ]);
  });

  it('renders a chart on screen again as a standalone SVG document', () => {
    const element = document.createElement('div');
    document.body.append(element);
    // jsdom has no canvas: the on-screen chart uses the SVG renderer here, the app's the canvas.
    const chart = init(element, 'default', { renderer: 'svg', width: 640, height: 300 });
    chart.setOption(
      buildForecastChartOption(
        {
          valueName: 'CO2 <ppm> & "more"',
          testStartRow: 3,
          testTimes: null,
          actual: [1, 2, 3],
          predicted: [1.1, 2.1, 2.9],
          baselines: [{ name: 'persistence', values: [0, 1, 2] }],
          context: null,
          future: { values: [4, 5], times: null },
          intervals: null,
        },
        chartPalette('light'),
      ),
    );
    const svg = chartSvg(element, 'light');
    expect(svg.startsWith('<svg')).toBe(true);
    // A well-formed XML document, even with markup characters in a column name.
    const parsed = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(parsed.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(parsed.documentElement.textContent).toContain('CO2 <ppm> & "more"');
    expect(svg).toContain('width="640"');
    expect(svg).toContain('future forecast');
    expect(svg).toContain('#ffffff');
    chart.setOption(buildHorizonErrorOption([{ step: 1, mae: 1, rmse: 1 }], chartPalette('dark')), {
      notMerge: true,
    });
    expect(chartSvg(element, 'dark')).toContain('steps ahead');
    chart.dispose();
    element.remove();
  });
});

describe('menu commands', () => {
  const context: MenuContext = { view: 'forecast', runId: 'r1', training: false };

  it('routes each command against what is on screen', () => {
    expect(
      routeMenuCommand({ command: 'open-file', kind: 'csv', path: '/d/a.csv' }, context),
    ).toEqual({
      kind: 'import-csv',
      path: '/d/a.csv',
    });
    expect(
      routeMenuCommand({ command: 'open-file', kind: 'project', path: '/p/x' }, context),
    ).toEqual({
      kind: 'open-project',
      path: '/p/x',
    });
    expect(
      routeMenuCommand({ command: 'open-file', kind: 'text', path: '/t.txt' }, context),
    ).toEqual({ kind: 'open-text', path: '/t.txt' });
    expect(routeMenuCommand({ command: 'save-project', path: null }, context)).toEqual({
      kind: 'save-project',
      runId: 'r1',
      path: null,
    });
    expect(routeMenuCommand({ command: 'save-project', path: '/p/new' }, context)).toEqual({
      kind: 'save-project',
      runId: 'r1',
      path: '/p/new',
    });
    expect(routeMenuCommand({ command: 'export' }, context)).toEqual({
      kind: 'export-forecast',
      runId: 'r1',
    });
    expect(routeMenuCommand({ command: 'toggle-theme' }, context)).toEqual({
      kind: 'toggle-theme',
    });
  });

  it('opens and saves by kind: a language model on the Language view or from the list', () => {
    const language: MenuContext = {
      view: 'language',
      runId: 'r1',
      training: false,
      language: { runId: 'lm1', training: false },
      projects: [
        { path: '/p/lm', kind: 'language' },
        { path: '/p/co2', kind: 'forecast' },
      ],
    };
    expect(routeMenuCommand({ command: 'save-project', path: null }, language)).toEqual({
      kind: 'save-language-project',
      runId: 'lm1',
      path: null,
    });
    expect(
      routeMenuCommand(
        { command: 'save-project', path: null },
        { ...language, language: { runId: null, training: false } },
      ),
    ).toMatchObject({ kind: 'notice', message: expect.stringMatching(/no language model/) });
    // A folder from the list opens as what it holds, whatever the view; another by the view.
    const open = (path: string, ctx: MenuContext) =>
      routeMenuCommand({ command: 'open-file', kind: 'project', path }, ctx).kind;
    expect(open('/p/co2', language)).toBe('open-project');
    expect(open('/p/lm', { ...language, view: 'forecast' })).toBe('open-language-project');
    expect(open('/elsewhere', language)).toBe('open-language-project');
    expect(open('/elsewhere', { ...language, view: 'forecast' })).toBe('open-project');
    // A recent project from the desktop menu comes with its kind.
    expect(
      routeMenuCommand(
        { command: 'open-file', kind: 'project', path: '/elsewhere', projectKind: 'language' },
        { ...language, view: 'forecast' },
      ).kind,
    ).toBe('open-language-project');
  });

  it('tells the user what to do first when there is nothing to save or export', () => {
    const empty: MenuContext = { view: 'designer', runId: null, training: false };
    expect(routeMenuCommand({ command: 'save-project', path: null }, empty)).toMatchObject({
      kind: 'notice',
      message: expect.stringMatching(/train a model first/),
    });
    expect(routeMenuCommand({ command: 'export' }, empty)).toMatchObject({ kind: 'notice' });
    expect(
      routeMenuCommand({ command: 'save-project', path: null }, { ...context, training: true }),
    ).toMatchObject({ kind: 'notice', message: expect.stringMatching(/still training/) });
  });

  it('carries out menu events from the desktop app', async () => {
    const api = fakeEngine()
      .handle('csv:preview', () => ({
        ok: false,
        error: { code: 'CSV_READ', message: 'not here' },
      }))
      .handle('project:save', () => ({ ok: true, value: { path: '/p/new' } }))
      .handle('forecast:csv', () => ({ ok: true, value: { csv: 'time,actual\n' } }))
      .handle('export:save', () => ({ ok: true, value: { path: '/home/me/f.csv' } }));
    const app = new AppState(api, localStorage);
    await app.start();
    app.info = { ...app.info!, transport: 'electron' };

    api.emit('menu:command', { command: 'open-file', kind: 'csv', path: '/d/a.csv' });
    await vi.waitFor(() => expect(api.calls.some((c) => c.channel === 'csv:preview')).toBe(true));
    expect(app.settings.view).toBe('data');
    expect(api.calls.find((c) => c.channel === 'csv:preview')!.request).toMatchObject({
      source: { path: '/d/a.csv' },
    });

    const theme = app.settings.theme;
    api.emit('menu:command', { command: 'toggle-theme' });
    expect(app.settings.theme).not.toBe(theme);

    app.training.show(makeRun({ runId: 'r9' }));
    api.emit('menu:command', { command: 'save-project', path: '/p/new' });
    await vi.waitFor(() => expect(app.notice?.text).toBe('Saved the project to /p/new'));
    expect(api.calls.find((c) => c.channel === 'project:save')!.request).toEqual({
      runId: 'r9',
      path: '/p/new',
    });

    api.emit('menu:command', { command: 'export' });
    await vi.waitFor(() => expect(app.notice?.text).toBe('Saved /home/me/f.csv'));
    expect(api.calls.find((c) => c.channel === 'export:save')!.request).toMatchObject({
      format: 'csv',
      content: 'time,actual\n',
      suggestedName: expect.stringMatching(/^sine-wave-tutorial-forecast-\d{4}-\d{2}-\d{2}\.csv$/),
    });
    app.dispose();
    expect(api.listenerCount('menu:command')).toBe(0);
  });
});
