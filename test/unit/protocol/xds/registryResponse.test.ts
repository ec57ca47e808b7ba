import { describe, expect, it } from 'vitest';
import {
  RegistryResponseError,
  assertRegistrySuccess,
  buildRegistryResponse,
  parseRegistryResponse,
  registryErrorFamily,
  registryResponseError,
  type RegistryStatus,
} from '../../../../src/protocol/xds/index.js';

describe('RegistryResponse', () => {
  it('writes Success like the DMP and reads it back', () => {
    const xml = buildRegistryResponse({ status: 'Success' });
    expect(xml).toBe(
      '<rs:RegistryResponse xmlns:rs="urn:oasis:names:tc:ebxml-regrep:xsd:rs:3.0" status="urn:oasis:names:tc:ebxml-regrep:ResponseStatusType:Success"/>',
    );
    expect(parseRegistryResponse(xml)).toEqual({ status: 'Success', errors: [] });
  });

  it('writes the error list with the highest severity and reads every attribute', () => {
    const errors = [
      {
        errorCode: 'XDSRegistryMetadataError',
        codeContext: 'classCode <absent>',
        severity: 'Error' as const,
        location: 'Doc&1',
        text: 'détail',
      },
      {
        errorCode: 'XDSExtraMetadataNotSaved',
        codeContext: 'ignoré',
        severity: 'Warning' as const,
      },
    ];
    const xml = buildRegistryResponse({ status: 'Failure', errors });
    expect(xml).toContain(
      'highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error"',
    );
    expect(xml).toContain('codeContext="classCode &lt;absent&gt;"');
    expect(parseRegistryResponse(xml)).toEqual({ status: 'Failure', errors });
    const warningsOnly = buildRegistryResponse({ status: 'Success', errors: [errors[1]!] });
    expect(warningsOnly).toContain(
      'highestSeverity="urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Warning"',
    );
  });

  it('treats a missing or unknown severity as an error (the rs.xsd default)', () => {
    const xml = buildRegistryResponse({
      status: 'Failure',
      errors: [{ errorCode: 'X', codeContext: 'c', severity: 'Warning' }],
    }).replace(/ severity="[^"]+"/, '');
    expect(parseRegistryResponse(xml).errors[0]?.severity).toBe('Error');
  });
});

describe('typed registry errors', () => {
  const failure = (errorCode: string, severity: 'Error' | 'Warning' = 'Error'): RegistryStatus => ({
    status: 'Failure',
    errors: [{ errorCode, codeContext: 'Contexte du DMP', severity }],
  });

  it('maps XDS codes to stable Navette codes with French messages', () => {
    const e = registryResponseError(failure('XDSDocumentUniqueIdError'));
    expect(e).toBeInstanceOf(RegistryResponseError);
    expect(e?.code).toBe('DMP_DOCUMENT_UNIQUE_ID');
    expect(e?.message).toContain('Réponse du DMP : « Contexte du DMP ».');
    expect(e?.details).toEqual({ status: 'Failure', errorCodes: ['XDSDocumentUniqueIdError'] });
    expect(e?.retryable).toBe(false);
    expect(registryResponseError(failure('XDSRegistryBusy'))?.retryable).toBe(true);
    expect(registryErrorFamily('XDSNonIdenticalHash').code).toBe('DMP_DOCUMENT_CORRUPTED');
    expect(registryErrorFamily('XDSMetadataVersionError').code).toBe('DMP_UPDATE_REJECTED');
    expect(registryErrorFamily('SomethingNew').code).toBe('DMP_REGISTRY_ERROR');
  });

  it('picks the first Error over earlier warnings', () => {
    const status: RegistryStatus = {
      status: 'Failure',
      errors: [
        { errorCode: 'XDSExtraMetadataNotSaved', codeContext: 'w', severity: 'Warning' },
        { errorCode: 'XDSUnknownPatientId', codeContext: 'e', severity: 'Error' },
      ],
    };
    expect(registryResponseError(status)?.code).toBe('DMP_PATIENT_UNKNOWN');
  });

  it('is undefined on success, thrown only on Failure by assertRegistrySuccess', () => {
    expect(registryResponseError({ status: 'Success', errors: [] })).toBeUndefined();
    expect(
      registryResponseError({
        status: 'Success',
        errors: failure('XDSExtraMetadataNotSaved', 'Warning').errors,
      }),
    ).toBeUndefined();
    expect(registryResponseError({ status: 'PartialSuccess', errors: [] })).toBeUndefined();
    expect(
      registryResponseError({
        status: 'PartialSuccess',
        errors: failure('XDSDocumentUniqueIdError').errors,
      })?.code,
    ).toBe('DMP_DOCUMENT_UNIQUE_ID');
    const partial: RegistryStatus = {
      status: 'PartialSuccess',
      errors: failure('XDSDocumentUniqueIdError').errors,
    };
    expect(assertRegistrySuccess(partial)).toBe(partial);
    expect(() => assertRegistrySuccess(failure('XDSRegistryMetadataError'))).toThrow(
      RegistryResponseError,
    );
  });
});
