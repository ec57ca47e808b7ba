// Every command of `navette`, in the order `navette help` lists them. One file per command.
import type { CommandDefinition } from '../command.js';
import { apiCommand } from './api.js';
import { cardCommand } from './card.js';
import { doctorCommand } from './doctor.js';
import { helpCommand } from './help.js';
import { journalCommand } from './journal.js';
import { openCommand } from './open.js';
import { sandboxCommand } from './sandbox.js';
import { sendCommand } from './send.js';
import { serveCommand } from './serve.js';
import { statusCommand } from './status.js';
import { validateCommand } from './validate.js';
import { versionCommand } from './version.js';

export const COMMANDS: readonly CommandDefinition[] = [
  serveCommand,
  sandboxCommand,
  validateCommand,
  sendCommand,
  statusCommand,
  openCommand,
  cardCommand,
  apiCommand,
  doctorCommand,
  journalCommand,
  helpCommand,
  versionCommand,
];
