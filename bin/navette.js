#!/usr/bin/env node
// The `navette` command: runs the compiled CLI (npm run build writes dist/).
import { run } from '../dist/cli/main.js';

const code = await run(process.argv.slice(2));
process.exitCode = code;
// Everything is closed by now; if a stray handle still holds the event loop, do not hang.
setTimeout(() => process.exit(code), 2000).unref();
