// The contract of consulting, managing and importing (issue 6): what the local API, the desktop
// window and the CLI exchange with the service about one patient's DMP. The patient's INS always
// travels in a JSON body (POST), never in a URL: URLs end up in logs and histories.
import { z } from 'zod';
import type { OperationDefinition } from './operations.js';

const text = (max: number) => z.string().trim().min(1).max(max);

/** The INS as typed or pasted (spaces allowed) and, when known, its OID. */
export const PatientRefSchema = z.strictObject({
  ins: z.string().trim().min(13).max(40),
  /** Absent: a test INS against the test DMP, a NIR otherwise. */
  oid: z
    .string()
    .regex(/^[0-9]+(\.[0-9]+)+$/)
    .optional(),
});

export const API_ACCESS_MODES = ['normal', 'bris-de-glace', 'centre-15'] as const;
export const AccessModeSchema = z.enum(API_ACCESS_MODES);
export type ApiAccessMode = z.infer<typeof AccessModeSchema>;

/** Who looks and how: bris de glace needs its reason (journaled, sent in the VIHF). */
export const AccessSchema = z
  .strictObject({
    mode: AccessModeSchema.default('normal'),
    reason: text(500).optional(),
  })
  .refine((a) => a.mode !== 'bris-de-glace' || a.reason !== undefined, {
    message: "Le mode bris de glace exige d'en indiquer la raison.",
    path: ['reason'],
  });

export const PatientRequestSchema = z.strictObject({
  patient: PatientRefSchema,
  access: AccessSchema.default({ mode: 'normal' }),
});
export type PatientRequest = z.infer<typeof PatientRequestSchema>;

// ── TD0.2 ────────────────────────────────────────────────────────────────────────────────────
export const PatientStatusSchema = z.object({
  dmp: z.enum(['ACTIF', 'FERME', 'INEXISTANT', 'INCONNU']),
  authorization: z.enum(['VALIDE', 'INTERDIT', 'EXPIRE', 'NON_EXISTE', 'AUTRE']).nullable(),
  authorized: z.boolean(),
  isMedecinTraitant: z.boolean().nullable(),
  linkedToMonEspaceSante: z.boolean().nullable(),
  accessMode: AccessModeSchema,
  /** French, one sentence per fact, for the screen and the CLI. */
  messages: z.array(z.string()),
});
export type PatientStatus = z.infer<typeof PatientStatusSchema>;

export const PATIENT_STATUS = {
  method: 'POST',
  path: '/api/patient/status',
  auth: 'token',
  id: 'patientStatus',
  summary: "État du DMP du patient et autorisation de l'utilisateur (TD0.2)",
  body: PatientRequestSchema,
  response: PatientStatusSchema,
} as const satisfies OperationDefinition<typeof PatientStatusSchema>;

// ── TD0.3 ────────────────────────────────────────────────────────────────────────────────────
export const AuthorizationRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({
    patient: PatientRefSchema,
    action: z.literal('add'),
    /** The user confirmed that the patient consents: required, and journaled. */
    patientConsented: z.literal(true),
  }),
  z.strictObject({
    patient: PatientRefSchema,
    action: z.literal('remove'),
    /**
     * 'medecin-traitant': the médecin traitant gives up that role only and stays authorised
     * (PDT-INF-526); absent: the user withdraws their own authorisation.
     */
    role: z.literal('medecin-traitant').optional(),
  }),
]);
export type AuthorizationRequest = z.infer<typeof AuthorizationRequestSchema>;

export const AuthorizationResultSchema = z.object({
  action: z.enum(['add', 'remove']),
  status: PatientStatusSchema,
});

export const PATIENT_AUTHORIZATION = {
  method: 'POST',
  path: '/api/patient/authorization',
  auth: 'token',
  id: 'patientAuthorization',
  summary:
    "Se déclarer autorisé sur le DMP du patient (avec son consentement) ou retirer l'autorisation (TD0.3)",
  body: AuthorizationRequestSchema,
  response: AuthorizationResultSchema,
} as const satisfies OperationDefinition<typeof AuthorizationResultSchema>;

// ── TD0.4 ────────────────────────────────────────────────────────────────────────────────────
export const AuthorizedPatientSchema = z.object({
  ins: z.string(),
  oid: z.string(),
  family: z.string().nullable(),
  given: z.string().nullable(),
  birthDate: z.string().nullable(),
  lastDocumentAt: z.string().nullable(),
  lastAuthorizationAt: z.string().nullable(),
});
export const AuthorizedPatientsSchema = z.object({ patients: z.array(AuthorizedPatientSchema) });

