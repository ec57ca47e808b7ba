// The consultation service's pure parts: TD0.2 → PatientStatus with its French messages, the
// access-mode checks made before any DMP call, the document summary (mine, imported, links),
// the patient reference, and the HTTP statuses of errors.
import { describe, expect, it } from 'vitest';
import {
  ConsultError,
  dmpAccessOf,
  documentQueryOf,
  documentSummaryOf,
  httpStatusOf,
  insOfRef,
  patientStatusOf,
  sessionErrorOf,
} from '../../../../src/app/consult/index.js';
import type { DmpExistence, VihfContext } from '../../../../src/app/dmp/index.js';
import { toDmpDocument } from '../../../../src/dmp/index.js';
import { keepCodes } from '../../../../src/app/consult/documentQuery.js';
import { CardError } from '../../../../src/card/errors/CardError.js';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import { oidOfInsKind } from '../../../../src/domain/ins/insOids.js';
import type { DocumentEntry } from '../../../../src/protocol/xds/index.js';

const existence = (over: Partial<DmpExistence> = {}): DmpExistence => ({
  exists: true,
  status: 'ACTIF',
  authorization: 'VALIDE',
  authorized: true,
  isMedecinTraitant: false,
  linkedToMonEspaceSante: true,
  internetAccountOpen: true,
  accessMode: 'normal',
  dmpCodes: [],
  ...over,
});

const context = (over: Partial<VihfContext> = {}): VihfContext => ({
  authenticationMode: 'DIRECTE',
  subjectId: '899900100001',
  structureId: '1759900012',
  activitySector: 'SA07^1.2.250.1.71.4.2.4',
  profession: { code: '10', codeSystem: '1.2.250.1.71.1.2.7' },
  specialty: { code: 'SM54', codeSystem: '1.2.250.1.71.4.2.5' },
  software: { instanceId: 'h', name: 'Navette', version: '0', homologationNumber: 'X' },
  ...over,
});

describe('patientStatusOf (TD0.2 for the screens)', () => {
  it('says each fact in French: open, authorised, médecin traitant, Mon Espace Santé', () => {
    const s = patientStatusOf(existence({ isMedecinTraitant: true }), 'normal');
    expect(s).toMatchObject({ dmp: 'ACTIF', authorization: 'VALIDE', authorized: true });
    expect(s.messages).toEqual([
      'Le patient a un DMP ouvert.',
      'Vous êtes autorisé à consulter ce DMP.',
      'Vous êtes son médecin traitant.',
      'Ce DMP est rattaché à Mon Espace Santé : le patient le consulte en ligne.',
    ]);
  });

  it.each([
    ['INTERDIT', 'interdit'],
    ['EXPIRE', 'expiré'],
    ['NON_EXISTE', 'pas encore autorisé'],
  ] as const)('authorisation %s is explained', (authorization, words) => {
    const s = patientStatusOf(
      existence({ authorization, authorized: false, linkedToMonEspaceSante: false }),
      'normal',
    );
    expect(s.authorization).toBe(authorization);
    expect(s.messages[1]).toContain(words);
  });

  it('a closed or missing DMP, an unknown code, and the bris de glace banner', () => {
    expect(patientStatusOf(existence({ status: 'FERME' }), 'normal').messages[0]).toContain(
      'fermé',
    );
    const none = patientStatusOf(
      existence({ exists: false, status: 'INEXISTANT', authorization: null }),
      'normal',
    );
    expect(none.messages).toEqual(["Ce patient n'a pas de DMP."]);
    expect(none.authorization).toBeNull();
    expect(patientStatusOf(existence({ authorization: 'BIZARRE' }), 'normal').authorization).toBe(
      'AUTRE',
    );
    expect(patientStatusOf(existence(), 'bris-de-glace').messages.at(-1)).toContain(
      'bris de glace',
    );
  });
});

