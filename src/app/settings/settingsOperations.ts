// The « Réglages » operations bound to the SettingsService, for createLocalApi (one spread line).
import { DIAGNOSTICS_RUN } from '../../api/diagnostics.js';
import { SETTINGS_GET, SETTINGS_SAVE } from '../../api/settings.js';
import { TOKEN_CREATE, TOKEN_REVOKE, TOKENS_LIST } from '../../api/tokens.js';
import { jsonOperation, type MountedOperation } from '../../server/index.js';
import { ApiTokenRepository, type Database } from '../../store/index.js';
import { SettingsService, type SettingsServiceParts } from './SettingsService.js';

/** What the service start passes: everything but the token store (built on the database). */
export type SettingsParts = Omit<SettingsServiceParts, 'tokens'>;

/** No operations when the service was started without its configuration store (some tests). */
export function settingsOperations(
  parts: SettingsParts | undefined,
  db: Database,
): MountedOperation[] {
  if (parts === undefined) return [];
  const service = new SettingsService({ ...parts, tokens: new ApiTokenRepository(db) });
  return [
    jsonOperation(SETTINGS_GET, () => service.view()),
    jsonOperation(SETTINGS_SAVE, ({ body }) => service.save(body)),
    jsonOperation(TOKENS_LIST, () => service.listTokens()),
    jsonOperation(TOKEN_CREATE, ({ body }) => service.createToken(body.name)),
    jsonOperation(TOKEN_REVOKE, ({ body }) => service.revokeToken(body.name)),
    jsonOperation(DIAGNOSTICS_RUN, () => service.diagnostics()),
  ];
}
