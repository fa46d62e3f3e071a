import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot, startApp, type RunningApp } from './harness';

describe('the web bridge in a real browser', () => {
  let app: RunningApp;
  let browser: Browser;
  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a page request without the token', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${app.origin}/`);
    expect(response?.status()).toBe(403);
    expect(await page.textContent('body')).toContain('needs the token');
    await screenshot(page, 'refused-without-token');
    await page.close();
  });

  it('serves the app with the token and keeps it working after a reload (cookie)', async () => {
    const page = await browser.newPage();
    const response = await page.goto(app.url);
    expect(response?.status()).toBe(200);
    // The reload carries no token in its URL the second time round only if the page dropped it;
    // either way the HttpOnly cookie set by the first response must be enough.
    const plain = await page.goto(`${app.origin}/`);
    expect(plain?.status()).toBe(200);
    await page.close();
  });
});
