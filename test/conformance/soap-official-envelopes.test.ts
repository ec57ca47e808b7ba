// Every official sample envelope (reference/dmp/messages/*.request.xml, *.response.xml) is read
// by the envelope reader, with its WS-Addressing values, and our operations table agrees with
// the actions the samples carry.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMtom } from '../../src/protocol/mtom/index.js';
import {
  DMP_OPERATIONS,
  WSA_ANONYMOUS,
  WSA_NS,
  buildDmpRequestEnvelope,
  buildSoapFaultEnvelope,
  dmpOperationByAction,
  readSoapEnvelope,
} from '../../src/protocol/soap/index.js';
import { REFERENCE_DIR } from '../support/paths.js';

const DIR = path.join(REFERENCE_DIR, 'dmp', 'messages');

type Row = readonly [
  version: '1.1' | '1.2',
  action: string | null,
  messageId: string | null,
  relatesTo: string | null,
  payload: string,
];

// Values read from the files by hand (grep), not from our reader.
const EXPECTED: Readonly<Record<string, Row>> = {
  'td0.2-test-d-existence.request.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201307UV02',
    'urn:uuid:f2c3f93b-06e2-4333-b80d-4d0505c332aa',
    null,
    'PRPA_IN201307UV02',
  ],
  'td0.2-test-d-existence.response.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201308UV02',
    'urn:uuid:52c2786e-cb61-48cc-a621-24113888b3e6',
    'urn:uuid:0b6f4648-f2e9-4a06-94fd-c563a807212f',
    'PRPA_IN201308UV02',
  ],
  'td0.3-mise-a-jour-de-l-autorisation.request.xml': [
    '1.2',
    'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization',
    'urn:uuid:a1440619-0a31-4e46-b085-978ad48342cd',
    null,
    'setAuthorization',
  ],
  'td0.3-mise-a-jour-de-l-autorisation.response.xml': [
    '1.2',
    'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse',
    'urn:uuid:ddb64022-2e36-4159-bded-6b50526946f8',
    'urn:uuid:008dde1e-2bbb-4580-b055-29a137784a17',
    'setAuthorizationResponse',
  ],
  'td0.4-liste-des-dmp-autorises.request.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:patientList',
    'urn:uuid:332adc8f-da89-47c1-8e2f-17dcc7917f08',
    null,
    'patientList',
  ],
  'td0.4-liste-des-dmp-autorises.response.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:patientListResponse',
    'urn:uuid:880543c5-344b-40be-8061-0095ef815b8d',
    'urn:uuid:72aaca86-4422-40ca-8e63-3b1e894a5bf6',
    'patientListResponse',
  ],
  'td0.5-recherche-d-un-patient-sans-ins.request.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201305UV02',
    'urn:uuid:0bf3c694-f444-4c9e-bdd4-6b72106a691f',
    null,
    'PRPA_IN201305UV02',
  ],
  'td0.5-recherche-d-un-patient-sans-ins.response.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201306UV02',
    'urn:uuid:44fdd837-e387-4f3c-83a7-5fd8685a031b',
    'urn:uuid:0bf3c694-f444-4c9e-bdd4-6b72106a691f',
    'PRPA_IN201306UV02',
  ],
  'td1.3a-consultation.request.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201307UV02',
    'urn:uuid:25f76b8f-2eed-4a72-b66f-b940a4101dda',
    null,
    'PRPA_IN201307UV02',
  ],
  'td1.3a-consultation.response.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201308UV02',
    'urn:uuid:de08bf41-0df2-4e8f-ba3c-e4ce69d842ac',
    'urn:uuid:96206ddb-e088-4e38-b764-df9339f407f1',
    'PRPA_IN201308UV02',
  ],
  'td1.3b-modification.request.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201314UV02',
    'urn:uuid:798d8243-b4e3-4890-a9d5-30fa13926e95',
    null,
    'PRPA_IN201314UV02',
  ],
  'td1.3b-modification.response.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201314ResponseUV02',
    'urn:uuid:3d0c6053-928f-42c0-9358-b339c65c0be3',
    'urn:uuid:42030fae-755d-4be6-82a5-e3ef56dd5874',
    'PRPA_IN201314UV02_Response',
  ],
  'td1.4-fermer.request.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201314UV02',
    'urn:uuid:b0a5dd26-3230-4d4f-acfa-d338118185ee',
    null,
    'PRPA_IN201314UV02',
  ],
  'td1.4-fermer.response.xml': [
    '1.2',
    'urn:hl7-org:v3:PRPA_IN201314ResponseUV02',
    'urn:uuid:f9b8878a-c238-497d-a479-ee489c6bc72a',
    'urn:uuid:3371ffe7-87a9-4018-b6cd-4dfa808f4420',
    'PRPA_IN201314UV02_Response',
  ],
  'td1.5a-creation-du-compte-internet-patient.request.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:createPatientAccess',
    'urn:uuid:d857efb9-6f6b-4ba9-b808-dc40f9cdd7d2',
    null,
    'createPatientAccess',
  ],
  'td1.5a-creation-du-compte-internet-patient.response.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:createPatientAccessResponse',
    'urn:uuid:15fc6915-5f24-42ba-86c4-8d29aa7be7d3',
    'urn:uuid:d839c62a-64bb-4259-87fe-a71a67318326',
    'createPatientAccessResponse',
  ],
  'td1.5b-ajout-d-un-canal-otp.request.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:patientOTPUpdate',
    'urn:uuid:1e5b43a5-fa55-424e-a0e5-702825b9741a',
    null,
    'patientOTPUpdate',
  ],
  'td1.5b-ajout-d-un-canal-otp.response.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:patientOTPUpdateResponse',
    'urn:uuid:e6362f38-3fd4-420c-8f61-606a10c11a96',
    'urn:uuid:5fd8e115-3f66-42c5-94d4-379e99d494d4',
    'patientOTPUpdateResponse',
  ],
  'td1.5d-maj-des-information-du-compte-internet.request.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:updatePatientAccess',
    'urn:uuid:fe5ceec2-5a11-4055-a9c6-72bbd89267b9',
    null,
    'updatePatientAccess',
  ],
  // Quirk: a fault-looking Action on a normal response body.
  'td1.5d-maj-des-information-du-compte-internet.response.xml': [
    '1.2',
    'urn:si-dmp-patients:PatientSpecificEndPoint:updatePatientAccess:Fault:SoapFault',
    'urn:uuid:7c22b76d-8133-4680-9792-f3838b7256f6',
    'urn:uuid:a5681367-9ba7-47fe-8a4f-74a84245be88',
    'updatePatientAccessResponse',
  ],
  'td1.6-liste-des-ps-autorises-ou-bloques.request.xml': [
    '1.2',
    'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient',
    'urn:uuid:c771d76f-c39b-47ee-a360-fc47b74f0560',
    null,
    'listAuthorizationByPatient',
  ],
  'td1.6-liste-des-ps-autorises-ou-bloques.response.xml': [
    '1.2',
    'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatientResponse',
    'urn:uuid:be5ffed4-6b34-46c4-a226-891b9e6e4b96',
    'urn:uuid:13792435-d03f-43b1-8714-7380c9c93a72',
    'listAuthorizationByPatientResponse',
  ],
  // Quirk: a raw MTOM stream whose envelope is SOAP 1.1.
  'td2.1-alimentation.request.xml': [
    '1.1',
    'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    'urn:uuid:b3745a7c-4d1a-4cfd-a752-536197e4ac7a',
    null,
    'ProvideAndRegisterDocumentSetRequest',
  ],
  'td2.1-alimentation.response.xml': [
    '1.2',
    'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse',
    'urn:uuid:8dac336f-4621-433d-b67d-f6a05785273e',
    'urn:uuid:b3745a7c-4d1a-4cfd-a752-536197e4ac7a',
    'RegistryResponse',
  ],
  'td3.1-recherche-de-document.request.xml': [
    '1.2',
    'urn:ihe:iti:2007:RegistryStoredQuery',
    'urn:uuid:b9b2834a-0e3f-4029-aea8-f0e09ec951d7',
    null,
    'AdhocQueryRequest',
  ],
  'td3.1-recherche-de-document.response.xml': [
    '1.2',
    'urn:ihe:iti:2007:RegistryStoredQueryResponse',
    'urn:uuid:bbcf6306-4966-4642-b4f5-f48bcbd4650f',
    'urn:uuid:940b61de-38dc-4ed8-a6cf-3b40c39ff46b',
    'AdhocQueryResponse',
  ],
  'td3.2-consultation-d-un-document.request.xml': [
    '1.2',
    'urn:ihe:iti:2007:RetrieveDocumentSet',
    'urn:uuid:5113a6d8-3550-4c8f-a5f0-4290ebdbfe3e',
    null,
    'RetrieveDocumentSetRequest',
  ],
  'td3.2-consultation-d-un-document.response.xml': [
    '1.2',
    'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
    'urn:uuid:28b8f0a8-f539-4b3a-bd07-51068af6e11b',
    'urn:uuid:2cb4b0d2-683d-4073-9892-6c85cfdfbb43',
    'RetrieveDocumentSetResponse',
  ],
  'td3.3c-supprimer-un-document.request.xml': [
    '1.2',
    'urn:ihe:iti:2010:UpdateDocumentSet',
    'urn:uuid:e90ffcf2-d6e8-4685-8e1f-7383458deb0c',
    null,
    'SubmitObjectsRequest',
  ],
  'td3.3c-supprimer-un-document.response.xml': [
    '1.2',
    'urn:ihe:iti:2010:UpdateDocumentSet-Response',
    'urn:uuid:c66e1eae-1856-43f9-aaa5-33da84c33cca',
    'urn:uuid:77d2269e-467c-4fef-a977-f92d676e4e8a',
    'RegistryResponse',
  ],
  'td3.3d-archiver-un-document.request.xml': [
    '1.2',
    'urn:ihe:iti:2010:UpdateDocumentSet',
    'urn:uuid:4cab1a4c-d575-467a-a417-44268406a43d',
    null,
    'SubmitObjectsRequest',
  ],
  'td3.3d-archiver-un-document.response.xml': [
    '1.2',
    'urn:ihe:iti:2010:UpdateDocumentSet-Response',
    'urn:uuid:adfe4355-b06b-4c85-afb6-9ffa16c3922e',
    'urn:uuid:68359939-81c7-4fcf-8eb7-f0255896e85a',
    'RegistryResponse',
  ],
  // WS-INS2 (INSi, not DMP): prefixed wsa headers, no urn:uuid, and a response without header.
  'ws-ins2-rechercherinsavectraitsidentite.request.xml': [
    '1.2',
    'urn:ServiceIdentiteCertifiee:1.0.0:rechercherInsAvecTraitsIdentite',
    '0dfb8f66-de74-4f30-ba83-bebde1239ebf',
    null,
    'RECSANSVITALE',
  ],
  'ws-ins2-rechercherinsavectraitsidentite.response.xml': ['1.2', null, null, null, 'RESULTAT'],
};

