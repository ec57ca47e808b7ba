export {
  acquireInstanceLock,
  isProcessAlive,
  LOCK_FILE_NAME,
  type AcquireLockOptions,
  type InstanceLock,
  type LockOwner,
} from './InstanceLock.js';
export { InstanceAlreadyRunningError, InstanceLockError } from './errors.js';
