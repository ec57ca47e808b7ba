// Entry of the web UI: shows the « Accueil » view and keeps it current.
import { ensureDemoBanner } from './demoBanner.js';
import { fetchHealth } from './healthClient.js';
import { renderAccueil } from './views/accueil.js';

const REFRESH_MS = 5000;

async function refresh(): Promise<void> {
  const summary = document.getElementById('etat-resume');
  const details = document.getElementById('etat-details');
  if (summary === null || details === null) return;
  try {
    const report = await fetchHealth();
    ensureDemoBanner(document, report.demo, report.modeLabel);
    renderAccueil(document, summary, details, report);
    const version = document.getElementById('version');
    if (version !== null) version.textContent = `Navette ${report.version} — ${report.modeLabel}`;
  } catch {
    summary.textContent =
      "Impossible de joindre le service Navette. Vérifiez qu'il est démarré, puis rechargez la page.";
  }
}

function loop(): void {
  void refresh().finally(() => setTimeout(loop, REFRESH_MS));
}

loop();