export const AuthorizedPatientsQuerySchema = z.strictObject({
  /** YYYY-MM-DD: patients with a document or an authorisation since that day. */
  since: z.iso.date().optional(),
});

export const AUTHORIZED_PATIENTS = {
  method: 'GET',
  path: '/api/patients',
  auth: 'token',
  id: 'authorizedPatients',
  summary: 'Patients sur le DMP desquels vous êtes autorisé, avec leurs derniers documents (TD0.4)',
  query: AuthorizedPatientsQuerySchema,
  response: AuthorizedPatientsSchema,
} as const satisfies OperationDefinition<typeof AuthorizedPatientsSchema>;

// ── TD3.1 ────────────────────────────────────────────────────────────────────────────────────
export const DOCUMENT_STATUSES = [
  'approved',
  'archived',
  'deprecated',
  'deleted',
  'unknown',
] as const;

export const DocumentSummarySchema = z.object({
  uniqueId: z.string(),
  entryUUID: z.string(),
  title: z.string().nullable(),
  typeCode: z.object({
    code: z.string(),
    codeSystem: z.string(),
    displayName: z.string().nullable(),
  }),
  classCode: z.object({
    code: z.string(),
    codeSystem: z.string(),
    displayName: z.string().nullable(),
  }),
  /** HL7 YYYYMMDDHHMMSS, UTC. */
  creationTime: z.string().nullable(),
  serviceStartTime: z.string().nullable(),
  serviceStopTime: z.string().nullable(),
  author: z
    .object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      specialty: z.string().nullable(),
    })
    .nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  visibility: z.object({
    hiddenFromProfessionals: z.boolean(),
    hiddenFromPatient: z.boolean(),
    hiddenFromLegalRepresentatives: z.boolean(),
  }),
  /** French alerts the screen must show (invisible to the patient…). */
  alerts: z.array(z.object({ code: z.string(), message: z.string() })),
  lot: z.string().nullable(),
  replaces: z.string().nullable(),
  replacedBy: z.string().nullable(),
  mimeType: z.string(),
  size: z.number().int().nullable(),
  /** The current user wrote it: they may manage it (TD3.3). */
  mine: z.boolean(),
  /** Already imported into the practice's software. */
  imported: z.boolean(),
});
export type DocumentSummary = z.infer<typeof DocumentSummarySchema>;

export const DocumentSearchSchema = z.strictObject({
  patient: PatientRefSchema,
  access: AccessSchema.default({ mode: 'normal' }),
  /** YYYY-MM-DD; 'last-visit' uses the cursor of the user's last look at this patient. */
  since: z.union([z.iso.date(), z.literal('last-visit')]).optional(),
  /** Archived and deprecated documents too (hidden by default). */
  allStatuses: z.boolean().default(false),
  classCodes: z.array(text(64)).max(50).optional(),
  typeCodes: z.array(text(64)).max(50).optional(),
  /** YYYY-MM-DD: documents created before that day only. */
  until: z.iso.date().optional(),
  /** Only documents with these visibility flags (e.g. `{ hiddenFromPatient: true }`). */
  visibility: z
    .strictObject({
      hiddenFromProfessionals: z.boolean().optional(),
      hiddenFromPatient: z.boolean().optional(),
      hiddenFromLegalRepresentatives: z.boolean().optional(),
    })
    .optional(),
});
export type DocumentSearchRequest = z.infer<typeof DocumentSearchSchema>;

export const DocumentListSchema = z.object({
  documents: z.array(DocumentSummarySchema),
  /** What was searched, in French ("documents approuvés des deux dernières années"). */
  scope: z.string(),
  /** The patient's DMP status, fetched alongside when the rights allow. */
  status: PatientStatusSchema.nullable(),
});
export type DocumentList = z.infer<typeof DocumentListSchema>;

export const PATIENT_DOCUMENTS = {
  method: 'POST',
  path: '/api/patient/documents',
  auth: 'token',
  id: 'patientDocuments',
  summary: 'Documents du DMP du patient, avec filtres (TD3.1)',
  body: DocumentSearchSchema,
  response: DocumentListSchema,
} as const satisfies OperationDefinition<typeof DocumentListSchema>;

// ── TD3.2 ────────────────────────────────────────────────────────────────────────────────────
export const DocumentRequestSchema = z.strictObject({
  patient: PatientRefSchema,
  access: AccessSchema.default({ mode: 'normal' }),
  uniqueId: text(256),
});
export type DocumentRequest = z.infer<typeof DocumentRequestSchema>;

