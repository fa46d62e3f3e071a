import { protocol } from 'electron';
import { readStaticFile } from '../web/static-files';

/**
 * The packaged renderer is served from `app://rnn-studio/` rather than `file://`: a file:// page
 * shares one origin with every file on the disk, while this scheme gives the app a single origin
 * of its own that IPC can check and that serves nothing but the built renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rnn-studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready (Electron registers privileged schemes at start-up). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: relative URLs and 'self' work as on the web; secure: a secure context, so
      // the page gets the same APIs it would over https.
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

/** One response of the app scheme: a file of the built renderer, or 404 for anything else. */
export async function rendererResponse(
  url: string,
  rendererDir: string,
  policy: string,
): Promise<Response> {
  const parsed = new URL(url);
  const file =
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST
      ? await readStaticFile(rendererDir, parsed.pathname)
      : null;
  if (file === null) {
    return new Response('not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  return new Response(new Uint8Array(file.body), {
    headers: {
      'content-type': file.contentType,
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  });
}

/** Serves out/renderer on the app scheme (after `app.whenReady()`). */
export function serveRenderer(rendererDir: string, policy: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rendererDir, policy));
}
