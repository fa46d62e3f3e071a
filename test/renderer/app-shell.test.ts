import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import App from '../../src-renderer/App.svelte';
import { AppState } from '../../src-renderer/lib/stores/app-state.svelte';
import { SETTINGS_KEY } from '../../src-renderer/lib/stores/persisted-settings';
import { fakeEngine } from './helpers/app-fakes';
import { TUTORIAL_SUMMARY } from './helpers/fixtures';

afterEach(() => {
  cleanup();
  localStorage.clear();
});

async function startApp(api = fakeEngine()): Promise<AppState> {
  const app = new AppState(api, localStorage);
  render(App, { app });
  await app.start();
  return app;
}

describe('the app shell', () => {
  it('shows the backend, the dataset and the engine’s parameter count on the designer', async () => {
    await startApp();
    expect(screen.getByTestId('backend-badge').textContent).toContain('WebAssembly');
    expect(screen.getByRole('tab', { name: 'Designer' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await waitFor(() =>
      expect(screen.getByTestId('designer-total').textContent).toContain(
        TUTORIAL_SUMMARY.totalParams.toLocaleString(),
      ),
    );
    expect(screen.getAllByText('Sine wave (tutorial)').length).toBeGreaterThan(0);
  });

  it('shows the engine’s validation errors beside the fields', async () => {
    await startApp(
      fakeEngine(() => ({
        valid: false,
        errors: [{ path: 'lookback', message: 'lookback must be at least 1' }],
        warnings: [],
        layers: [],
        totalParams: 0,
      })),
    );
    await waitFor(() =>
      expect(document.getElementById('lookback-messages')?.textContent).toContain(
        'lookback must be at least 1',
      ),
    );
    expect(screen.getByLabelText('Lookback').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Fix the highlighted fields to see the parameter count.')).toBeTruthy();
  });

  it('moves between views with the arrow keys and remembers the view and theme', async () => {
    const app = await startApp();
    const designer = screen.getByRole('tab', { name: 'Designer' });
    designer.focus();
    // Left from the first tab wraps to the last; Home and End jump.
    await fireEvent.keyDown(designer, { key: 'ArrowLeft' });
    expect(app.settings.view).toBe('language');
    expect(document.activeElement?.id).toBe('tab-language');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(app.settings.view).toBe('forecast');
    expect(screen.getByText('No forecast yet')).toBeTruthy();
    await fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(app.settings.view).toBe('designer');
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(app.settings.view).toBe('language');
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(app.settings.view).toBe('runs');
    await waitFor(() => expect(screen.getByText(/No runs yet/)).toBeTruthy());
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(app.settings.view).toBe('forecast');

    await fireEvent.click(screen.getByRole('button', { name: /Switch to (dark|light) theme/ }));
    const theme = app.settings.theme;
    await waitFor(() => expect(document.documentElement.dataset.theme).toBe(theme));
    await waitFor(() => {
      const saved = JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? '{}') as Record<
        string,
        unknown
      >;
      expect(saved.view).toBe('forecast');
      expect(saved.theme).toBe(theme);
      expect(saved.lastDataset).toEqual({ kind: 'sample', id: 'sine' });
    });
  });

  it('loads the tutorial preset’s exact settings', async () => {
    const app = await startApp();
    await fireEvent.click(screen.getByRole('button', { name: 'Tutorial: sine wave' }));
    expect(app.settings.spec.budget).toEqual({ kind: 'steps', steps: 10_000 });
    expect(app.settings.spec.earlyStopping).toBeNull();
    expect(app.settings.spec.layers).toEqual([30, 30]);
    expect((screen.getByLabelText('Learning rate') as HTMLInputElement).value).toBe('0.1');
  });

  it('selects the backend the engine reports in use until the user picks one', async () => {
    // An older session saved the default 'auto' without saying whether it was picked.
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ backend: 'auto', view: 'train' }));
    const app = await startApp();
    expect(app.settings.backend).toBe('wasm');
    const select = screen.getByLabelText('Backend') as HTMLSelectElement;
    await waitFor(() => expect(select.value).toBe('wasm'));

    // A pick is the user's: it is kept across a reload, over the engine's.
    await fireEvent.change(select, { target: { value: 'cpu' } });
    expect(app.settings.backend).toBe('cpu');
    app.settings.save();
    cleanup();
    const reloaded = await startApp();
    expect(reloaded.settings.backend).toBe('cpu');
  });
});