describe('dmpAccessOf: the access mode, checked before any call', () => {
  it('maps normal and centre 15', () => {
    expect(dmpAccessOf({ mode: 'normal' }, context())).toEqual({ mode: 'normal' });
    expect(dmpAccessOf({ mode: 'centre-15' }, context())).toEqual({ mode: 'centre_15' });
  });

  it('bris de glace: a médecin with their own card, with a reason', () => {
    expect(dmpAccessOf({ mode: 'bris-de-glace', reason: ' Coma ' }, context())).toEqual({
      mode: 'bris_de_glace',
      reason: 'Coma',
    });
  });

  it('bris de glace without a reason, by a nurse, or in indirect mode: French refusals', () => {
    expect(() => dmpAccessOf({ mode: 'bris-de-glace', reason: '  ' }, context())).toThrow(
      expect.objectContaining({ code: 'CONSULT_REASON_REQUIRED' }),
    );
    expect(() =>
      dmpAccessOf(
        { mode: 'bris-de-glace', reason: 'Urgence' },
        context({ profession: { code: '60', codeSystem: '1.2.250.1.71.1.2.7' } }),
      ),
    ).toThrow(expect.objectContaining({ code: 'CONSULT_ACCESS_MODE_REFUSED' }));
    expect(() =>
      dmpAccessOf(
        { mode: 'bris-de-glace', reason: 'Urgence' },
        context({ authenticationMode: 'INDIRECTE' }),
      ),
    ).toThrow(/réservé aux médecins/);
  });
});

describe('documentSummaryOf', () => {
  const entry = {
    entryUuid: 'urn:uuid:11111111-1111-4111-8111-111111111111',
    uniqueId: '1.2.3.4',
    patientId: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH',
    mimeType: 'text/xml',
    title: 'Compte rendu',
    creationTime: '20260504081500',
    status: 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved',
    classCode: { code: '11', codingScheme: '1.2.250.1.213.1.1.4.1', displayName: 'Compte rendu' },
    typeCode: { code: '11488-4', codingScheme: '2.16.840.1.113883.6.1' },
    formatCode: { code: 'urn:ihe:iti:xds-sd:pdf:2008', codingScheme: '1.3.6.1.4.1.19376.1.2.3' },
    confidentialityCodes: [{ code: 'MASQUE_PS', codingScheme: '1.2.250.1.213.1.1.4.13' }],
    authors: [{ person: '899900100001^MARTIN^CLAIRE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS' }],
    size: 42,
  } as unknown as DocumentEntry;

  it('filters by creation date upper bound and by visibility flags', () => {
    const masked = toDmpDocument(entry);
    const plain = toDmpDocument({
      ...entry,
      uniqueId: '1.2.3.5',
      creationTime: '20260601100000',
      confidentialityCodes: [],
    } as unknown as DocumentEntry);
    const base = { patient: { ins: '207058575627097' }, access: { mode: 'normal' as const } };
    const ids = (request: Parameters<typeof keepCodes>[1]) =>
      keepCodes([masked, plain], request).map((d) => d.uniqueId);
    expect(ids({ ...base, allStatuses: false })).toEqual(['1.2.3.4', '1.2.3.5']);
    expect(ids({ ...base, allStatuses: false, until: '2026-05-05' })).toEqual(['1.2.3.4']);
    expect(
      ids({ ...base, allStatuses: false, visibility: { hiddenFromProfessionals: true } }),
    ).toEqual(['1.2.3.4']);
    expect(
      ids({ ...base, allStatuses: false, visibility: { hiddenFromProfessionals: false } }),
    ).toEqual(['1.2.3.5']);
  });

  it('marks the caller’s own documents, the imported ones, and keeps the alerts', () => {
    const doc = toDmpDocument(entry);
    const mine = documentSummaryOf(doc, {
      callerId: doc.author?.id ?? 'none',
      isImported: (id) => id === '1.2.3.4',
    });
    expect(mine).toMatchObject({
      uniqueId: '1.2.3.4',
      title: 'Compte rendu',
      status: 'approved',
      mine: true,
      imported: true,
      size: 42,
      typeCode: { code: '11488-4', codeSystem: '2.16.840.1.113883.6.1', displayName: null },
    });
    expect(mine.alerts.map((a) => a.code)).toContain('MASQUE_PS');
    const other = documentSummaryOf(doc, { callerId: '810000000000', isImported: () => false });
    expect(other).toMatchObject({ mine: false, imported: false });
  });
});

