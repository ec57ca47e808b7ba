// The configuration schema: one strict zod object per section, so a misspelt field is reported
// instead of silently ignored. Each field's description is the French sentence that a problem
// report shows as the expected value (« attendu : … »), so keep it short and concrete.
// docs/configuration.md documents every field; update it with this file.
//
// The schema has no zod defaults on purpose: defaults live in defaults.ts as one complete value,
// and every layer is validated merged over the layers below it (see loadConfig.ts).
import { z } from 'zod';
import { IMPORT_NAME_FIELDS, checkImportNamePattern } from '../../domain/imports/importFileName.js';

/** Bump when a field is renamed, moved or changes meaning, and add an upgrade in upgrade.ts. */
export const CURRENT_CONFIG_VERSION = 2;

const nonEmptyText = (expected: string) => z.string().trim().min(1).describe(expected);
const integer = (min: number, max: number, expected: string) =>
  z.number().int().min(min).max(max).describe(expected);
const folder = (expected: string) => nonEmptyText(expected);

function isValidImportNamePattern(pattern: string): boolean {
  try {
    checkImportNamePattern(pattern);
    return true;
  } catch {
    return false;
  }
}

export const ServerSchema = z.strictObject({
  port: integer(
    0,
    65535,
    'un nombre entier entre 0 et 65535 (0 : un port libre choisi au démarrage)',
  ),
  host: z
    .literal('127.0.0.1')
    .describe("« 127.0.0.1 » (Navette n'écoute que sur cet ordinateur ; aucune autre valeur)"),
});

export const POLLING_MODES = ['auto', 'always', 'never'] as const;

export const WatchSchema = z.strictObject({
  folders: z
    .array(folder("un chemin de dossier d'export"))
    .max(50)
    .describe('une liste de chemins de dossiers d\'export, par exemple ["C:\\\\Export\\\\DMP"]'),
  rescanIntervalSec: integer(5, 3600, 'un nombre entier de secondes entre 5 et 3600'),
  stableDelayMs: integer(200, 600_000, 'un nombre entier de millisecondes entre 200 et 600000'),
  polling: z
    .enum(POLLING_MODES)
    .describe('« auto », « always » (toujours interroger le dossier) ou « never »'),
  sentFolder: folder('un chemin de dossier pour les documents envoyés').optional(),
  errorFolder: folder('un chemin de dossier pour les documents refusés').optional(),
});

export const CardSchema = z.strictObject({
  pkcs11Module: nonEmptyText(
    'le chemin complet du module PKCS#11 de la carte (celui de la Cryptolib CPS)',
  ).optional(),
  pollIntervalMs: integer(250, 60_000, 'un nombre entier de millisecondes entre 250 et 60000'),
});

export const SendingBackoffSchema = z.strictObject({
  baseMs: integer(
    100,
    3_600_000,
    'un nombre entier de millisecondes entre 100 et 3600000 (délai après le premier échec)',
  ),
  maxMs: integer(1000, 86_400_000, 'un nombre entier de millisecondes entre 1000 et 86400000'),
  factor: z
    .number()
    .min(1)
    .max(10)
    .describe('un nombre entre 1 et 10 (multiplication du délai à chaque échec)'),
  jitter: z
    .number()
    .min(0)
    .max(1)
    .describe('un nombre entre 0 et 1 (part du délai tirée au hasard)'),
});

export const SendingSchema = z.strictObject({
  concurrency: integer(1, 16, 'un nombre entier entre 1 et 16 (documents envoyés en même temps)'),
  maxAttempts: integer(1, 1000, 'un nombre entier de tentatives entre 1 et 1000'),
  backoff: SendingBackoffSchema.describe(
    'un objet { "baseMs": 30000, "maxMs": 3600000, "factor": 2, "jitter": 0.5 }',
  ),
});

export const DMP_AUTH_MODES = ['direct', 'indirect'] as const;
export const SIGNATURE_ALGORITHMS = ['rsa-sha256', 'rsa-sha1'] as const;

export const DmpSchema = z.strictObject({
  endpoint: z
    .url({ protocol: /^https$/ })
    .describe(
      'une adresse https:// du DMP, par exemple « https://<serveur>/si-dmp-server/v2/services »',
    ),
  authMode: z
    .enum(DMP_AUTH_MODES)
    .describe('« direct » (carte CPS) ou « indirect » (certificat de la structure)'),
  trustAnchors: z
    .array(nonEmptyText("le chemin d'un certificat racine au format PEM"))
    .max(50)
    .describe('une liste de chemins de certificats racines au format PEM'),
  signatureAlgorithm: z.enum(SIGNATURE_ALGORITHMS).describe('« rsa-sha256 » ou « rsa-sha1 »'),
});

