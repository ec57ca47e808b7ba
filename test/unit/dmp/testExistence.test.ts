// TD0.2 through DmpClient: the request the DMP gets, and each answer the DMP gives (built with the
// protocol's response builder, the sandbox's own) read into the typed result.
import { describe, expect, it } from 'vitest';
import { DmpClient } from '../../../src/dmp/index.js';
import { createIns } from '../../../src/domain/ins/ins.js';
import {
  buildTd02Response,
  parseTd02Request,
  type Td02Outcome,
} from '../../../src/protocol/hl7v3/index.js';
import { buildSoapResponseEnvelope } from '../../../src/protocol/soap/index.js';
import { ENDPOINT, GP_CONTEXT, PATIENT_A, PATIENT_B, testSigner } from './dmpTestContext.js';
import { ScriptedTransport, type SeenRequest } from './scriptedTransport.js';

const FOUND_PATIENT = {
  ins: PATIENT_A,
  given: ['CLAIRE'],
  family: 'TEST',
  internetAccountOpen: true,
  linkedToMonEspaceSante: true,
};

function answering(
  outcome: Td02Outcome,
  tamper: (xml: string) => string = (x) => x,
): (req: SeenRequest) => { body: string } {
  return (req) => {
    const query = parseTd02Request(req.envelope.bodyXml);
    const bodyXml = buildTd02Response({
      messageId: 'reponse-1',
      creationTime: new Date('2026-05-06T08:00:00Z'),
      request: { messageId: query.messageId, queryId: query.queryId, reasonCode: query.reasonCode },
      requester: query.sender ?? { oid: '0', softwareName: '?' },
      outcome,
    });
    return {
      body: buildSoapResponseEnvelope({
        action: 'urn:hl7-org:v3:PRPA_IN201308UV02',
        ...(req.envelope.headers.messageId === undefined
          ? {}
          : { relatesTo: req.envelope.headers.messageId }),
        bodyXml: tamper(bodyXml),
      }).xml,
    };
  };
}

function client(transport: ScriptedTransport): DmpClient {
  return new DmpClient({
    transport,
    endpoint: ENDPOINT,
    signer: testSigner(),
    context: GP_CONTEXT,
    now: () => new Date('2026-05-06T08:00:00Z'),
  });
}

describe('DmpClient.testExistence (TD0.2)', () => {
  it('sends PRPA_IN201307UV02 TEST_EXST for the INS and reads an authorised médecin traitant', async () => {
    const transport = new ScriptedTransport(
      answering({
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: true,
        patient: FOUND_PATIENT,
      }),
    );
    const result = await client(transport).testExistence(PATIENT_A);
    const query = parseTd02Request(transport.seen[0]?.envelope.bodyXml ?? '');
    expect(query.reasonCode).toBe('TEST_EXST');
    expect(query.ins).toEqual(PATIENT_A);
    expect(query.sender).toEqual({ oid: '1.3.6.1.4.1.48364', softwareName: 'Navette' });
    expect(result).toEqual({
      exists: true,
      status: 'ACTIF',
      authorization: 'VALIDE',
      authorized: true,
      isMedecinTraitant: true,
      linkedToMonEspaceSante: true,
      internetAccountOpen: true,
      accessMode: 'normal',
      dmpCodes: [],
    });
  });

  it('reads a DMP without authorisation, a closed DMP and no DMP at all', async () => {
    const transport = new ScriptedTransport(
      answering({
        kind: 'found',
        authorization: 'NON_EXISTE',
        isMedecinTraitant: false,
        patient: FOUND_PATIENT,
      }),
    );
    const dmp = client(transport);
    expect(await dmp.testExistence(PATIENT_A)).toMatchObject({
      exists: true,
      authorization: 'NON_EXISTE',
      authorized: false,
      isMedecinTraitant: false,
    });
    transport.answerWith(
      answering({
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: false,
        patient: { ...FOUND_PATIENT, statusCode: 'terminated' },
      }),
    );
    expect(await dmp.testExistence(PATIENT_A)).toMatchObject({ exists: true, status: 'FERME' });
    transport.answerWith(answering({ kind: 'not-found' }));
    expect(await dmp.testExistence(PATIENT_A)).toMatchObject({
      exists: false,
      status: 'INEXISTANT',
      authorization: null,
      isMedecinTraitant: null,
    });
    // Three calls for one patient in normal mode: one VIHF signature.
    expect(dmp.vihfStats()).toEqual({ signatures: 1, reused: 2 });
  });

  it('reads DMPClosed as a closed DMP and rejects other application errors', async () => {
    const transport = new ScriptedTransport(
      answering({ kind: 'error', code: 'DMPClosed', text: 'Le DMP est fermé' }),
    );
    const dmp = client(transport);
    expect(await dmp.testExistence(PATIENT_A)).toMatchObject({
      status: 'FERME',
      dmpCodes: ['DMPClosed'],
    });
    transport.answerWith(
      answering({ kind: 'error', code: 'DMPPatientBusy', text: 'Dossier verrouillé' }),
    );
    await expect(dmp.testExistence(PATIENT_A)).rejects.toMatchObject({
      name: 'DmpRejectionError',
      code: 'DMP_REQUEST_REJECTED',
      dmpCodes: ['DMPPatientBusy'],
      message: expect.stringContaining('« Dossier verrouillé »'),
    });
  });

  it('never uses an answer about another patient or another query', async () => {
    const transport = new ScriptedTransport(
      answering({
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: true,
        patient: { ...FOUND_PATIENT, ins: PATIENT_B },
      }),
    );
    const dmp = client(transport);
    await expect(dmp.testExistence(PATIENT_A)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_MISMATCH',
      message: expect.stringContaining('autre identifiant patient'),
    });
    // Same matricule under the real NIR root: another identity for the DMP.
    const realNir = createIns(PATIENT_A.matricule, '1.2.250.1.213.1.4.8');
    transport.answerWith(
      answering({
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: true,
        patient: FOUND_PATIENT,
      }),
    );
    await expect(dmp.testExistence(realNir)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_MISMATCH',
    });
    transport.answerWith(
      answering(
        { kind: 'found', authorization: 'VALIDE', isMedecinTraitant: true, patient: FOUND_PATIENT },
        (xml) => xml.replace(/(<queryId[^>]*extension=")[^"]+"/, '$1autre-requete"'),
      ),
    );
    await expect(dmp.testExistence(PATIENT_A)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_MISMATCH',
    });
  });

  it('reports an unreadable payload as DMP_RESPONSE_INVALID', async () => {
    const transport = new ScriptedTransport((req) => ({
      body: buildSoapResponseEnvelope({
        action: 'a',
        ...(req.envelope.headers.messageId === undefined
          ? {}
          : { relatesTo: req.envelope.headers.messageId }),
        bodyXml: '<autre xmlns="urn:hl7-org:v3"/>',
      }).xml,
    }));
    await expect(client(transport).testExistence(PATIENT_A)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_INVALID',
      details: { transaction: 'TD0.2' },
    });
  });

  it('passes the access mode into the VIHF', async () => {
    const transport = new ScriptedTransport(
      answering({
        kind: 'found',
        authorization: 'VALIDE',
        isMedecinTraitant: false,
        patient: FOUND_PATIENT,
      }),
    );
    const result = await client(transport).testExistence(PATIENT_A, {
      mode: 'bris_de_glace',
      reason: 'Coma',
    });
    expect(result.accessMode).toBe('bris_de_glace');
    expect(transport.seen[0]?.body.toString('utf8')).toContain('bris_de_glace');
  });
});