/** The envelope bytes of a sample: the file itself, or the root part of a raw MTOM stream. */
async function envelopeBytes(file: string): Promise<Buffer> {
  const raw = readFileSync(path.join(DIR, file));
  if (!raw.subarray(0, 2).equals(Buffer.from('--'))) return raw;
  const boundary = raw.subarray(2, raw.indexOf(0x0a)).toString('latin1').trim();
  return (
    await readMtom(raw, `multipart/related; type="application/xop+xml"; boundary="${boundary}"`)
  ).root.data;
}

const files = readdirSync(DIR)
  .filter((f) => /\.(request|response)\.xml$/.test(f))
  .sort();

describe('official sample envelopes', () => {
  it('covers every sample file of the folder', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files).toHaveLength(34);
  });

  it.each(files)('%s is read with its WS-Addressing values', async (file) => {
    const [version, action, messageId, relatesTo, payload] = EXPECTED[file] ?? [];
    const bytes = await envelopeBytes(file);
    const env = readSoapEnvelope(bytes);
    expect(env.version).toBe(version);
    expect(env.headers.action ?? null).toBe(action);
    expect(env.headers.messageId ?? null).toBe(messageId);
    expect(env.headers.relatesTo ?? null).toBe(relatesTo);
    expect(env.payload?.localName).toBe(payload);
    expect(env.fault).toBeUndefined();
    // Raw fragments are exact substrings of the original bytes (signatures are verified over them).
    expect(bytes.indexOf(Buffer.from(env.bodyXml, 'utf8'))).toBeGreaterThan(0);
    if (file.endsWith('.request.xml')) {
      expect(env.securityXml?.trim().startsWith('<saml2:Assertion ')).toBe(true);
      expect(bytes.indexOf(Buffer.from(env.securityXml ?? '', 'utf8'))).toBeGreaterThan(0);
      if (!file.startsWith('ws-ins2')) {
        expect(env.headers.replyTo).toBe(WSA_ANONYMOUS);
        expect(env.headers.to).toBe('');
        expect(env.headerBlocks.filter((b) => b.mustUnderstand).map((b) => b.localName)).toEqual([
          'ReplyTo',
          'Action',
        ]);
      }
    } else if (action !== null) {
      expect(env.headers.to).toBe(WSA_ANONYMOUS);
      expect(env.securityXml).toBeUndefined();
    }
  });

  it('our operations table knows every DMP sample action, request and response', async () => {
    for (const file of files.filter((f) => f.startsWith('td'))) {
      const env = readSoapEnvelope(await envelopeBytes(file));
      const action = env.headers.action ?? '';
      if (file.endsWith('.request.xml')) {
        expect(dmpOperationByAction(undefined, action), file).toBeDefined();
      } else if (!file.startsWith('td1.5d')) {
        expect(
          Object.values(DMP_OPERATIONS).some((op) => op.responseAction === action),
          file,
        ).toBe(true);
      }
    }
  });

  it('the td0.2 VIHF is handed out byte for byte, and the body keeps the Envelope-declared prefix', async () => {
    const bytes = await envelopeBytes('td0.2-test-d-existence.request.xml');
    const env = readSoapEnvelope(bytes);
    const text = bytes.toString('utf8');
    const start = text.indexOf('<saml2:Assertion');
    const end = text.indexOf('</saml2:Assertion>') + '</saml2:Assertion>'.length;
    expect(env.securityXml?.trim()).toBe(text.slice(start, end));
    expect(
      env.bodyXml
        .trim()
        .startsWith('<urn:PRPA_IN201307UV02 ITSVersion="XML_1.0" xmlns="urn:hl7-org:v3">'),
    ).toBe(true);
    expect(env.bodyNamespaces.get('urn')).toBe('urn:hl7-org:v3');
  });
});

