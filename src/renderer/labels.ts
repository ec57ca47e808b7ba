// French words for what the service reports in codes.
import type { ComponentState, OverallState } from '../api/health.js';

const COMPONENT_NAMES: Readonly<Record<string, string>> = {
  configuration: 'Configuration',
  database: 'Base de données',
  server: 'Serveur local',
  card: 'Carte CPS',
  watcher: 'Dossiers surveillés',
  outbox: "File d'envoi",
  dmp: 'Connexion au DMP',
};

const STATE_LABELS: Readonly<Record<ComponentState, string>> = {
  ok: 'En service',
  degraded: 'Dégradé',
  down: 'En panne',
  'not-configured': 'Non configuré',
  starting: 'Démarrage en cours',
};

const OVERALL_LABELS: Readonly<Record<OverallState, string>> = {
  ok: 'Navette fonctionne normalement.',
  degraded: 'Navette fonctionne, mais certains éléments demandent votre attention.',
  down: 'Navette ne fonctionne pas correctement : un élément est en panne.',
  starting: 'Navette démarre…',
};

export function componentName(name: string): string {
  return COMPONENT_NAMES[name] ?? name;
}

export function stateLabel(state: ComponentState): string {
  return STATE_LABELS[state];
}

export function overallLabel(state: OverallState): string {
  return OVERALL_LABELS[state];
}
