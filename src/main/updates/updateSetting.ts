// Reads `updates.enabled` the way the service reads its configuration (administrator policy, then
// user settings; default false). Read once at start: turning updates on takes a restart.
import { defaultAppPaths, loadConfig } from '../../app/config/index.js';

export function updatesEnabled(configFile: string | undefined, env: NodeJS.ProcessEnv): boolean {
  const paths = defaultAppPaths(env);
  const { config } = loadConfig({
    policyFile: paths.policyFile,
    userFile: configFile ?? paths.configFile,
  });
  return config.updates.enabled;
}