describe('insOfRef', () => {
  it('takes a bare matricule with spaces, an explicit OID, or the CX form', () => {
    const test = oidOfInsKind('NIR_TEST');
    expect(insOfRef({ ins: '2 07 05 85 756 270 97' }, test).matricule).toBe('207058575627097');
    expect(insOfRef({ ins: '207058575627097', oid: oidOfInsKind('NIR') }, test).kind).toBe('NIR');
    expect(insOfRef({ ins: '207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH' }, 'x').kind).toBe(
      'NIR_TEST',
    );
  });

  it('refuses an unreadable INS in French', () => {
    expect(() => insOfRef({ ins: '12345' }, oidOfInsKind('NIR'))).toThrow(
      expect.objectContaining({ code: 'CONSULT_INS_INVALID' }),
    );
  });
});

describe('HTTP statuses and card errors', () => {
  it('maps consultation, DMP and setup errors; never 401', () => {
    expect(httpStatusOf(new ConsultError('CONSULT_REASON_REQUIRED', 'x'))).toBe(400);
    expect(httpStatusOf(new ConsultError('CARD_ABSENT', 'x'))).toBe(503);
    expect(httpStatusOf(new ConsultError('PIN_REQUIRED', 'x'))).toBe(503);
    expect(httpStatusOf(new NavetteError('DMP_ACCESS_DENIED', 'x'))).toBe(403);
    expect(httpStatusOf(new NavetteError('DMP_DOCUMENT_ACTION_IMPOSSIBLE', 'x'))).toBe(409);
    expect(httpStatusOf(new NavetteError('DMP_SERVER_FAULT', 'x'))).toBe(502);
    expect(httpStatusOf(new NavetteError('DMP_SETUP_TRUST_ANCHORS_MISSING', 'x'))).toBe(503);
  });

  it('turns card errors into CARD_ABSENT / PIN_REQUIRED, and leaves others alone', () => {
    expect(sessionErrorOf(new CardError('CARD_REMOVED', 'retirée'))).toMatchObject({
      code: 'CARD_ABSENT',
    });
    expect(sessionErrorOf(new CardError('CARD_PIN_REQUIRED', 'pin'))).toMatchObject({
      code: 'PIN_REQUIRED',
    });
    const other = new NavetteError('DMP_SERVER_FAULT', 'x');
    expect(sessionErrorOf(other)).toBe(other);
  });
});

describe('documentQueryOf: what a documents() call asks, in French', () => {
  const now = new Date('2026-06-01T10:00:00Z');
  const base = {
    patient: { ins: '207058575627097' },
    access: { mode: 'normal' as const },
    allStatuses: false,
  };

  it('the first look, a date, all statuses', () => {
    expect(documentQueryOf(base, undefined, now)).toMatchObject({
      scope: 'documents approuvés des deux dernières années',
      since: 'first-look',
    });
    expect(
      documentQueryOf({ ...base, since: '2026-01-15', allStatuses: true }, undefined, now).scope,
    ).toBe('documents (approuvés, archivés et remplacés) créés depuis le 15/01/2026');
  });

  it('since the last visit: the cursor, or the first look when there is none', () => {
    expect(documentQueryOf({ ...base, since: 'last-visit' }, undefined, now).scope).toBe(
      'documents approuvés des deux dernières années (première consultation de ce patient)',
    );
    expect(
      documentQueryOf(
        { ...base, since: 'last-visit' },
        { cursor: '20260520080000', at: '2026-05-20T08:05:00.000Z' },
        now,
      ).scope,
    ).toBe('documents déposés depuis votre dernière consultation (20/05/2026)');
  });
});
