import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHandlers } from '../handlers/create-handlers';
import { WorkerHost } from '../worker/worker-host';
import { startWebBridge } from './web-bridge';

/**
 * `npm run web`: the same UI and handlers as the desktop app, served to a browser on 127.0.0.1.
 *   --port N          a fixed port (default: a free one)
 *   --data-dir DIR    where projects are saved (default ~/.rnn-studio)
 *   --backend B       auto | tensorflow | wasm | cpu
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'data-dir': { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    token: { type: 'string' },
  },
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
const dataDir = values['data-dir'] ?? join(homedir(), '.rnn-studio');
const backend = values.backend;
if (backend !== 'auto' && backend !== 'tensorflow' && backend !== 'wasm' && backend !== 'cpu') {
  process.stderr.write(`--backend must be auto, tensorflow, wasm or cpu (got "${backend}")\n`);
  process.exit(2);
}
const host = new WorkerHost({ entry: new URL('../worker/worker-entry.ts', import.meta.url) });
const bridge = await startWebBridge({
  port: values.port === undefined ? 0 : Number(values.port),
  staticDir: join(root, 'out', 'renderer'),
  ...(values.token === undefined ? {} : { token: values.token }),
  makeHandlers: (emit) =>
    createHandlers({
      host,
      emit,
      backend,
      resourcesDir: join(root, 'resources'),
      projectsDir: join(dataDir, 'projects'),
      transport: 'web',
      appVersion: pkg.version,
    }),
});

process.stdout.write(
  `RNN Studio is running. Open this address in a browser:\n\n  ${bridge.url}\n\n`,
);
process.stdout.write('Press Ctrl+C to stop.\n');

const shutdown = (): void => {
  void Promise.all([bridge.close(), host.close()]).then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
