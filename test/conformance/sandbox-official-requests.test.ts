// Every official request sample goes through the DMP test server's own reading code (MTOM or
// plain SOAP, envelope, WS-Addressing, operation dispatch) and the payload parser its handler
// uses. Each expected value is read from the sample file itself with a plain regular
// expression, so the test checks our parsing against the file, not against our own builders.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTd02Request } from '../../src/protocol/hl7v3/index.js';
import {
  parseListAuthorizationByPatientRequest,
  parsePatientListRequest,
  parseSetAuthorizationRequest,
} from '../../src/protocol/habilitations/index.js';
import { parseVihf } from '../../src/protocol/saml/index.js';
import {
  STORED_QUERIES,
  parseAdhocQueryRequest,
  parseProvideAndRegisterRequest,
  parseRetrieveDocumentSetRequest,
  parseUpdateDocumentSetRequest,
} from '../../src/protocol/xds/index.js';
import { readIncomingSoap, type IncomingSoap } from '../../src/sandbox/index.js';
import { REFERENCE_DIR } from '../support/paths.js';

const DIR = path.join(REFERENCE_DIR, 'dmp/messages');

function bytes(file: string): Buffer {
  return readFileSync(path.join(DIR, file));
}

/** The first capture of `re` in the file's text: the value a human reader sees in the file. */
function fromFile(file: string, re: RegExp): string {
  const m = re.exec(bytes(file).toString('latin1'));
  if (!m?.[1]) throw new Error(`${file}: ${String(re)} not found`);
  return m[1];
}

async function* once(b: Buffer): AsyncGenerator<Uint8Array> {
  yield b;
}

function read(file: string): Promise<IncomingSoap> {
  const raw = bytes(file);
  // td2.1 is a raw MTOM stream whose first line is the boundary (no HTTP headers in the file).
  const first = raw.subarray(0, raw.indexOf(0x0a)).toString('latin1').trimEnd();
  const contentType = first.startsWith('--')
    ? `multipart/related; type="application/xop+xml"; boundary="${first.slice(2)}"; start-info="application/soap+xml"`
    : 'application/soap+xml; charset=UTF-8';
  return readIncomingSoap(once(raw), contentType, undefined, { acceptSoap11: true });
}

const EXPECTED: Record<string, string> = {
  'td0.2-test-d-existence.request.xml': 'patientRegistryQuery',
  'td0.3-mise-a-jour-de-l-autorisation.request.xml': 'setAuthorization',
  'td0.4-liste-des-dmp-autorises.request.xml': 'patientList',
  'td0.5-recherche-d-un-patient-sans-ins.request.xml': 'patientDemographicsQuery',
  'td1.3a-consultation.request.xml': 'patientRegistryQuery',
  'td1.3b-modification.request.xml': 'patientRevise',
  'td1.4-fermer.request.xml': 'patientRevise',
  'td1.5a-creation-du-compte-internet-patient.request.xml': 'createPatientAccess',
  'td1.5b-ajout-d-un-canal-otp.request.xml': 'patientOTPUpdate',
  'td1.5d-maj-des-information-du-compte-internet.request.xml': 'updatePatientAccess',
  'td1.6-liste-des-ps-autorises-ou-bloques.request.xml': 'listAuthorizationByPatient',
  'td2.1-alimentation.request.xml': 'provideAndRegisterDocumentSet',
  'td3.1-recherche-de-document.request.xml': 'registryStoredQuery',
  'td3.2-consultation-d-un-document.request.xml': 'retrieveDocumentSet',
  'td3.3c-supprimer-un-document.request.xml': 'updateDocumentSet',
  'td3.3d-archiver-un-document.request.xml': 'updateDocumentSet',
};

describe('the sandbox reads every official request sample', () => {
  it.each(Object.entries(EXPECTED))('%s → %s', async (file, operation) => {
    const incoming = await read(file);
    expect(incoming.operation.name).toBe(operation);
    expect(incoming.envelope.headers.action).toBe(fromFile(file, /Action[^>]*>\s*([^<\s]+)\s*</));
    expect(incoming.envelope.headers.messageId).toBe(
      fromFile(file, /MessageID[^>]*>\s*([^<\s]+)\s*</),
    );
    // The VIHF of each sample: its NameID as written in the file.
    const vihf = parseVihf(incoming.envelope.securityXml ?? '');
    expect(vihf.subjectId).toBe(fromFile(file, /NameID[^>]*>\s*([^<\s]+)\s*</));
  });

  it('refuses the INSi sample, which is not a DMP transaction', async () => {
    // It has no wsa:To nor wsa:ReplyTo, which the DMP checks before the action.
    const file = 'ws-ins2-rechercherinsavectraitsidentite.request.xml';
    expect(bytes(file).toString('latin1')).not.toMatch(/ReplyTo/);
    await expect(read(file)).rejects.toMatchObject({ dmpCode: 'MessageAddressingHeaderRequired' });
  });
});

