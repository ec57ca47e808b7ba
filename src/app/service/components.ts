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

/** Registers every component in its initial state, in the order the UI lists them. */
export function registerComponents(registry: ComponentRegistry, watchFolders: readonly string[]): void {
  registry.set(COMPONENTS.configuration, 'starting');
  registry.set(COMPONENTS.database, 'starting');
  registry.set(COMPONENTS.server, 'starting');
  registry.set(COMPONENTS.card, 'not-configured', NOT_YET);
  registry.set(
    COMPONENTS.watcher,
    'not-configured',
    watchFolders.length === 0 ? "Aucun dossier d'export n'est configuré." : NOT_YET,
  );
  registry.set(COMPONENTS.outbox, 'not-configured', NOT_YET);
  registry.set(COMPONENTS.dmp, 'not-configured', NOT_YET);
}
