import { describe, expect, it } from 'vitest';
import {
  DMP_OPERATIONS,
  dmpEndpointUrl,
  dmpOperationByAction,
  dmpServicePath,
  httpActionOf,
  soapContentType,
} from '../../../../src/protocol/soap/index.js';

describe('DMP operations table', () => {
  it('maps each transaction to its service and actions', () => {
    const rows = Object.values(DMP_OPERATIONS).map((op) => [op.name, op.service, op.action]);
    expect(rows).toContainEqual(['patientRegistryQuery', 'patients', 'urn:hl7-org:v3:PRPA_IN201307UV02']);
    expect(rows).toContainEqual(['setAuthorization', 'habilitations', 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization']);
    expect(rows).toContainEqual(['patientList', 'patients', 'urn:si-dmp-patients:PatientSpecificEndPoint:patientList']);
    expect(rows).toContainEqual(['registryStoredQuery', 'registry', 'urn:ihe:iti:2007:RegistryStoredQuery']);
    expect(rows).toContainEqual(['updateDocumentSet', 'registry', 'urn:ihe:iti:2010:UpdateDocumentSet']);
    expect(rows).toContainEqual(['provideAndRegisterDocumentSet', 'repository', 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b']);
    expect(rows).toContainEqual(['retrieveDocumentSet', 'repository', 'urn:ihe:iti:2007:RetrieveDocumentSet']);
    expect(DMP_OPERATIONS.setAuthorization.soapAction).toBe('urn:hl7-org:v3:setAuthorization');
    expect(DMP_OPERATIONS.updateDocumentSet.responseAction).toBe('urn:ihe:iti:2010:UpdateDocumentSet-Response');
    expect(DMP_OPERATIONS.provideAndRegisterDocumentSet.mtomRequest).toBe(true);
    expect(DMP_OPERATIONS.retrieveDocumentSet.mtomResponse).toBe(true);
    expect(DMP_OPERATIONS.registryStoredQuery.mtomRequest).toBe(false);
    expect(DMP_OPERATIONS.updateDocumentSet.transactions).toEqual(['TD3.3a', 'TD3.3b', 'TD3.3c', 'TD3.3d']);
  });

  it('builds service paths and endpoint URLs', () => {
    expect(dmpServicePath('habilitations')).toBe('/si-dmp-server/v2/services/habilitations');
    expect(dmpEndpointUrl('https://127.0.0.1:8443', 'registry')).toBe('https://127.0.0.1:8443/si-dmp-server/v2/services/registry');
    expect(dmpEndpointUrl('https://h/si-dmp-server/v2/services/', 'repository')).toBe('https://h/si-dmp-server/v2/services/repository');
  });

  it('finds an operation from its action (and service)', () => {
    expect(dmpOperationByAction('repository', 'urn:ihe:iti:2007:RetrieveDocumentSet')?.name).toBe('retrieveDocumentSet');
    expect(dmpOperationByAction('registry', 'urn:ihe:iti:2007:RetrieveDocumentSet')).toBeUndefined();
    expect(dmpOperationByAction(undefined, 'urn:hl7-org:v3:PRPA_IN201314UV02')?.transactions).toEqual(['TD1.3b', 'TD1.4']);
    expect(dmpOperationByAction(undefined, 'urn:nope')).toBeUndefined();
  });

  it('gives the HTTP content type of plain SOAP 1.2', () => {
    expect(soapContentType(httpActionOf(DMP_OPERATIONS.registryStoredQuery))).toBe(
      'application/soap+xml; charset=UTF-8; action="urn:ihe:iti:2007:RegistryStoredQuery"',
    );
    expect(soapContentType()).toBe('application/soap+xml; charset=UTF-8');
  });
});
