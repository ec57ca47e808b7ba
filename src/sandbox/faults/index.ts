export {
  FaultSpecError,
  SERVICES,
  parseFaultSpec,
  type DmpService,
  type FaultKind,
  type FaultRule,
  type FaultSpec,
  type FaultWhen,
} from './faultSpec.js';
export { FaultInjector, type AppliedFaults } from './faultInjector.js';
