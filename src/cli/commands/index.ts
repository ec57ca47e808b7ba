// Every command of `navette`, in the order `navette help` lists them. One file per command.
import type { CommandDefinition } from '../command.js';
import { apiCommand } from './api.js';
import { authorizeCommand } from './authorize.js';
import { batchCommand } from './batch.js';
import { cardCommand } from './card.js';
import { consultCommand } from './consult.js';
import { doctorCommand } from './doctor.js';
import { fetchCommand } from './fetch.js';
import { helpCommand } from './help.js';
import { importCommand } from './import.js';
import { journalCommand } from './journal.js';
import { manageCommand } from './manage.js';
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
  batchCommand,
  statusCommand,
  importCommand,
  authorizeCommand,
  consultCommand,
  fetchCommand,
  manageCommand,
  openCommand,
  cardCommand,
  apiCommand,
  doctorCommand,
  journalCommand,
  helpCommand,
  versionCommand,
];
