import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  FakeBrowserWindow,
  FakeEvent,
  FakeWebContents,
  app,
  protocol,
  resetElectron,
  session,
  shell,
} from './electron-mock';
import { guardAllWebContents, hardenSession } from '../../src-main/app/security';
import { contentSecurityPolicy } from '../../src-main/app/content-security-policy';
import {
  APP_ENTRY_URL,
  registerAppScheme,
  rendererResponse,
} from '../../src-main/app/app-protocol';
import { createMainWindow } from '../../src-main/app/main-window';

vi.mock('electron', () => import('./electron-mock').then((m) => m.electronModule));

describe('navigation and new windows', () => {
  let contents: FakeWebContents;
  beforeEach(() => {
    resetElectron();
    guardAllWebContents();
    contents = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), contents);
  });

  it('refuses every navigation, inside the app or out', () => {
    expect(contents.navigate('app://rnn-studio/other.html').defaultPrevented).toBe(true);
    expect(contents.navigate('https://example.org/').defaultPrevented).toBe(true);
    expect(contents.navigate('file:///etc/passwd').defaultPrevented).toBe(true);
  });

  it('opens a web link in the system browser instead, and nothing else', () => {
    contents.navigate('https://example.org/paper');
    contents.navigate('file:///etc/passwd');
    contents.navigate('javascript:alert(1)');
    contents.navigate('ms-settings:privacy');
    expect(shell.openExternal.mock.calls).toEqual([['https://example.org/paper']]);
  });

  it('denies window.open, sending web links to the system browser', () => {
    const handler = contents.windowOpenHandler!;
    expect(handler({ url: 'https://www.scripps.ucsd.edu/' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://rnn-studio/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(shell.openExternal.mock.calls).toEqual([['https://www.scripps.ucsd.edu/']]);
  });

  it('refuses <webview> tags', () => {
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('guards the main window too, from the moment it is created', () => {
    createMainWindow({ preload: '/p.cjs', url: APP_ENTRY_URL, stateFile: '/nonexistent/w.json' });
    const window = FakeBrowserWindow.instances.at(-1)!;
    expect(window.webContents.navigate('https://evil.example/').defaultPrevented).toBe(true);
    expect(window.webContents.windowOpenHandler!({ url: 'https://a.example/' })).toEqual({
      action: 'deny',
    });
  });
});

describe('the session', () => {
  beforeEach(() => {
    resetElectron();
    hardenSession(session.defaultSession as never, 'default-src none');
  });

  it('grants no permission, ever', () => {
    const [request] = session.defaultSession.setPermissionRequestHandler.mock.calls[0]!;
    const callback = vi.fn();
    (request as (c: unknown, p: string, cb: (granted: boolean) => void) => void)(
      {},
      'media',
      callback,
    );
    expect(callback).toHaveBeenCalledWith(false);
    const [check] = session.defaultSession.setPermissionCheckHandler.mock.calls[0]!;
    expect((check as () => boolean)()).toBe(false);
  });

  it('adds the Content-Security-Policy to every HTTP response', () => {
    const [hook] = session.defaultSession.webRequest.onHeadersReceived.mock.calls[0]!;
    const callback = vi.fn();
    (hook as (d: unknown, cb: (r: unknown) => void) => void)(
      { responseHeaders: { 'content-type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'content-type': ['text/html'],
        'Content-Security-Policy': ['default-src none'],
      },
    });
  });
});

describe('the Content-Security-Policy', () => {
  const directives = (policy: string): Map<string, string> =>
    new Map(
      policy.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );

  it('allows only the app’s own scripts: no inline script, no eval, no plugins, no frames', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    expect(policy.get('frame-src')).toBe("'none'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it('lets the dev server’s hot-reload socket through in development only', () => {
    const dev = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(dev.get('connect-src')).toBe("'self' ws://localhost:5173");
    expect(dev.get('script-src')).toBe("'self'");
  });
});

describe('the app:// scheme', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rnn-renderer-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>RNN Studio</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is registered as a standard, secure scheme before the app is ready', () => {
    resetElectron();
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
    ]);
  });

  it('serves the built renderer with the policy in its headers', async () => {
    const page = await rendererResponse(APP_ENTRY_URL, root, 'default-src none');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe('default-src none');
    expect(await page.text()).toContain('RNN Studio');
    const script = await rendererResponse('app://rnn-studio/assets/app.js', root, 'x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves nothing outside the renderer folder, and no other host', async () => {
    for (const url of [
      'app://rnn-studio/../../etc/passwd',
      'app://rnn-studio/%2e%2e/%2e%2e/etc/passwd',
      'app://rnn-studio/..%2f..%2fetc%2fpasswd',
      'app://other-host/index.html',
      'app://rnn-studio/missing.js',
    ]) {
      expect((await rendererResponse(url, root, 'x')).status, url).toBe(404);
    }
  });
});