describe('the payload of each simulated transaction, as the handlers read it', () => {
  it('TD0.2 / TD1.3a: the INS and the reason code', async () => {
    for (const file of ['td0.2-test-d-existence.request.xml', 'td1.3a-consultation.request.xml']) {
      const q = parseTd02Request((await read(file)).envelope.bodyXml);
      expect(q.ins.matricule).toBe(fromFile(file, /patientIdentifier>[\s\S]*?extension="([^"]+)"/));
      expect(q.reasonCode).toBe(fromFile(file, /reasonCode code="([^"]+)"/));
    }
  });

  it('TD0.3: the action', async () => {
    const file = 'td0.3-mise-a-jour-de-l-autorisation.request.xml';
    const r = parseSetAuthorizationRequest((await read(file)).envelope.bodyXml);
    expect(r.action).toBe(fromFile(file, /<(?:\w+:)?action>([^<]+)</));
  });

  it('TD0.4: the date type and start date', async () => {
    const file = 'td0.4-liste-des-dmp-autorises.request.xml';
    const r = parsePatientListRequest((await read(file)).envelope.bodyXml);
    expect(r.dateType).toBe(fromFile(file, /<(?:\w+:)?dateType>([^<]+)</));
    expect(r.startDate).toBe(fromFile(file, /<(?:\w+:)?startDate>([^<]+)</));
  });

  it('TD1.6: the mode', async () => {
    const file = 'td1.6-liste-des-ps-autorises-ou-bloques.request.xml';
    const r = parseListAuthorizationByPatientRequest((await read(file)).envelope.bodyXml);
    expect(r.mode).toBe(fromFile(file, /<(?:\w+:)?mode>([^<]+)</));
  });

  it('TD2.1: the lot, its documents and its signature from the MTOM parts', async () => {
    const file = 'td2.1-alimentation.request.xml';
    const incoming = await read(file);
    const lot = parseProvideAndRegisterRequest(incoming.envelope.bodyXml);
    expect(lot.submissionSet.uniqueId).toBe(
      fromFile(
        file,
        /value="([^"]+)"[^>]*>\s*<Name>\s*<LocalizedString[^>]*value="XDSSubmissionSet\.uniqueId"/,
      ),
    );
    expect(lot.relations.signatureEntryId).toBeDefined();
    for (const doc of lot.documents) {
      expect(doc.contentId && incoming.attachment(doc.contentId)).toBeTruthy();
    }
  });

  it('TD3.1: the stored query and its patient', async () => {
    const file = 'td3.1-recherche-de-document.request.xml';
    const q = parseAdhocQueryRequest((await read(file)).envelope.bodyXml);
    expect(STORED_QUERIES[q.query.kind]).toBe(
      fromFile(file, /AdhocQuery[^>]*id="(urn:uuid:[^"]+)"/),
    );
    if (q.query.kind !== 'FindDocuments') throw new Error(q.query.kind);
    expect(q.query.patientId).toBe(
      fromFile(file, /\$XDSDocumentEntryPatientId"[\s\S]*?<(?:\w+:)?Value>'([^']+)'</).replace(
        /&amp;/g,
        '&',
      ),
    );
  });

  it('TD3.2: the repository and document uniqueIds', async () => {
    const file = 'td3.2-consultation-d-un-document.request.xml';
    const [ref] = parseRetrieveDocumentSetRequest((await read(file)).envelope.bodyXml);
    expect(ref?.documentUniqueId).toBe(fromFile(file, /DocumentUniqueId>([^<]+)</));
    expect(ref?.repositoryUniqueId).toBe(fromFile(file, /RepositoryUniqueId>([^<]+)</));
  });

  it('TD3.3c / TD3.3d: the status change and its target', async () => {
    for (const file of [
      'td3.3c-supprimer-un-document.request.xml',
      'td3.3d-archiver-un-document.request.xml',
    ]) {
      const u = parseUpdateDocumentSetRequest((await read(file)).envelope.bodyXml);
      const [s] = u.statusUpdates;
      expect(s?.targetEntryUuid).toBe(
        fromFile(
          file,
          /AssociationType:UpdateAvailabilityStatus"[^>]*?targetObject="([^"]+)"|targetObject="([^"]+)"[^>]*UpdateAvailabilityStatus/,
        ),
      );
      const newStatusUrn = fromFile(file, /NewStatus"[\s\S]*?<(?:\w+:)?Value>([^<]+)</);
      expect(newStatusUrn).toContain(s?.newStatus ?? 'none');
    }
  });
});
