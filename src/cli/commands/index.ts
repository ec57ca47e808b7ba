// Every command of `navette`, in the order `navette help` lists them. One file per command.
import type { CommandDefinition } from '../command.js';
import { helpCommand } from './help.js';
import { sandboxCommand } from './sandbox.js';
import { serveCommand } from './serve.js';
import { versionCommand } from './version.js';

export const COMMANDS: readonly CommandDefinition[] = [
  serveCommand,
  sandboxCommand,
  helpCommand,
  versionCommand,
];
