// The « Réglages » screen's contract: the settings a user may change from the window, read as
// they are in force (policy, user file and defaults merged) and saved into the user settings file
// only. Secrets never travel here: API token hashes stay out, and the structure certificate's
// password is never part of the configuration at all.
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

export const SETTINGS_AUTH_MODES = ['direct', 'indirect'] as const;

const VisibilitySchema = z.object({
  hiddenFromProfessionals: z.boolean(),
  hiddenFromPatient: z.boolean(),
  hiddenFromLegalRepresentatives: z.boolean(),
});

/** The editable settings, as in force. Absent optional fields are `null`. */
export const EditableSettingsSchema = z.object({
  watchFolders: z.array(z.string()),
  sentFolder: z.string().nullable(),
  errorFolder: z.string().nullable(),
  cardModule: z.string().nullable(),
  structureId: z.string().nullable(),
  structureName: z.string().nullable(),
  structureP12: z.string().nullable(),
  authMode: z.enum(SETTINGS_AUTH_MODES),
  defaultVisibility: VisibilitySchema,
  importFolder: z.string().nullable(),
  importNamePattern: z.string(),
  autoImport: z.boolean(),
});
export type EditableSettings = z.infer<typeof EditableSettingsSchema>;

/** The names of the editable settings (keys of EditableSettings), for per-field errors. */
export type SettingsField = keyof EditableSettings;

export const SettingsViewSchema = z.object({
  settings: EditableSettingsSchema,
  /** Fields the administrator's policy fixes: shown, not editable. */
  locked: z.array(z.string()),
  /** The user settings file the screen writes (null: this service has none). */
  userFile: z.string().nullable(),
  /** DMP endpoint in force (read-only here: set by the administrator). */
  dmpEndpoint: z.string(),
  demo: z.boolean(),
  /** Configuration problems in force, in French. */
  problems: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

export const SETTINGS_GET = {
  method: 'GET',
  path: '/api/settings',
  auth: 'token',
  id: 'getSettings',
  summary: 'Réglages en vigueur modifiables depuis la fenêtre (sans aucun secret)',
  response: SettingsViewSchema,
} as const satisfies OperationDefinition<typeof SettingsViewSchema>;

const maybeText = z.string().max(1000).nullable();

/** What the screen sends: only the fields it changes; `null` or '' goes back to the default. */
export const SettingsSaveSchema = z.strictObject({
  watchFolders: z.array(z.string().max(1000)).max(50).optional(),
  sentFolder: maybeText.optional(),
  errorFolder: maybeText.optional(),
  cardModule: maybeText.optional(),
  structureId: maybeText.optional(),
  structureName: maybeText.optional(),
  structureP12: maybeText.optional(),
  authMode: z.enum(SETTINGS_AUTH_MODES).optional(),
  defaultVisibility: VisibilitySchema.optional(),
  importFolder: maybeText.optional(),
  importNamePattern: z.string().max(1000).optional(),
  autoImport: z.boolean().optional(),
});
export type SettingsSave = z.infer<typeof SettingsSaveSchema>;

export const SettingsFieldErrorSchema = z.object({
  /** A key of EditableSettings, or '' for the whole form. */
  field: z.string(),
  message: z.string(),
});
export type SettingsFieldError = z.infer<typeof SettingsFieldErrorSchema>;

export const SettingsSaveResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    view: SettingsViewSchema,
    /** French: what takes effect now and what after a restart. */
    message: z.string(),
  }),
  z.object({ ok: z.literal(false), errors: z.array(SettingsFieldErrorSchema) }),
]);
export type SettingsSaveResult = z.infer<typeof SettingsSaveResultSchema>;

export const SETTINGS_SAVE = {
  method: 'PUT',
  path: '/api/settings',
  auth: 'token',
  id: 'saveSettings',
  summary: 'Enregistre des réglages dans le fichier de réglages de l’utilisateur',
  body: SettingsSaveSchema,
  response: SettingsSaveResultSchema,
} as const satisfies OperationDefinition<typeof SettingsSaveResultSchema>;

export const SETTINGS_OPERATIONS = [SETTINGS_GET, SETTINGS_SAVE] as const;
