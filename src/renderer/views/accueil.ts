// The « Accueil » view: the state of the service and of each component, in French.
import type { HealthReport } from '../../api/health.js';
import { componentName, overallLabel, stateLabel } from '../labels.js';

/** Renders the report into `details` and its one-line summary into `summary`. */
export function renderAccueil(doc: Document, summary: HTMLElement, details: HTMLElement, report: HealthReport): void {
  summary.textContent = overallLabel(report.status);

  const table = doc.createElement('table');
  const caption = doc.createElement('caption');
  caption.textContent = 'Éléments de Navette';
  table.append(caption);
  const head = doc.createElement('thead');
  head.append(row(doc, 'th', ['Élément', 'État', 'Détail']));
  table.append(head);
  const body = doc.createElement('tbody');
  for (const [name, status] of Object.entries(report.components)) {
    const tr = row(doc, 'td', [componentName(name), stateLabel(status.state), status.message ?? '']);
    tr.dataset['component'] = name;
    tr.children[1]?.classList.add('etat', `etat-${status.state}`);
    body.append(tr);
  }
  table.append(body);

  const parts: HTMLElement[] = [table];
  if (report.configProblems.length > 0) {
    const section = doc.createElement('div');
    section.className = 'probleme';
    const title = doc.createElement('h3');
    title.textContent = 'Problèmes de configuration';
    const list = doc.createElement('ul');
    for (const problem of report.configProblems) {
      const item = doc.createElement('li');
      item.textContent = `${problem.message} (fichier ${problem.file}, paramètre « ${problem.field} »)`;
      list.append(item);
    }
    section.append(title, list);
    parts.push(section);
  }
  details.replaceChildren(...parts);
}

function row(doc: Document, cell: 'th' | 'td', texts: readonly string[]): HTMLTableRowElement {
  const tr = doc.createElement('tr');
  for (const text of texts) {
    const c = doc.createElement(cell);
    if (cell === 'th') c.setAttribute('scope', 'col');
    c.textContent = text;
    tr.append(c);
  }
  return tr;
}
