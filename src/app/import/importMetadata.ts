// The metadata JSON written beside an imported document (`import.writeMetadata`) for the
// practice's software: what the DMP says of the document, and who the patient is. It carries the
// patient's INS and traits on purpose — the file is for the software that files the document in
// the patient's chart, on the same computer, like the document itself (which names the patient
// too). It has no time of import, so a rerun writes the same bytes (see importFiles.ts).
import type { DmpDocument } from '../../dmp/index.js';
import type { Ins } from '../../domain/ins/ins.js';

export const IMPORT_METADATA_VERSION = 1;

export interface ImportMetadata {
  readonly navetteImport: typeof IMPORT_METADATA_VERSION;
  readonly fileName: string;
  readonly uniqueId: string;
  readonly entryUUID: string;
  readonly title: string | null;
  readonly type: CodeJson;
  readonly class: CodeJson;
  /** HL7 `YYYYMMDDHHMMSS`, UTC, as the DMP gave it. */
  readonly creationTime: string | null;
  readonly serviceStartTime: string | null;
  readonly serviceStopTime: string | null;
  readonly author: {
    readonly id: string | null;
    readonly name: string | null;
    readonly specialty: string | null;
    readonly institution: string | null;
  } | null;
  readonly mimeType: string;
  readonly size: number;
  readonly sha256: string;
  readonly patient: {
    readonly ins: string;
    readonly insOid: string;
    /** From the document's sourcePatientInfo, when the DMP sent it. */
    readonly traits: PatientTraits;
  };
}

interface CodeJson {
  readonly code: string;
  readonly codeSystem: string;
  readonly displayName: string | null;
}

export interface PatientTraits {
  readonly family?: string;
  readonly given?: string;
  /** YYYY-MM-DD */
  readonly birthDate?: string;
  readonly sex?: string;
}

function code(c: DmpDocument['typeCode']): CodeJson {
  return { code: c.code, codeSystem: c.codingScheme, displayName: c.displayName ?? null };
}

/** PID-5 (family^given), PID-7 (birth date) and PID-8 (sex) of XDS sourcePatientInfo. */
export function traitsOf(sourcePatientInfo: readonly string[] | undefined): PatientTraits {
  const traits: { -readonly [K in keyof PatientTraits]: PatientTraits[K] } = {};
  for (const line of sourcePatientInfo ?? []) {
    const [field, value = ''] = line.split(/\|(.*)/s);
    if (field === 'PID-5' && traits.family === undefined) {
      const [family, given] = value.split('^');
      if (family !== undefined && family !== '') traits.family = family;
      if (given !== undefined && given !== '') traits.given = given;
    } else if (field === 'PID-7') {
      const m = /^(\d{4})(\d{2})(\d{2})/.exec(value);
      if (m !== null) traits.birthDate = `${m[1]}-${m[2]}-${m[3]}`;
    } else if (field === 'PID-8' && value !== '') {
      traits.sex = value;
    }
  }
  return traits;
}

export function importMetadataOf(
  document: DmpDocument,
  patient: Ins,
  file: {
    readonly fileName: string;
    readonly mimeType: string;
    readonly bytes: Uint8Array;
    readonly sha256: string;
  },
): ImportMetadata {
  const a = document.author;
  return {
    navetteImport: IMPORT_METADATA_VERSION,
    fileName: file.fileName,
    uniqueId: document.uniqueId,
    entryUUID: document.entryUuid,
    title: document.title ?? null,
    type: code(document.typeCode),
    class: code(document.classCode),
    creationTime: document.creationTime ?? null,
    serviceStartTime: document.serviceStartTime ?? null,
    serviceStopTime: document.serviceStopTime ?? null,
    author:
      a === undefined
        ? null
        : {
            id: a.id ?? null,
            name: a.name ?? null,
            specialty: a.specialty?.label ?? a.specialty?.code ?? null,
            institution: a.institution ?? null,
          },
    mimeType: file.mimeType,
    size: file.bytes.byteLength,
    sha256: file.sha256,
    patient: {
      ins: patient.matricule,
      insOid: patient.oid,
      traits: traitsOf(document.entry.sourcePatientInfo),
    },
  };
}

/** The metadata file's bytes: pretty JSON, UTF-8, final newline. */
export function importMetadataBytes(metadata: ImportMetadata): Uint8Array {
  return Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`, 'utf8');
}
