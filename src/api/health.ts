// `GET /health`: what the service says about itself. Open to every local caller (it holds no
// patient data, no path, no secret), so monitoring scripts and the UI can read it without a token.
import { z } from 'zod';

/** Every state a component can be in. 'not-configured' is normal (e.g. no card reader set up). */
export const COMPONENT_STATES = ['ok', 'degraded', 'down', 'not-configured', 'starting'] as const;
export const ComponentStateSchema = z.enum(COMPONENT_STATES);
export type ComponentState = z.infer<typeof ComponentStateSchema>;

/** One component (configuration, database, server, card, watcher, outbox, dmp…). */
export const ComponentStatusSchema = z.object({
  state: ComponentStateSchema,
  /** A French sentence for the user when the state is not 'ok'. */
  message: z.string().optional(),
});
export type ComponentStatus = z.infer<typeof ComponentStatusSchema>;

/** A configuration file that could not be used as written (Navette runs on the last good one). */
export const ConfigProblemSchema = z.object({
  file: z.string(),
  field: z.string(),
  expected: z.string(),
  /** French. */
  message: z.string(),
});
export type ConfigProblemReport = z.infer<typeof ConfigProblemSchema>;

/** The service as a whole: 'starting' while any component starts, then the worst of the others. */
export const OverallStateSchema = z.enum(['ok', 'degraded', 'down', 'starting']);
export type OverallState = z.infer<typeof OverallStateSchema>;

export const HealthReportSchema = z.object({
  name: z.literal('navette'),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  status: OverallStateSchema,
  demo: z.boolean(),
  mode: z.enum(['demo', 'production']),
  /** What the UI and every output show: « DÉMO — DMP de test » in demo mode. */
  modeLabel: z.string(),
  components: z.record(z.string(), ComponentStatusSchema),
  configProblems: z.array(ConfigProblemSchema),
});
export type HealthReport = z.infer<typeof HealthReportSchema>;

/** The overall state from the component states ('not-configured' does not count against it). */
export function overallState(states: Iterable<ComponentState>): OverallState {
  let worst: OverallState = 'ok';
  for (const state of states) {
    if (state === 'starting') return 'starting';
    if (state === 'down') worst = 'down';
    else if (state === 'degraded' && worst === 'ok') worst = 'degraded';
  }
  return worst;
}