describe('what we build is well-formed for an independent parser (xmllint)', () => {
  const xmllint = spawnSync('xmllint', ['--version']);
  const dir = mkdtempSync(path.join(tmpdir(), 'navette-soap-'));
  const vihf = readFileSync(path.join(DIR, 'td0.2-test-d-existence.request.xml'), 'utf8');
  const assertion = vihf.slice(
    vihf.indexOf('<saml2:Assertion'),
    vihf.indexOf('</saml2:Assertion>') + 18,
  );

  it.each([
    [
      'a request with the official VIHF',
      buildDmpRequestEnvelope({
        operation: DMP_OPERATIONS.patientRegistryQuery,
        to: 'https://127.0.0.1/si-dmp-server/v2/services/patients',
        vihfXml: assertion,
        bodyXml: '<PRPA_IN201307UV02 xmlns="urn:hl7-org:v3" ITSVersion="XML_1.0"/>',
      }).xml,
    ],
    [
      'a fault',
      buildSoapFaultEnvelope({
        code: 'Sender',
        subcodes: ['DMPInvalidCertificate'],
        reason: 'Certificat invalide',
        detailXml: '<x xmlns="urn:x"/>',
      }),
    ],
  ])('%s', (_what, xml) => {
    expect(xmllint.status).toBe(0);
    const file = path.join(dir, 'm.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmllint', ['--noout', '--nonet', file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    // And the VIHF went through untouched.
    if (xml.includes('saml2:Assertion')) expect(readSoapEnvelope(xml).securityXml).toBe(assertion);
    expect(xml).toContain(`xmlns="${WSA_NS}"`);
  });
});
