// The request/response plumbing every transaction shares: what goes on the wire (URL, headers,
// WS-Addressing, VIHF, MTOM) and how each kind of answer comes back (SOAP, MTOM, faults, an HTML
// error page, garbage, someone else's answer).
import { describe, expect, it } from 'vitest';
import { DmpCall, VihfIssuer, type DmpCall as Call } from '../../../src/dmp/index.js';
import { TransportHttpStatusError } from '../../../src/domain/ports/HttpsTransport.js';
import { writeMtom, collectBytes } from '../../../src/protocol/mtom/index.js';
import { verifyVihf } from '../../../src/protocol/saml/index.js';
import {
  buildSoapFaultEnvelope,
  buildSoapResponseEnvelope,
  WSA_ANONYMOUS,
} from '../../../src/protocol/soap/index.js';
import { ENDPOINT, GP_CONTEXT, PATIENT_A, testSigner } from './dmpTestContext.js';
import { ScriptedTransport, type Script } from './scriptedTransport.js';

const OK_BODY = '<ok xmlns="urn:test"/>';

function echo(status = 200): Script {
  return (req) => ({
    status,
    body: buildSoapResponseEnvelope({
      action: 'urn:test:response',
      ...(req.envelope.headers.messageId === undefined
        ? {}
        : { relatesTo: req.envelope.headers.messageId }),
      bodyXml: OK_BODY,
    }).xml,
  });
}

function setUp(script: Script): { call: Call; transport: ScriptedTransport; vihf: VihfIssuer } {
  const transport = new ScriptedTransport(script);
  const vihf = new VihfIssuer({ context: GP_CONTEXT, signer: testSigner() });
  return {
    call: new DmpCall({ transport, endpoint: ENDPOINT, vihf, timeoutMs: 1234 }),
    transport,
    vihf,
  };
}

const TD02 = {
  operation: 'patientRegistryQuery',
  bodyXml: '<q xmlns="urn:test"/>',
  patient: PATIENT_A,
  access: { mode: 'normal' },
} as const;

