import { describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import {
  SOAP11_NS,
  SOAP12_NS,
  SoapFault,
  WSA_FAULT_ACTION,
  assertNoFault,
  buildSoapFaultEnvelope,
  buildSoapFaultXml,
  readSoapEnvelope,
} from '../../../../src/protocol/soap/index.js';
import { parseXml } from '../../../../src/protocol/xml/parse.js';

describe('SOAP 1.2 faults, built and read back', () => {
  const xml = buildSoapFaultEnvelope({
    code: 'Sender',
    subcodes: ['DMPInvalidCertificate'],
    reason: 'Le certificat ayant signé le VIHF est invalide : Not a valid signature certificate <&>',
    detailXml: '<d:info xmlns:d="urn:detail">détail</d:info>',
    relatesTo: 'urn:uuid:0b6f4648-f2e9-4a06-94fd-c563a807212f',
  });

  it('writes Code/Value, Subcode/Value in the DMP form, Reason/Text xml:lang="fr" and Detail', () => {
    expect(xml).toContain(
      '<soap:Code><soap:Value>soap:Sender</soap:Value><soap:Subcode><soap:Value>soap:DMPInvalidCertificate</soap:Value></soap:Subcode></soap:Code>',
    );
    expect(xml).toContain(
      '<soap:Reason><soap:Text xml:lang="fr">Le certificat ayant signé le VIHF est invalide : Not a valid signature certificate &lt;&amp;&gt;</soap:Text></soap:Reason>',
    );
    expect(xml).toContain('<soap:Detail><d:info xmlns:d="urn:detail">détail</d:info></soap:Detail>');
    expect(Object.keys(parseXml(xml))).toContain('Envelope');
  });

  it('reads into a typed SoapFault', () => {
    const env = readSoapEnvelope(xml);
    expect(env.headers.action).toBe(WSA_FAULT_ACTION);
    expect(env.headers.relatesTo).toBe('urn:uuid:0b6f4648-f2e9-4a06-94fd-c563a807212f');
    const fault = env.fault;
    expect(fault).toBeInstanceOf(SoapFault);
    expect(fault).toBeInstanceOf(NavetteError);
    expect(fault?.code).toBe('SOAP_FAULT');
    expect(fault?.soapVersion).toBe('1.2');
    expect(fault?.faultCode).toBe('Sender');
    expect(fault?.subcodes).toEqual(['DMPInvalidCertificate']);
    expect(fault?.dmpErrorCode).toBe('DMPInvalidCertificate');
    expect(fault?.reason).toBe('Le certificat ayant signé le VIHF est invalide : Not a valid signature certificate <&>');
    expect(fault?.reasonLang).toBe('fr');
    expect(fault?.detailXml).toBe('<d:info xmlns:d="urn:detail">détail</d:info>');
    expect(fault?.message).toBe(
      'Le DMP a refusé la requête (erreur DMPInvalidCertificate) : Le certificat ayant signé le VIHF est invalide : ' +
        'Not a valid signature certificate <&>. Si le problème persiste, contactez votre support.',
    );
    expect(fault?.details).toEqual({ faultCode: 'Sender', subcodes: ['DMPInvalidCertificate'], dmpErrorCode: 'DMPInvalidCertificate', soapVersion: '1.2' });
    expect(() => assertNoFault(env)).toThrow(SoapFault);
  });

  it('nests several subcodes and takes the innermost as the DMP code', () => {
    const f = buildSoapFaultXml({ code: 'Receiver', subcodes: ['Outer', 'Inner'], reason: 'x', subcodeNamespace: 'urn:dmp' });
    expect(f).toContain('<soap:Fault xmlns:dmp="urn:dmp">');
    const env = readSoapEnvelope(`<soap:Envelope xmlns:soap="${SOAP12_NS}"><soap:Body>${f}</soap:Body></soap:Envelope>`);
    expect(env.fault?.faultCode).toBe('Receiver');
    expect(env.fault?.subcodes).toEqual(['Outer', 'Inner']);
    expect(env.fault?.dmpErrorCode).toBe('Inner');
    expect(env.fault?.detailXml).toBeUndefined();
  });

  it('prefers the French reason among several languages, and reads Node/Role', () => {
    const body =
      `<e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">Internal error</e:Text>` +
      `<e:Text xml:lang="fr-FR">Erreur interne</e:Text></e:Reason><e:Node>urn:n</e:Node><e:Role>urn:r</e:Role>` +
      `<e:Detail><x:err xmlns:x="urn:x"><x:errorCode>DMPTechnicalError</x:errorCode></x:err></e:Detail></e:Fault>`;
    const env = readSoapEnvelope(`<e:Envelope xmlns:e="${SOAP12_NS}"><e:Body>${body}</e:Body></e:Envelope>`);
    expect(env.fault?.reason).toBe('Erreur interne');
    expect(env.fault?.reasonLang).toBe('fr-FR');
    expect(env.fault?.node).toBe('urn:n');
    expect(env.fault?.role).toBe('urn:r');
    // No subcode: the code comes from the detail.
    expect(env.fault?.dmpErrorCode).toBe('DMPTechnicalError');
  });

  it('does not call a normal body a fault (the td1.5d Action ends with :Fault:SoapFault)', () => {
    const env = readSoapEnvelope(
      `<s:Envelope xmlns:s="${SOAP12_NS}"><s:Header><Action xmlns="http://www.w3.org/2005/08/addressing">urn:x:Fault:SoapFault</Action>` +
        `</s:Header><s:Body><ok/></s:Body></s:Envelope>`,
    );
    expect(env.fault).toBeUndefined();
    expect(assertNoFault(env)).toBe(env);
  });
});

describe('SOAP 1.1 faults', () => {
  it('reads faultcode / faultstring / detail', () => {
    const xml =
      `<S:Envelope xmlns:S="${SOAP11_NS}"><S:Body><S:Fault><faultcode>S:Client</faultcode>` +
      `<faultstring xml:lang="fr">Accès refusé</faultstring><faultactor>urn:dmp</faultactor>` +
      `<detail><code>DMPAccessDeniedByRightsService</code></detail></S:Fault></S:Body></S:Envelope>`;
    const fault = readSoapEnvelope(xml).fault;
    expect(fault?.soapVersion).toBe('1.1');
    expect(fault?.faultCode).toBe('Client');
    expect(fault?.subcodes).toEqual([]);
    expect(fault?.dmpErrorCode).toBe('DMPAccessDeniedByRightsService');
    expect(fault?.reason).toBe('Accès refusé');
    expect(fault?.role).toBe('urn:dmp');
    expect(fault?.detailXml).toBe('<code>DMPAccessDeniedByRightsService</code>');
  });

  it('splits dotted fault codes', () => {
    const xml = `<S:Envelope xmlns:S="${SOAP11_NS}"><S:Body><S:Fault><faultcode>S:Server.DMPClosed</faultcode><faultstring/></S:Fault></S:Body></S:Envelope>`;
    const fault = readSoapEnvelope(xml).fault;
    expect(fault?.faultCode).toBe('Server');
    expect(fault?.dmpErrorCode).toBe('DMPClosed');
    expect(fault?.message).toContain('aucun motif fourni');
  });
});
