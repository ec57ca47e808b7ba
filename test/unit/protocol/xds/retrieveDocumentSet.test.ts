import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  readMtomStream,
  resolveXopIncludes,
  writeMtom,
} from '../../../../src/protocol/mtom/index.js';
import { DMP_OPERATIONS, buildSoapResponseEnvelope } from '../../../../src/protocol/soap/index.js';
import {
  assertRegistrySuccess,
  buildRetrieveDocumentSetRequest,
  buildRetrieveDocumentSetResponse,
  parseRetrieveDocumentSetRequest,
  parseRetrieveDocumentSetResponse,
} from '../../../../src/protocol/xds/index.js';

const REF = {
  repositoryUniqueId: '1.2.250.1.213.4.1.1.1.2',
  documentUniqueId: '1.2.250.1.999.1.1.7898.1.995657292',
};

describe('ITI-43', () => {
  it('writes the request like the official TD3.2 sample and reads it back', () => {
    const xml = buildRetrieveDocumentSetRequest([REF]);
    expect(xml).toBe(
      '<xdsb:RetrieveDocumentSetRequest xmlns:xdsb="urn:ihe:iti:xds-b:2007"><xdsb:DocumentRequest>' +
        '<xdsb:RepositoryUniqueId>1.2.250.1.213.4.1.1.1.2</xdsb:RepositoryUniqueId>' +
        '<xdsb:DocumentUniqueId>1.2.250.1.999.1.1.7898.1.995657292</xdsb:DocumentUniqueId>' +
        '</xdsb:DocumentRequest></xdsb:RetrieveDocumentSetRequest>',
    );
    expect(parseRetrieveDocumentSetRequest(xml)).toEqual([REF]);
    expect(() => buildRetrieveDocumentSetRequest([])).toThrow(
      expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error,
    );
    expect(() => buildRetrieveDocumentSetRequest([{ ...REF, repositoryUniqueId: '' }])).toThrow(
      expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error,
    );
    expect(() =>
      parseRetrieveDocumentSetRequest(
        xml.replace(/<xdsb:DocumentUniqueId>.*<\/xdsb:DocumentUniqueId>/, ''),
      ),
    ).toThrow(expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error);
  });

  it('answers as MTOM: the response names its parts and the client finds the bytes', async () => {
    const pdfLike = Buffer.concat([
      Buffer.from('%PDF-1.7\r\n--MIMEBoundary_fake\r\n'),
      Buffer.alloc(1000, 7),
    ]);
    const built = buildRetrieveDocumentSetResponse({
      status: 'Success',
      documents: [{ ...REF, mimeType: 'text/xml' }],
    });
    const envelope = buildSoapResponseEnvelope({
      action: DMP_OPERATIONS.retrieveDocumentSet.responseAction,
      bodyXml: built.xml,
    });
    const out = writeMtom({
      envelopeXml: envelope.xml,
      attachments: built.contentIds.map((contentId) => ({ contentId, content: pdfLike })),
    });
    const msg = await readMtomStream(out.body, out.contentType);
    const response = assertRegistrySuccess(parseRetrieveDocumentSetResponse(msg.root.xml));
    expect(response.documents).toEqual([
      { ...REF, mimeType: 'text/xml', contentId: built.contentIds[0] },
    ]);
    expect(msg.attachment(response.documents[0]?.contentId ?? '')?.data.equals(pdfLike)).toBe(true);
    expect(resolveXopIncludes(msg.root.xml, msg.attachments).size).toBe(1);
  });

  it('reads a Failure without documents and inline base64 documents', () => {
    const failure = buildRetrieveDocumentSetResponse({
      status: 'Failure',
      errors: [
        {
          errorCode: 'XDSDocumentUniqueIdError',
          codeContext: 'Document inconnu',
          severity: 'Error',
          location: REF.documentUniqueId,
        },
      ],
    });
    const read = parseRetrieveDocumentSetResponse(failure.xml);
    expect(read).toEqual({
      status: 'Failure',
      errors: [
        {
          errorCode: 'XDSDocumentUniqueIdError',
          codeContext: 'Document inconnu',
          severity: 'Error',
          location: REF.documentUniqueId,
        },
      ],
      documents: [],
    });
    expect(() => assertRegistrySuccess(read)).toThrow(
      expect.objectContaining({ code: 'DMP_DOCUMENT_UNIQUE_ID' }) as Error,
    );
    const withDoc = buildRetrieveDocumentSetResponse({
      status: 'Success',
      documents: [{ ...REF, mimeType: 'application/pdf', contentId: 'x@y' }],
    });
    const inline = withDoc.xml.replace(
      /<xop:Include[^>]*\/>/,
      Buffer.from('bonjour').toString('base64'),
    );
    expect(parseRetrieveDocumentSetResponse(inline).documents[0]?.inline?.toString()).toBe(
      'bonjour',
    );
    expect(() =>
      parseRetrieveDocumentSetResponse(
        '<xdsb:RetrieveDocumentSetResponse xmlns:xdsb="urn:ihe:iti:xds-b:2007"/>',
      ),
    ).toThrow(expect.objectContaining({ code: 'XDS_PAYLOAD_INVALID' }) as Error);
  });
});
