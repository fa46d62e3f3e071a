// Development and tests only: runs the TypeScript worker entry through tsx. Node 20 does not apply
// an `--import tsx` given in a Worker's execArgv to the worker's own entry file, so the loader is
// registered here first and the entry imported after it. The built app runs worker-entry.js.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.tsEntry);
