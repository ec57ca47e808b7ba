// Consultation tests against the DMP test server with several professionals at once: each test
// card of the sandbox speaks through its file-backed virtual card (demo mode: the card's
// SIGNATURE key signs the VIHF, its AUTHENTICATION key does mutual TLS — one identity per
// session, so a GP, a cardiologist, a nurse and a CPE secretary can share one test process),
// plus the structure's certificate for the indirect mode. Documents are fed by the card holder
// they are authored by: a level-1 CDA around a small PDF, its metadata, the XAdES lot, TD2.1.
import { openDmpSession, type DmpSession } from '../../../src/app/dmp/index.js';
import type { NavetteConfig } from '../../../src/app/config/index.js';
import { signLot, submissionSetFor } from '../../../src/dmp/index.js';
import type { DocumentVisibility } from '../../../src/domain/documents/visibility.js';
import { insOfKind, type Ins } from '../../../src/domain/ins/ins.js';
import {
  buildLevel1Cda,
  cdaToDocumentEntry,
  parseSidecar,
  readCda,
} from '../../../src/protocol/cda/index.js';
import { TINY_PDF, bundledValueSets } from '../../unit/protocol/cda/cdaTestSupport.js';
import type { SandboxManifest } from '../../../src/app/sandbox.js';
import type { TestSandbox } from './sandboxFixture.js';

export type CardKey = 'gp' | 'cardiologist' | 'nurse' | 'secretary';

/** The seeded patient who opposed bris de glace and centre 15. */
export const PATIENT_OPPOSED = '188102B17295165';

/** Traits coherent with each seeded NIR (sex, year and month of birth, place of birth). */
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

export const testIns = (matricule: string): Ins => insOfKind(matricule, 'NIR_TEST');

export class Professionals {
  private readonly sessions: DmpSession[] = [];
  private readonly config: NavetteConfig;

  constructor(private readonly sandbox: TestSandbox) {
    this.config = sandbox.configOf(sandbox.writeConfig('indirect'));
  }

  card(key: CardKey) {
    const card = this.sandbox.manifest.cards.find((c) => c.key === key);
    if (card === undefined) throw new Error(`no test card ${key}`);
    return card;
  }

  /** A session speaking for the card holder (direct authentication, virtual card). */
  async open(key: CardKey): Promise<DmpSession> {
    const session = await openDmpSession({
      config: this.config,
      env: {},
      demoCard: { p12: this.card(key).p12, password: this.sandbox.manifest.structure.password },
    });
    this.sessions.push(session);
    return session;
  }

  /** A session speaking for the structure (indirect authentication, ORG certificates). */
  async structure(): Promise<DmpSession> {
    const session = await openDmpSession({
      config: this.config,
      env: { NAVETTE_STRUCTURE_P12_PASSWORD: this.sandbox.manifest.structure.password },
    });
    this.sessions.push(session);
    return session;
  }

  async close(): Promise<void> {
    await Promise.all(this.sessions.map((s) => s.close()));
  }

  /** Feeds a level-1 CDA authored by the card holder; returns its ids and bytes. */
  feed(
    author: { readonly key: CardKey; readonly session: DmpSession },
    options: FeedOptions,
  ): Promise<FedDocument> {
    return feedDocumentAs(this.sandbox.manifest, author, options);
  }
}

/** The text of the level-3 twin's one narrative section (what the viewer must show). */
export const LEVEL3_SECTION_TEXT = 'Tension artérielle 12/8, examen normal.';

export interface FeedOptions {
  readonly ins: string;
  readonly title: string;
  readonly visibility?: Partial<DocumentVisibility>;
  readonly replaces?: {
    readonly uniqueId: string;
    readonly setId: string;
    readonly entryUuid: string;
  };
  /** The same document as a level-3 CDA without a PDF copy (rendered with the ANS stylesheet). */
  readonly level3?: boolean;
}

export interface FedDocument {
  readonly uniqueId: string;
  readonly entryUuid: string;
  readonly setId: string;
  readonly bytes: Uint8Array;
}

/** Feeds a CDA authored by the card `author.key` of `manifest` through TD2.1 with its lot signed. */
export async function feedDocumentAs(
  manifest: SandboxManifest,
  author: { readonly key: string; readonly session: DmpSession },
  options: FeedOptions,
): Promise<FedDocument> {
  const traits = TRAITS[options.ins];
  if (traits === undefined) throw new Error(`no traits for ${options.ins}`);
  const sidecar = parseSidecar(
    JSON.stringify({
      version: 1,
      patient: { ins: options.ins, insOid: '1.2.250.1.213.1.4.10', ...traits },
      document: {
        typeCode: '11488-4',
        title: options.title,
        date: '2026-05-04T10:15:00+02:00',
      },
      ...(options.replaces === undefined
        ? {}
        : {
            replaces: {
              id: options.replaces.uniqueId,
              setId: options.replaces.setId,
              version: 1,
            },
          }),
    }),
  );
  if (!sidecar.ok) throw new Error(sidecar.problems.map((p) => p.message).join('; '));
  const card = manifest.cards.find((c) => c.key === author.key);
  if (card === undefined) throw new Error(`no test card ${author.key}`);
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
  const bytes =
    options.level3 === true
      ? new TextEncoder().encode(
          built.xml
            .replace('<templateId ', '<templateId root="1.2.250.1.213.1.1.1.9"/><templateId ')
            .replace(
              /<nonXMLBody[\s\S]*<\/nonXMLBody>/,
              `<structuredBody><component><section><code code="29545-1" codeSystem="2.16.840.1.113883.6.1" displayName="Examen physique"/><title>Examen clinique</title><text>${LEVEL3_SECTION_TEXT}</text></section></component></structuredBody>`,
            ),
        )
      : built.bytes;
  const read = readCda(bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const mapped = cdaToDocumentEntry(read.document, {
    bytes,
    visibility: {
      hiddenFromProfessionals: false,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: false,
      ...options.visibility,
    },
  });
  if (mapped.entry === undefined) throw new Error(`entry: ${mapped.missing.join(', ')}`);
  const lot = await signLot({
    submissionSet: submissionSetFor(mapped.entry, { submissionTime: new Date() }),
    documents: [
      {
        entry: mapped.entry,
        content: bytes,
        ...(options.replaces === undefined ? {} : { replaces: options.replaces.entryUuid }),
      },
    ],
    signer: author.session.signer,
  });
  const sent = await author.session.client.submitDocuments(lot);
  const entry = sent.entries.find((e) => !e.isSignature);
  const setId = /<setId root="([^"]+)"/.exec(built.xml)?.[1];
  if (entry === undefined || setId === undefined) throw new Error('lot without document');
  return { uniqueId: built.uniqueId, entryUuid: entry.entryUuid, setId, bytes };
}
