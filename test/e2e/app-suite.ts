import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { openApp, type OpenedApp } from './app-page';
import { launchBrowser, startApp, type RunningApp } from './harness';

/**
 * The web app and a Chromium page for one describe block: started before its tests, closed after
 * them. Call inside `describe`; the returned getters give the opened page and the running app
 * within a test.
 */
export function useOpenedApp(): { opened: () => OpenedApp; app: () => RunningApp } {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let opened: OpenedApp | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchBrowser()]);
    opened = await openApp(browser, app);
  });
  afterAll(async () => {
    await opened?.context.close();
    await browser?.close();
    await app?.stop();
  });
  const notYet = (): never => {
    throw new Error('the app is not open yet (use it inside a test)');
  };
  return { opened: () => opened ?? notYet(), app: () => app ?? notYet() };
}
