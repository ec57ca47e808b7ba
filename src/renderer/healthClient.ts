// Reads `/health` from the service that served this page (same origin: the CSP allows only it).
import type { HealthReport } from '../api/health.js';

export async function fetchHealth(): Promise<HealthReport> {
  const response = await fetch('/health', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  // The service validates what it sends against the contract; the UI trusts its own origin.
  return (await response.json()) as HealthReport;
}
