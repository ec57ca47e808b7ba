// The components the service reports on. Later issues replace the "not yet" entries with real
// states as they wire the card, the watcher, the outbox and the DMP client.
import type { ComponentRegistry } from '../health/ComponentRegistry.js';

export const COMPONENTS = {
  configuration: 'configuration',
  database: 'database',
  server: 'server',
  card: 'card',
  watcher: 'watcher',
  outbox: 'outbox',
  dmp: 'dmp',
} as const;

const NOT_YET = 'Pas encore disponible dans cette version de Navette.';
const NO_FOLDER = "Aucun dossier d'export n'est configuré.";

/** Registers every component in its initial state, in the order the UI lists them. */
export function registerComponents(
  registry: ComponentRegistry,
  watchFolders: readonly string[],
): void {
  registry.set(COMPONENTS.configuration, 'starting');
  registry.set(COMPONENTS.database, 'starting');
  registry.set(COMPONENTS.server, 'starting');
  registry.set(COMPONENTS.card, 'not-configured', NOT_YET);
  // With export folders, src/app/sending/startSending.ts sets the watcher and the outbox.
  if (watchFolders.length === 0) {
    registry.set(COMPONENTS.watcher, 'not-configured', NO_FOLDER);
    registry.set(COMPONENTS.outbox, 'not-configured', NO_FOLDER);
  } else {
    registry.set(COMPONENTS.watcher, 'starting');
    registry.set(COMPONENTS.outbox, 'starting');
  }
  registry.set(COMPONENTS.dmp, 'not-configured', NOT_YET);
}
