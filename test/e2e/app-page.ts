import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RunningApp } from './harness';

/** Long enough for a short training run on two slow cores; every wait below is bounded by it. */
export const RUN_TIMEOUT_MS = 90_000;
const UI_TIMEOUT_MS = 15_000;

export interface OpenedApp {
  context: BrowserContext;
  page: Page;
  /** Uncaught exceptions and console errors seen so far: a test ends by expecting none. */
  errors: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/**
 * A fresh browser context (own localStorage, own cookie) on the app's tokenised URL, waiting until
 * the engine has answered: the backend badge names the backend the bridge was started with.
 */
export async function openApp(
  browser: Browser,
  app: RunningApp,
  options: OpenOptions = {},
): Promise<OpenedApp> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 860 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.goto(app.url);
  await waitForBackend(page);
  return { context, page, errors };
}

/** The header's badge once app:info has answered (the bridge runs with `--backend wasm`). */
export async function waitForBackend(page: Page): Promise<void> {
  await page
    .getByRole('banner')
    .getByTestId('backend-badge')
    .filter({ hasText: 'WebAssembly' })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

export async function openTab(page: Page, name: 'Designer' | 'Data' | 'Train' | 'Forecast') {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page
    .getByRole('tab', { name, exact: true, selected: true })
    .waitFor({ timeout: UI_TIMEOUT_MS });
}

/** Waits for a locator's text to match, and returns it (the last text seen, in the error). */
export async function waitForText(
  locator: Locator,
  pattern: RegExp,
  timeout = UI_TIMEOUT_MS,
): Promise<string> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const last = (await locator.textContent({ timeout: Math.max(1, deadline - Date.now()) })) ?? '';
    if (pattern.test(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `waited ${timeout} ms for ${pattern} in ${locator.toString()}; saw "${last}"`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Text with its runs of white space (Svelte's line breaks) collapsed, for exact comparisons. */
export function squash(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** The first count in a text: "11,191 parameters" or "3 840" (the browser's locale) → a number. */
export function parseCount(text: string | null): number {
  const match = /\d[\d,\s\u00a0\u202f]*/.exec(text ?? '');
  return match === null ? Number.NaN : Number(match[0].replace(/[\s,\u00a0\u202f]/g, ''));
}

/** A metric cell such as "0.04321" or "1,234" → its number, NaN for "—". */
export function parseMetric(text: string | null): number {
  const cleaned = squash(text).replace(/[,\u00a0\u202f]/g, '');
  return cleaned === '—' || cleaned === '' ? Number.NaN : Number(cleaned);
}

/** The drawn chart inside an ECharts container: its canvas (or SVG) has a real size. */
export async function chartSurfaceSize(
  container: Locator,
): Promise<{ width: number; height: number }> {
  const surface = container.locator('canvas, svg').first();
  await surface.waitFor({ timeout: UI_TIMEOUT_MS });
  const box = await surface.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

/**
 * The few browser globals the tests read inside the page. The Node tsconfig has no DOM library,
 * and the app's CSP (script-src 'self') forbids evaluating strings, so page functions cast
 * globalThis to this.
 */
export interface PageGlobals {
  document: {
    scrollingElement: { scrollWidth: number } | null;
    documentElement: { dataset: Record<string, string | undefined> };
    querySelector(selector: string): PageElement | null;
  };
  innerWidth: number;
  MutationObserver: new (callback: () => void) => {
    observe(target: PageElement, options: { attributes: boolean; attributeFilter: string[] }): void;
  };
  localStorage: { getItem(key: string): string | null };
  progressSeen?: number[];
}

export interface PageElement {
  getAttribute(name: string): string | null;
}

/** Horizontal overflow of the whole page: the scrolling element's width against the viewport. */
export function pageWidths(page: Page): Promise<{ scrollWidth: number; innerWidth: number }> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return { scrollWidth: g.document.scrollingElement?.scrollWidth ?? 0, innerWidth: g.innerWidth };
  });
}

/**
 * Records, in the page, every value the training progress bar takes from now on: a short run may
 * move it between two polls from the test.
 */
export async function recordTrainingProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const bar = g.document.querySelector('[role="progressbar"][aria-label="Training progress"]');
    if (bar === null) throw new Error('no training progress bar on the page');
    const seen: number[] = [];
    g.progressSeen = seen;
    new g.MutationObserver(() => seen.push(Number(bar.getAttribute('aria-valuenow')))).observe(
      bar,
      { attributes: true, attributeFilter: ['aria-valuenow'] },
    );
  });
  return () => page.evaluate(() => (globalThis as unknown as PageGlobals).progressSeen ?? []);
}

/** Waits until an attribute satisfies `accept`; returns its value. */
export async function waitForAttribute(
  locator: Locator,
  name: string,
  accept: (value: string | null) => boolean,
  timeout = UI_TIMEOUT_MS,
): Promise<string | null> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await locator.getAttribute(name, {
      timeout: Math.max(1, deadline - Date.now()),
    });
    if (accept(value)) return value;
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeout} ms for ${name} of ${locator.toString()}; saw "${value}"`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