/** What the viewer shows: the PDF (level 1, or the embedded copy of a level 3), or HTML. */
export const DocumentDisplaySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pdf'), base64: z.string(), title: z.string().nullable() }),
  z.object({
    kind: z.literal('html'),
    /** The ANS stylesheet's rendering: untrusted, show it in a sandboxed frame without scripts. */
    html: z.string(),
    title: z.string().nullable(),
  }),
  z.object({
    kind: z.literal('other'),
    mimeType: z.string(),
    base64: z.string(),
    title: z.string().nullable(),
  }),
]);
export type DocumentDisplay = z.infer<typeof DocumentDisplaySchema>;

export const DOCUMENT_DISPLAY = {
  method: 'POST',
  path: '/api/patient/document/display',
  auth: 'token',
  id: 'documentDisplay',
  summary: 'Contenu affichable d’un document (TD3.2) : PDF, ou HTML par la feuille de style ANS',
  body: DocumentRequestSchema,
  response: DocumentDisplaySchema,
} as const satisfies OperationDefinition<typeof DocumentDisplaySchema>;

// ── TD3.3 ────────────────────────────────────────────────────────────────────────────────────
export const DOCUMENT_ACTIONS = [
  'mask',
  'unmask',
  'show-to-patient',
  'archive',
  'unarchive',
  'delete',
] as const;
export const DocumentActionSchema = z.enum(DOCUMENT_ACTIONS);
export type ApiDocumentAction = z.infer<typeof DocumentActionSchema>;

export const ManageRequestSchema = z.strictObject({
  patient: PatientRefSchema,
  uniqueId: text(256),
  action: DocumentActionSchema,
  /** The user confirmed the action on screen (the CLI asks or takes --yes). */
  confirmed: z.literal(true),
});
export type ManageRequest = z.infer<typeof ManageRequestSchema>;

export const ManageResultSchema = z.object({
  action: DocumentActionSchema,
  document: DocumentSummarySchema.nullable(),
  message: z.string(),
});

export const DOCUMENT_MANAGE = {
  method: 'POST',
  path: '/api/patient/document/manage',
  auth: 'token',
  id: 'documentManage',
  summary:
    'Masquer, démasquer, rendre visible au patient, archiver, désarchiver ou supprimer un de vos documents (TD3.3)',
  body: ManageRequestSchema,
  response: ManageResultSchema,
} as const satisfies OperationDefinition<typeof ManageResultSchema>;

// ── Import ───────────────────────────────────────────────────────────────────────────────────
export const ImportRequestSchema = z.strictObject({
  patient: PatientRefSchema,
  access: AccessSchema.default({ mode: 'normal' }),
  /** Only these documents; absent: every new document (since the date, or the last import). */
  uniqueIds: z.array(text(256)).max(500).optional(),
  since: z.iso.date().optional(),
});
export type ImportRequest = z.infer<typeof ImportRequestSchema>;

export const ImportResultSchema = z.object({
  imported: z.array(z.object({ uniqueId: z.string(), fileName: z.string() })),
  skipped: z.array(z.object({ uniqueId: z.string(), reason: z.string() })),
  failed: z.array(z.object({ uniqueId: z.string(), code: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

export const PATIENT_IMPORT = {
  method: 'POST',
  path: '/api/patient/import',
  auth: 'token',
  id: 'patientImport',
  summary: "Importer les documents du patient dans le dossier d'import (jamais deux fois le même)",
  body: ImportRequestSchema,
  response: ImportResultSchema,
} as const satisfies OperationDefinition<typeof ImportResultSchema>;

export const FollowRequestSchema = z.strictObject({
  patient: PatientRefSchema,
  follow: z.boolean(),
});
export const FollowResultSchema = z.object({ followed: z.boolean() });

export const PATIENT_FOLLOW = {
  method: 'POST',
  path: '/api/patient/follow',
  auth: 'token',
  id: 'patientFollow',
  summary: "Importer automatiquement (ou plus) les nouveaux documents d'un patient suivi",
  body: FollowRequestSchema,
  response: FollowResultSchema,
} as const satisfies OperationDefinition<typeof FollowResultSchema>;

export const CONSULT_OPERATIONS = [
  PATIENT_STATUS,
  PATIENT_AUTHORIZATION,
  AUTHORIZED_PATIENTS,
  PATIENT_DOCUMENTS,
  DOCUMENT_DISPLAY,
  DOCUMENT_MANAGE,
  PATIENT_IMPORT,
  PATIENT_FOLLOW,
] as const;