export const StructureSchema = z.strictObject({
  id: nonEmptyText(
    "l'identifiant national de la structure (par exemple « 1 » suivi du numéro FINESS)",
  ).optional(),
  name: nonEmptyText('le nom de la structure').optional(),
  p12: nonEmptyText(
    'le chemin du certificat de la structure au format PKCS#12 (.p12), sans le mot de passe',
  ).optional(),
});

export const VisibilitySchema = z.strictObject({
  hiddenFromProfessionals: z.boolean().describe('true ou false'),
  hiddenFromPatient: z.boolean().describe('true ou false'),
  hiddenFromLegalRepresentatives: z.boolean().describe('true ou false'),
});

export const DocumentsSchema = z.strictObject({
  defaultVisibility: VisibilitySchema.describe(
    'un objet { "hiddenFromProfessionals": false, "hiddenFromPatient": false, "hiddenFromLegalRepresentatives": false }',
  ),
  maxSizeMb: integer(1, 1024, 'un nombre entier de mégaoctets entre 1 et 1024'),
});

/** The placeholders an import file name pattern may use. */
export const IMPORT_NAME_PLACEHOLDERS = IMPORT_NAME_FIELDS;

const namePattern = z
  .string()
  .min(1)
  .max(200)
  // {uniqueId} keeps two imported documents from ever getting the same file name.
  .refine((p) => p.includes('{uniqueId}'))
  .refine((p) =>
    [...p.matchAll(/\{([^}]*)\}/g)].every((m) =>
      (IMPORT_NAME_PLACEHOLDERS as readonly string[]).includes(m[1] ?? ''),
    ),
  )
  .refine((p) => !/[/\\:*?"<>|]/.test(p.replace(/\{[^}]*\}/g, '')))
  // The same rule as the file names themselves (src/domain/imports/importFileName.ts).
  .refine((p) => isValidImportNamePattern(p))
  .describe(
    'un modèle de nom de fichier contenant {uniqueId}, et seulement les champs {ins}, {date}, ' +
      '{type}, {title} et {uniqueId}, sans / \\ : * ? " < > |',
  );

export const ImportSchema = z.strictObject({
  folder: folder("un chemin de dossier d'import").optional(),
  namePattern,
  writeMetadata: z.boolean().describe('true ou false'),
  autoImport: z.boolean().describe('true ou false'),
  autoIntervalMin: integer(1, 1440, 'un nombre entier de minutes entre 1 et 1440'),
});

export const ApiTokenSchema = z.strictObject({
  name: nonEmptyText('le nom du client (texte non vide)'),
  hash: z.string().min(16).describe("l'empreinte du jeton (jamais le jeton lui-même)"),
  createdAt: z.iso.datetime({ offset: true }).describe('une date ISO 8601').optional(),
});

export const ApiSchema = z.strictObject({
  tokens: z.array(ApiTokenSchema).max(100).describe('une liste d\'objets { "name": …, "hash": … }'),
});

export const CONFIG_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export const LoggingSchema = z.strictObject({
  level: z.enum(CONFIG_LOG_LEVELS).describe('« debug », « info », « warn » ou « error »'),
  maxFileBytes: integer(
    64 * 1024,
    1024 * 1024 * 1024,
    "un nombre entier d'octets entre 65536 (64 Kio) et 1073741824 (1 Gio)",
  ),
  maxFiles: integer(1, 100, 'un nombre entier de fichiers entre 1 et 100'),
  retentionDays: integer(1, 3650, 'un nombre entier de jours entre 1 et 3650'),
});

export const UpdatesSchema = z.strictObject({
  enabled: z.boolean().describe('true ou false'),
});

export const NavetteConfigSchema = z.strictObject({
  configVersion: z
    .literal(CURRENT_CONFIG_VERSION)
    .describe(`le numéro de version ${CURRENT_CONFIG_VERSION}`),
  demo: z.boolean().describe('true ou false'),
  server: ServerSchema,
  watch: WatchSchema,
  card: CardSchema,
  sending: SendingSchema,
  dmp: DmpSchema,
  structure: StructureSchema,
  documents: DocumentsSchema,
  import: ImportSchema,
  api: ApiSchema,
  logging: LoggingSchema,
  updates: UpdatesSchema,
});

/** The complete, validated configuration every part of Navette reads. */
export type NavetteConfig = z.infer<typeof NavetteConfigSchema>;
export type ConfigLogLevel = NavetteConfig['logging']['level'];
