#!/usr/bin/env node
// The `rnn-studio` command: runs the CLI's TypeScript source through tsx (a runtime dependency),
// so the installed command and `npm run cli` are the same code.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli/main.ts');
