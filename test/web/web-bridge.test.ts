import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createHandlers } from '../../src-main/handlers/create-handlers';
import { WorkerHost } from '../../src-main/worker/worker-host';
import { startWebBridge, type WebBridge } from '../../src-main/web/web-bridge';
import type { Result } from '../../src-main/contract/result';
import { TUTORIAL_SINE_SPEC } from '../../src-main/engine/model/model-spec';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Client {
  call(channel: string, payload: unknown): Promise<Result<unknown>>;
  events: { event: string; payload: unknown }[];
  waitFor(event: string): Promise<unknown>;
  close(): void;
}

function connect(bridge: WebBridge, origin = `http://127.0.0.1:${bridge.port}`): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/api?token=${bridge.token}`, { origin });
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const events: { event: string; payload: unknown }[] = [];
  const waiters: { event: string; resolve: (p: unknown) => void }[] = [];
  let id = 0;
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      type: string;
      id: number;
      result: Result<unknown>;
      event: string;
      payload: unknown;
    };
    if (message.type === 'result') pending.get(message.id)?.(message.result);
    else {
      events.push({ event: message.event, payload: message.payload });
      for (const w of waiters.filter((w) => w.event === message.event)) w.resolve(message.payload);
    }
  });
  return new Promise((resolve, reject) => {
    ws.on('open', () =>
      resolve({
        call: (channel, payload) =>
          new Promise((done) => {
            const callId = ++id;
            pending.set(callId, done);
            ws.send(JSON.stringify({ type: 'call', id: callId, channel, payload }));
          }),
        events,
        waitFor: (event) => new Promise((done) => waiters.push({ event, resolve: done })),
        close: () => ws.close(),
      }),
    );
    ws.on('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

describe('the web bridge', () => {
  const host = new WorkerHost({
    entry: new URL('../../src-main/worker/worker-entry.ts', import.meta.url),
  });
  const dir = mkdtempSync(join(tmpdir(), 'rnn-web-'));
  let bridge: WebBridge;
  let client: Client;

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>RNN Studio</title>');
    bridge = await startWebBridge({
      staticDir: dir,
      makeHandlers: (emit) =>
        createHandlers({
          host,
          emit,
          backend: 'cpu',
          resourcesDir: join(ROOT, 'resources'),
          projectsDir: join(dir, 'projects'),
          transport: 'web',
          appVersion: '0.0.0-test',
        }),
    });
    client = await connect(bridge);
  });
  afterAll(async () => {
    client.close();
    await bridge.close();
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves the page only with the token', async () => {
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const withToken = await fetch(bridge.url);
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await withToken.text()).toContain('RNN Studio');
    const without = await fetch(`http://127.0.0.1:${bridge.port}/`);
    expect(without.status).toBe(403);
    const wrong = await fetch(`http://127.0.0.1:${bridge.port}/?token=nope`);
    expect(wrong.status).toBe(403);
    const traversal = await fetch(
      `http://127.0.0.1:${bridge.port}/..%2f..%2fpackage.json?token=${bridge.token}`,
    );
    expect(traversal.status).toBe(404);
  });

  it('refuses sockets without the token or from another origin', async () => {
    const noToken = new WebSocket(`ws://127.0.0.1:${bridge.port}/api`, {
      origin: `http://127.0.0.1:${bridge.port}`,
    });
    await expect(
      new Promise((resolve, reject) => {
        noToken.on('open', resolve);
        noToken.on('error', reject);
      }),
    ).rejects.toThrow(/403/);
    await expect(connect(bridge, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('answers calls with results, and bad input with an error value', async () => {
    const info = await client.call('app:info', {});
    expect(info).toMatchObject({
      ok: true,
      value: { name: 'RNN Studio', transport: 'web', backend: { name: 'cpu' } },
    });
    const unknown = await client.call('nope:nothing', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const malformed = await client.call('train:start', { datasetId: 3 });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    const summary = await client.call('spec:summarize', {
      spec: TUTORIAL_SINE_SPEC,
      inputFeatures: 1,
    });
    expect(summary).toMatchObject({ ok: true, value: { valid: true, totalParams: 11191 } });
    const broken = await client.call('csv:preview', {
      source: { text: '\u0000\u0001binary\u0000\n', name: 'x.csv' },
    });
    expect(broken).toMatchObject({ ok: false, error: { code: 'CSV_BINARY' } });
  });

  it('loads a sample, trains a short run with progress events and returns a forecast', async () => {
    const loaded = await client.call('samples:load', { id: 'co2' });
    expect(loaded).toMatchObject({ ok: true, value: { id: 'sample:co2', rows: 746 } });
    const done = client.waitFor('train:done');
    const started = await client.call('train:start', {
      datasetId: 'sample:co2',
      spec: { ...TUTORIAL_SINE_SPEC, layers: [8], budget: { kind: 'steps', steps: 40 } },
      data: {
        transform: 'auto',
        scaling: 'zscore',
        testFraction: 0.2,
        valFraction: 0.1,
        season: null,
        horizon: 12,
      },
      backend: 'cpu',
    });
    expect(started.ok).toBe(true);
    const payload = (await done) as {
      result: {
        test: { actual: number[] };
        baselines: { seasonalNaive: { season: number } };
        future: { values: number[]; times: number[] };
      };
    };
    expect(payload.result.test.actual).toHaveLength(150);
    expect(payload.result.baselines.seasonalNaive.season).toBe(12);
    expect(payload.result.future.values).toHaveLength(12);
    // The first future month follows 2020-04.
    expect(new Date(payload.result.future.times[0]!).toISOString().slice(0, 7)).toBe('2020-05');
    expect(client.events.some((e) => e.event === 'train:progress')).toBe(true);
    const runId = (started as { ok: true; value: { runId: string } }).value.runId;
    const saved = await client.call('project:save', { runId });
    expect(saved.ok).toBe(true);
    const path = (saved as { ok: true; value: { path: string } }).value.path;
    const listed = await client.call('project:list', {});
    expect(listed).toMatchObject({ ok: true, value: [{ path, kind: 'forecast' }] });
    const opened = await client.call('project:open', { path });
    expect(opened).toMatchObject({ ok: true, value: { dataset: { rows: 746 } } });
    const reopened = (opened as { ok: true; value: { run: { test: { predicted: number[] } } } })
      .value.run;
    expect(reopened.test.predicted).toHaveLength(150);
  });
});
