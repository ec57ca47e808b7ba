// Builds the `/health` answer from the registry and the configuration problems.
import {
  overallState,
  modeLabel,
  serviceMode,
  type ConfigProblemReport,
  type HealthReport,
} from '../../api/index.js';
import type { ComponentRegistry } from './ComponentRegistry.js';

export interface HealthInputs {
  readonly version: string;
  /** Milliseconds since the epoch when the service started. */
  readonly startedAt: number;
  /** Milliseconds since the epoch, now (passed in so tests control time). */
  readonly now: number;
  readonly demo: boolean;
  readonly registry: ComponentRegistry;
  readonly configProblems: readonly ConfigProblemReport[];
}

export function buildHealthReport(inputs: HealthInputs): HealthReport {
  const components = inputs.registry.snapshot();
  return {
    name: 'navette',
    version: inputs.version,
    uptimeSeconds: Math.max(0, Math.floor((inputs.now - inputs.startedAt) / 1000)),
    status: overallState(Object.values(components).map((c) => c.state)),
    demo: inputs.demo,
    mode: serviceMode(inputs.demo),
    modeLabel: modeLabel(inputs.demo),
    components,
    configProblems: inputs.configProblems.map((p) => ({
      file: p.file,
      field: p.field,
      expected: p.expected,
      message: p.message,
    })),
  };
}
