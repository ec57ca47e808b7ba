// The sidecar metadata file of a PDF dropped for the DMP (`<name>.pdf` + `<name>.json`): what a
// level-1 CDA needs that a PDF cannot say (CDA-CISIS §2.1, §6). Validated with zod, French
// messages (zod's fr locale, with our own words for the formats). The author defaults to the
// card holder; structure, practice setting and facility type come from the configuration
// unless the sidecar overrides them.
import { z } from 'zod';
import { InsError } from '../../domain/ins/InsError.js';
import { INS_OIDS } from '../../domain/ins/insOids.js';
import { parseMatricule } from '../../domain/ins/matricule.js';
import { parseInstanceId } from '../../domain/documents/documentIds.js';
import { cdaError, type CdaProblem } from './problems.js';

export const SIDECAR_VERSION = 1;

const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
/** ISO 8601 date-time with seconds and an explicit offset (or Z). */
const DATE_TIME =
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,3})?(?:Z|[+-][0-9]{2}:[0-9]{2})$/;
const OID = /^[0-2](?:\.(?:0|[1-9][0-9]*))+$/;

const text = (max: number) => z.string().trim().min(1).max(max);
const dateTime = z
  .string()
  .regex(DATE_TIME, {
    error: 'date et heure attendues au format 2024-05-01T10:15:00+02:00',
    abort: true,
  })
  .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'date inexistante' });
const instanceId = z
  .string()
  .trim()
  .refine(
    (v) => {
      const id = parseInstanceId(v);
      return id !== undefined && OID.test(id.root);
    },
    { error: 'identifiant attendu sous la forme « OID » ou « OID^extension »' },
  );

const patientSchema = z
  .object({
    // Checked on its own (not in an object refinement) so its error shows with the others.
    ins: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        try {
          parseMatricule(value);
        } catch (error) {
          if (!(error instanceof InsError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      }),
    insOid: z
      .enum(Object.values(INS_OIDS) as [string, ...string[]], {
        error: 'OID INS inconnu (1.2.250.1.213.1.4.8, .9, .10 ou .11)',
      })
      .default(INS_OIDS.NIR),
    birthFamily: text(100),
    birthGivens: text(200),
    firstBirthGiven: text(100).optional(),
    usedFamily: text(100).optional(),
    usedGiven: text(100).optional(),
    birthDate: z
      .string()
      .regex(DATE, { error: 'date de naissance attendue au format AAAA-MM-JJ', abort: true })
      .refine((v) => !Number.isNaN(Date.parse(v)), { error: 'date de naissance inexistante' }),
    sex: z.enum(['F', 'M', 'U'], { error: 'sexe attendu : F, M ou U' }),
    birthPlaceCode: z.string().regex(/^(?:[0-9]{5}|2[AB][0-9]{3})$/, {
      error:
        'code officiel géographique INSEE du lieu de naissance attendu (5 caractères, par exemple 51215 ou 99134)',
    }),
    localId: z
      .object({ root: z.string().regex(OID, { error: 'OID attendu' }), extension: text(64) })
      .strict()
      .optional(),
  })
  .strict();

const codeRef = z.object({ code: text(64), codeSystem: z.string().regex(OID).optional() }).strict();

export const sidecarSchema = z
  .object({
    version: z.literal(SIDECAR_VERSION, {
      error: `version de format attendue : ${SIDECAR_VERSION}`,
    }),
    patient: patientSchema,
    document: z
      .object({
        typeCode: text(64),
        typeCodeSystem: z.string().regex(OID, { error: 'OID attendu' }).optional(),
        title: text(250),
        date: dateTime,
        serviceStart: dateTime.optional(),
        serviceStop: dateTime.optional(),
        // An OID alone: a document id with an extension cannot be named in the lot signature
        // (CDA_ID_EXTENSION_UNSUPPORTED, docs/documents.md).
        id: z
          .string()
          .trim()
          .regex(OID, {
            error:
              'OID seul attendu (chiffres séparés par des points, sans « ^extension ») : le DMP ne sait pas désigner un document dont l’identifiant porte une extension',
          })
          .optional(),
      })
      .strict(),
    author: z
      .object({
        idNatPs: text(64),
        family: text(100),
        given: text(100),
        specialty: codeRef.optional(),
      })
      .strict()
      .optional(),
    visibility: z
      .object({
        hiddenFromProfessionals: z.boolean().default(false),
        hiddenFromPatient: z.boolean().default(false),
        hiddenFromLegalRepresentatives: z.boolean().default(false),
      })
      .strict()
      .optional(),
    replaces: z
      .object({ id: instanceId, setId: instanceId, version: z.number().int().min(1).max(999_999) })
      .strict()
      .optional(),
    practiceSetting: text(64).optional(),
    facilityType: text(64).optional(),
  })
  .strict();

export type Sidecar = z.output<typeof sidecarSchema>;

export type SidecarResult =
  | { readonly ok: true; readonly sidecar: Sidecar }
  | { readonly ok: false; readonly problems: readonly CdaProblem[] };

const FIX =
  'Corrigez le fichier de métadonnées .json (voir docs/documents.md pour le format) puis redéposez le PDF.';

function jsonPath(path: readonly PropertyKey[]): string {
  return `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`;
}

/** Parses and validates a sidecar file's text. */
export function parseSidecar(json: string): SidecarResult {
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/, ''));
  } catch (error) {
    const reason = error instanceof Error ? error.message : '';
    return {
      ok: false,
      problems: [
        cdaError(
          'SIDECAR_JSON',
          '$',
          `Le fichier de métadonnées n’est pas du JSON valide (${reason.slice(0, 120)}).`,
          FIX,
        ),
      ],
    };
  }
  const result = sidecarSchema.safeParse(data, { error: z.locales.fr().localeError });
  if (result.success) return { ok: true, sidecar: result.data };
  return {
    ok: false,
    problems: result.error.issues
      .slice(0, 20)
      .map((issue) =>
        cdaError(
          'SIDECAR_INVALID',
          jsonPath(issue.path),
          `Métadonnées du PDF, champ ${jsonPath(issue.path)} : ${issue.message.replace(/\.?$/, '.')}`,
          FIX,
        ),
      ),
  };
}
