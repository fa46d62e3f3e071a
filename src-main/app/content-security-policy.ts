import type { Session } from 'electron';

/**
 * The renderer's Content-Security-Policy: its own scripts only (no inline script, no eval), no
 * plugins, frames, forms or foreign connections. Inline styles stay allowed because Svelte and
 * ECharts set `style` attributes. In development the Vite dev server's hot-reload socket is the one
 * extra connection.
 */
export function contentSecurityPolicy(devServerUrl: string | null = null): string {
  const connect = ["'self'"];
  if (devServerUrl !== null) {
    const dev = new URL(devServerUrl);
    connect.push(`ws://${dev.host}`);
  }
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect.join(' ')}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Adds the policy to every HTTP(S) response of the session: the dev server's pages in development
 * and anything else that could ever load. The packaged renderer is served over `app://`, whose
 * responses carry the same header from the protocol handler (app-protocol.ts), because Chromium
 * runs no header hooks for custom schemes (electron/electron#6021).
 */
export function applyContentSecurityPolicy(session: Session, policy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    // electronegativity evaluates only a literal policy here and reports this computed one as
    // unparsable; lint-electron.mjs evaluates contentSecurityPolicy() (packaged and dev) with the
    // same CSP evaluator instead.
    callback({
      responseHeaders: /* eng-disable CSP_GLOBAL_CHECK */ {
        ...details.responseHeaders,
        'Content-Security-Policy': [policy],
      },
    });
  });
}
