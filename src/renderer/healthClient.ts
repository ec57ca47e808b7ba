// Reads the service's health. In the desktop app the page talks to the service only through the
// preload bridge (`window.navette`: the CSP allows no network); served by `navette serve`, it
// fetches `/health` from its own origin.
import type { NavetteBridge } from '../api/bridge.js';
import type { HealthReport } from '../api/health.js';

function bridge(): NavetteBridge | undefined {
  return (globalThis as { navette?: NavetteBridge }).navette;
}

export async function fetchHealth(): Promise<HealthReport> {
  const desktop = bridge();
  if (desktop) {
    const result = await desktop.health();
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  }
  const response = await fetch('/health', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The service validates what it sends against the contract; the UI trusts its own origin.
  return (await response.json()) as HealthReport;
}
