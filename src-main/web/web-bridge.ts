import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventOf } from '../contract/api-contract';
import { dispatch } from '../handlers/dispatch';
import type { Handlers } from '../handlers/create-handlers';
import { readStaticFile } from './static-files';
import { API_PATH, TOKEN_COOKIE, type CallMessage, type ServerMessage } from './web-protocol';

export interface WebBridgeOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** The built renderer (out/renderer). */
  staticDir: string;
  /** Builds the handlers once the bridge can broadcast their events. */
  makeHandlers: (emit: <E extends EventName>(event: E, payload: EventOf<E>) => void) => Handlers;
  /** For tests; a random 32-byte token otherwise. */
  token?: string;
}

export interface WebBridge {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Up to this much CSV text may arrive in one message (the browser reads the file it sends). */
const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

function cookieToken(request: IncomingMessage): string | null {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return null;
}

function sameToken(given: string | null, token: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCall(data: string): CallMessage | null {
  try {
    const value = JSON.parse(data) as Partial<CallMessage>;
    if (value.type !== 'call' || typeof value.id !== 'number' || typeof value.channel !== 'string')
      return null;
    return { type: 'call', id: value.id, channel: value.channel, payload: value.payload };
  } catch {
    return null;
  }
}

/**
 * The contract over HTTP + WebSocket on 127.0.0.1 only, for `npm run web` and the end-to-end tests.
 * Every request needs the random token (in the URL once; then an HttpOnly SameSite cookie), a Host
 * of this very address (DNS-rebinding defence) and, for the socket, this very Origin.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sockets = new Set<WebSocket>();
  const broadcast = <E extends EventName>(event: E, payload: EventOf<E>): void => {
    const message = JSON.stringify({ type: 'event', event, payload } satisfies ServerMessage);
    for (const socket of sockets) socket.send(message);
  };
  const handlers = options.makeHandlers(broadcast);
  let origins: string[] = [];

  const authorised = (request: IncomingMessage, url: URL): boolean => {
    const hostOk = origins.some((origin) => origin === `http://${request.headers.host ?? ''}`);
    return (
      hostOk &&
      (sameToken(url.searchParams.get('token'), token) || sameToken(cookieToken(request), token))
    );
  };

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (!authorised(request, url)) {
      response.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('RNN Studio: this address needs the token printed when the server started.\n');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    void readStaticFile(options.staticDir, url.pathname).then((file) => {
      if (file === null) {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
        return;
      }
      response.writeHead(200, {
        'content-type': file.contentType,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'content-security-policy':
          "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        'set-cookie': `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      });
      response.end(request.method === 'HEAD' ? undefined : file.body);
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const originOk = origins.includes(request.headers.origin ?? '');
    if (url.pathname !== API_PATH || !originOk || !authorised(request, url)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const call = parseCall(data.toString());
        if (call === null) return;
        void dispatch(handlers, call.channel, call.payload).then((result) => {
          ws.send(JSON.stringify({ type: 'result', id: call.id, result } satisfies ServerMessage));
        });
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