describe('DmpCall', () => {
  it('posts a SOAP 1.2 envelope with WS-Addressing and the signed VIHF to the service URL', async () => {
    const { call, transport } = setUp(echo());
    const reply = await call.invoke(TD02);
    const sent = transport.seen[0];
    expect(sent?.url).toBe(`${ENDPOINT}/patients`);
    expect(sent?.timeoutMs).toBe(1234);
    expect(sent?.headers['content-type']).toBe(
      'application/soap+xml; charset=UTF-8; action="urn:hl7-org:v3:PRPA_IN201307UV02"',
    );
    const headers = sent?.envelope.headers;
    expect(headers).toMatchObject({
      action: 'urn:hl7-org:v3:PRPA_IN201307UV02',
      to: `${ENDPOINT}/patients`,
      replyTo: WSA_ANONYMOUS,
    });
    expect(headers?.messageId).toBe(reply.messageId);
    expect(sent?.envelope.bodyXml).toBe('<q xmlns="urn:test"/>');
    // The VIHF travels verbatim in wsse:Security and verifies inside the envelope.
    const vihf = verifyVihf(sent?.body.toString('utf8') ?? '');
    expect(vihf.assertion.patientId).toBe('207058575627097^^^&1.2.250.1.213.1.4.10&ISO^NH');
    expect(reply.envelope.bodyXml).toBe(OK_BODY);
    expect(reply.status).toBe(200);
  });

  it('sends MTOM when there are attachments, and reads an MTOM answer', async () => {
    const { call, transport } = setUp(async (req) => {
      const envelope = buildSoapResponseEnvelope({
        action: 'urn:test:response',
        ...(req.envelope.headers.messageId === undefined
          ? {}
          : { relatesTo: req.envelope.headers.messageId }),
        bodyXml: OK_BODY,
      }).xml;
      const mtom = writeMtom({
        envelopeXml: envelope,
        attachments: [{ contentId: 'doc1@navette', content: Buffer.from('%PDF-1.4 bytes') }],
      });
      return { contentType: mtom.contentType, body: await collectBytes(mtom.body) };
    });
    const reply = await call.invoke({
      ...TD02,
      operation: 'provideAndRegisterDocumentSet',
      attachments: [{ contentId: 'cda@navette', content: Buffer.from('<ClinicalDocument/>') }],
    });
    expect(transport.seen[0]?.headers['content-type']).toMatch(
      /^multipart\/related;.*application\/xop\+xml/,
    );
    expect(transport.seen[0]?.headers['content-length']).toMatch(/^\d+$/);
    expect(transport.seen[0]?.url).toBe(`${ENDPOINT}/repository`);
    expect(reply.attachments.map((a) => a.data.toString())).toEqual(['%PDF-1.4 bytes']);
  });

  it('turns a fault into a typed error and drops the refused VIHF, whatever the status', async () => {
    const { call, vihf } = setUp(() => ({
      status: 400,
      body: buildSoapFaultEnvelope({
        code: 'Sender',
        subcodes: ['DMPInvalidCertificate'],
        reason: 'Not a valid signature certificate',
      }),
    }));
    await expect(call.invoke(TD02)).rejects.toMatchObject({
      name: 'DmpFaultError',
      code: 'DMP_INVALID_CERTIFICATE',
      fault: { httpStatus: 400, operation: 'patientRegistryQuery' },
    });
    await expect(call.invoke(TD02)).rejects.toMatchObject({ code: 'DMP_INVALID_CERTIFICATE' });
    // Each attempt signed a new VIHF: the refused one was not presented again.
    expect(vihf.stats()).toEqual({ signatures: 2, reused: 0 });
  });

  it('keeps the VIHF after an access denial (the assertion itself was accepted)', async () => {
    const { call, vihf } = setUp(() => ({
      status: 400,
      body: buildSoapFaultEnvelope({
        code: 'Sender',
        subcodes: ['DMPAccessDeniedByRightsService'],
        reason: 'Refus',
      }),
    }));
    await expect(call.invoke(TD02)).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    await expect(call.invoke(TD02)).rejects.toMatchObject({ code: 'DMP_ACCESS_DENIED' });
    expect(vihf.stats()).toEqual({ signatures: 1, reused: 1 });
  });

  it('reads a fault sent as MTOM (the DMP answers ITI-43 faults that way)', async () => {
    const { call } = setUp(async () => {
      const mtom = writeMtom({
        envelopeXml: buildSoapFaultEnvelope({ code: 'Receiver', reason: 'Indisponible' }),
      });
      return { status: 500, contentType: mtom.contentType, body: await collectBytes(mtom.body) };
    });
    await expect(call.invoke({ ...TD02, operation: 'retrieveDocumentSet' })).rejects.toMatchObject({
      code: 'DMP_SERVER_FAULT',
      retryable: true,
    });
  });

  it('a 5xx answer that is not SOAP is the transport HTTP status error', async () => {
    const { call } = setUp(() => ({
      status: 503,
      contentType: 'text/html; charset=utf-8',
      body: '<html><body><h1>503</h1></body></html>',
    }));
    const error: unknown = await call.invoke(TD02).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportHttpStatusError);
    expect(error).toMatchObject({ code: 'TRANSPORT_HTTP_STATUS', status: 503, retryable: true });
  });

  it('a 502 claiming XML that is not SOAP is the HTTP status error too', async () => {
    const { call } = setUp(() => ({
      status: 502,
      contentType: 'text/xml',
      body: '<error>gateway</error>',
    }));
    await expect(call.invoke(TD02)).rejects.toMatchObject({
      code: 'TRANSPORT_HTTP_STATUS',
      status: 502,
    });
  });

  it('a 200 that is not a SOAP envelope is an unreadable answer', async () => {
    for (const answer of [
      { contentType: 'text/html', body: '<html/>' },
      { body: 'pas du XML' },
      { body: '<Envelope/>' },
    ]) {
      const { call } = setUp(() => answer);
      await expect(call.invoke(TD02)).rejects.toMatchObject({
        name: 'DmpResponseError',
        code: 'DMP_RESPONSE_INVALID',
        retryable: false,
      });
    }
  });

  it('an envelope without a fault under an error status is not trusted', async () => {
    const { call } = setUp(echo(500));
    await expect(call.invoke(TD02)).rejects.toMatchObject({
      code: 'DMP_RESPONSE_INVALID',
      retryable: true,
    });
  });

  it('refuses an answer to another request (wsa:RelatesTo)', async () => {
    const { call } = setUp(() => ({
      body: buildSoapResponseEnvelope({
        action: 'a',
        relatesTo: 'urn:uuid:someone-else',
        bodyXml: OK_BODY,
      }).xml,
    }));
    await expect(call.invoke(TD02)).rejects.toMatchObject({ code: 'DMP_RESPONSE_MISMATCH' });
  });

  it('refuses an oversized plain answer', async () => {
    const transport = new ScriptedTransport(() => ({ body: `<x>${'a'.repeat(2048)}</x>` }));
    const vihf = new VihfIssuer({ context: GP_CONTEXT, signer: testSigner() });
    const call = new DmpCall({
      transport,
      endpoint: ENDPOINT,
      vihf,
      limits: { maxSoapBytes: 1024 },
    });
    await expect(call.invoke(TD02)).rejects.toMatchObject({ code: 'DMP_RESPONSE_INVALID' });
  });
});
