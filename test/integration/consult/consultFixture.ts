// Consultation tests: documents fed to the DMP test server by a professional's session — the
// level-1 CDA of Professionals.feed, or the same document turned into a level-3 CDA without a PDF
// copy (a structured body with one narrative section), which the viewer must render with the ANS
// stylesheet. Plus the consultation service over a session, with its own database.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConsultService } from '../../../src/app/consult/index.js';
import type { DmpSession } from '../../../src/app/dmp/index.js';
import { XsltprocRenderer } from '../../../src/app/display/XsltprocRenderer.js';
import { signLot, submissionSetFor } from '../../../src/dmp/index.js';
import { oidOfInsKind } from '../../../src/domain/ins/insOids.js';
import {
  buildLevel1Cda,
  cdaToDocumentEntry,
  parseSidecar,
  readCda,
} from '../../../src/protocol/cda/index.js';
import { openDatabase, type Database } from '../../../src/store/index.js';
import { makeTempDir } from '../../support/tempDir.js';
import { TINY_PDF, bundledValueSets } from '../../unit/protocol/cda/cdaTestSupport.js';
import type { SandboxManifest } from '../../../src/app/sandbox.js';

export const LEVEL3_SECTION_TEXT = 'Tension artérielle 12/8, examen normal.';

const TRAITS: Readonly<Record<string, Record<string, string>>> = {
  '207058575627097': {
    birthFamily: 'PATB-QUATRE',
    birthGivens: 'LAURENCE',
    birthDate: '2007-05-14',
    sex: 'F',
    birthPlaceCode: '85191',
  },
  '279035121518989': {
    birthFamily: 'PAT-TROIS',
    birthGivens: 'DOMINIQUE',
    birthDate: '1979-03-21',
    sex: 'F',
    birthPlaceCode: '51215',
  },
};

/** A level-1 CDA (or its level-3 twin) authored by the card holder, sent with TD2.1. */
export async function feedDocument(
  manifest: SandboxManifest,
  author: { readonly key: string; readonly session: DmpSession },
  options: { readonly ins: string; readonly title: string; readonly level3?: boolean },
): Promise<{ uniqueId: string; bytes: Uint8Array }> {
  const traits = TRAITS[options.ins];
  if (traits === undefined) throw new Error(`no traits for ${options.ins}`);
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 1,
      patient: { ins: options.ins, insOid: '1.2.250.1.213.1.4.10', ...traits },
      document: { typeCode: '11488-4', title: options.title, date: '2026-05-04T10:15:00+02:00' },
    }),
  );
  if (!sidecar.ok) throw new Error(sidecar.problems.map((p) => p.message).join('; '));
  const card = manifest.cards.find((c) => c.key === author.key);
  if (card === undefined) throw new Error(`no card ${author.key}`);
  const holder = card.holder;
  const built = buildLevel1Cda({
    pdf: TINY_PDF,
    sidecar: sidecar.sidecar,
    cardHolder: {
      idNatPs: holder.id,
      family: holder.family,
      given: holder.given,
      specialty: { code: `G15_${holder.profession ?? '10'}/${holder.specialty ?? 'SM54'}` },
    },
    organization: {
      idNatStruct: manifest.structure.id,
      name: manifest.structure.name,
      practiceSetting: 'AMBULATOIRE',
      facilityType: 'SA07',
    },
    valueSets: bundledValueSets(),
  });
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('; '));
  // Level 3: a structured body, and a CI-SIS templateId that has a formatCode row (9: IDAP).
  const xml =
    options.level3 === true
      ? built.xml
          .replace('<templateId ', '<templateId root="1.2.250.1.213.1.1.1.9"/><templateId ')
          .replace(
            /<nonXMLBody[\s\S]*<\/nonXMLBody>/,
            `<structuredBody><component><section><code code="29545-1" codeSystem="2.16.840.1.113883.6.1" displayName="Examen physique"/><title>Examen clinique</title><text>${LEVEL3_SECTION_TEXT}</text></section></component></structuredBody>`,
          )
      : built.xml;
  const bytes = new TextEncoder().encode(xml);
  const read = readCda(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const mapped = cdaToDocumentEntry(read.document, {
    bytes,
    visibility: {
      hiddenFromProfessionals: false,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: false,
    },
  });
  if (mapped.entry === undefined) throw new Error(`entry: ${mapped.missing.join(', ')}`);
  const lot = await signLot({
    submissionSet: submissionSetFor(mapped.entry, { submissionTime: new Date() }),
    documents: [{ entry: mapped.entry, content: bytes }],
    signer: author.session.signer,
  });
  await author.session.client.submitDocuments(lot);
  return { uniqueId: built.uniqueId, bytes };
}

/** The consultation service over an open session, with a database of its own. */
export function consultServiceFor(
  session: DmpSession,
  db: Database = openDatabase(path.join(makeTempDir('navette-consult-'), 'navette.db')),
  patientKey: Uint8Array = randomBytes(32),
): { service: ConsultService; db: Database } {
  return {
    service: new ConsultService({
      session: () => Promise.resolve(session),
      db,
      patientKey,
      renderer: new XsltprocRenderer(),
      defaultInsOid: oidOfInsKind('NIR_TEST'),
    }),
    db,
  };
}
