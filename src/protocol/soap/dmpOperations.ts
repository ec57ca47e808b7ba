// The DMP SOAP operations: which service path, which wsa:Action, which response Action.
//
// Sources: `action` and `responseAction` are the wsa:Action values of the official sample
// messages (reference/dmp/messages/*.xml), which win over the WSDLs where they differ;
// `soapAction` is the WSDL binding's soapAction (reference/dmp/wsdl). They differ for the
// habilitations service: the WSDL says `urn:hl7-org:v3:setAuthorization` while the samples send
// `urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization`; PatientsSpecific declares an
// empty soapAction. The HTTP `action` parameter is the transport's choice (see `httpActionOf`).

export type DmpService = 'patients' | 'habilitations' | 'registry' | 'repository';

export const DMP_SERVICE_BASE_PATH = '/si-dmp-server/v2/services';

export interface DmpOperation {
  /** Stable key used across Navette. */
  readonly name: DmpOperationName;
  /** The DMP transaction numbers this operation serves (DMP-INTERFACE §6). */
  readonly transactions: readonly string[];
  readonly service: DmpService;
  /** Request wsa:Action (as in the official samples). */
  readonly action: string;
  /** Response wsa:Action (as in the official samples or the WSDL output). */
  readonly responseAction: string;
  /** The WSDL binding's soapAction; '' when the WSDL declares an empty one. */
  readonly soapAction: string;
  /** Whether the request is sent as MTOM (ITI-41) and whether the response comes back as MTOM (ITI-43). */
  readonly mtomRequest: boolean;
  readonly mtomResponse: boolean;
}

type OperationSpec = Omit<DmpOperation, 'name' | 'mtomRequest' | 'mtomResponse'> & {
  readonly mtomRequest?: boolean;
  readonly mtomResponse?: boolean;
};

const OPERATIONS = {
  patientRegistryQuery: {
    transactions: ['TD0.2', 'TD1.3a'],
    service: 'patients',
    action: 'urn:hl7-org:v3:PRPA_IN201307UV02',
    responseAction: 'urn:hl7-org:v3:PRPA_IN201308UV02',
    soapAction: 'urn:hl7-org:v3:PRPA_IN201307UV02',
  },
  patientAdd: {
    transactions: ['TD1.1'],
    service: 'patients',
    action: 'urn:hl7-org:v3:PRPA_IN201311UV02',
    responseAction: 'urn:hl7-org:v3:PRPA_IN201311ResponseUV02',
    soapAction: 'urn:hl7-org:v3:PRPA_IN201311UV02',
  },
  patientRevise: {
    transactions: ['TD1.3b', 'TD1.4'],
    service: 'patients',
    action: 'urn:hl7-org:v3:PRPA_IN201314UV02',
    responseAction: 'urn:hl7-org:v3:PRPA_IN201314ResponseUV02',
    soapAction: 'urn:hl7-org:v3:PRPA_IN201314UV02',
  },
  patientDemographicsQuery: {
    transactions: ['TD0.5'],
    service: 'patients',
    action: 'urn:hl7-org:v3:PRPA_IN201305UV02',
    responseAction: 'urn:hl7-org:v3:PRPA_IN201306UV02',
    soapAction: 'urn:hl7-org:v3:PRPA_IN201305UV02',
  },
  patientList: {
    transactions: ['TD0.4'],
    service: 'patients',
    action: 'urn:si-dmp-patients:PatientSpecificEndPoint:patientList',
    responseAction: 'urn:si-dmp-patients:PatientSpecificEndPoint:patientListResponse',
    soapAction: '',
  },
  createPatientAccess: {
    transactions: ['TD1.5a'],
    service: 'patients',
    action: 'urn:si-dmp-patients:PatientSpecificEndPoint:createPatientAccess',
    responseAction: 'urn:si-dmp-patients:PatientSpecificEndPoint:createPatientAccessResponse',
    soapAction: '',
  },
  patientOTPUpdate: {
    transactions: ['TD1.5b'],
    service: 'patients',
    action: 'urn:si-dmp-patients:PatientSpecificEndPoint:patientOTPUpdate',
    responseAction: 'urn:si-dmp-patients:PatientSpecificEndPoint:patientOTPUpdateResponse',
    soapAction: '',
  },
  updatePatientAccess: {
    transactions: ['TD1.5d'],
    service: 'patients',
    action: 'urn:si-dmp-patients:PatientSpecificEndPoint:updatePatientAccess',
    // The official td1.5d response carries `…:updatePatientAccess:Fault:SoapFault` although its body
    // is a normal response: readers must not decide "fault" from the Action alone.
    responseAction: 'urn:si-dmp-patients:PatientSpecificEndPoint:updatePatientAccessResponse',
    soapAction: '',
  },
  setAuthorization: {
    transactions: ['TD0.3'],
    service: 'habilitations',
    action: 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorization',
    responseAction: 'urn:si-dmp-habilitations:HabilitationsEndPoint:setAuthorizationResponse',
    soapAction: 'urn:hl7-org:v3:setAuthorization',
  },
  listAuthorizationByPatient: {
    transactions: ['TD1.6'],
    service: 'habilitations',
    action: 'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatient',
    responseAction: 'urn:si-dmp-habilitations:HabilitationsEndPoint:listAuthorizationByPatientResponse',
    soapAction: 'urn:hl7-org:v3:listAuthorizationByPatient',
  },
  registryStoredQuery: {
    transactions: ['TD3.1', 'TD3.1b'],
    service: 'registry',
    action: 'urn:ihe:iti:2007:RegistryStoredQuery',
    responseAction: 'urn:ihe:iti:2007:RegistryStoredQueryResponse',
    soapAction: 'urn:ihe:iti:2007:RegistryStoredQuery',
  },
  updateDocumentSet: {
    transactions: ['TD3.3a', 'TD3.3b', 'TD3.3c', 'TD3.3d'],
    service: 'registry',
    action: 'urn:ihe:iti:2010:UpdateDocumentSet',
    responseAction: 'urn:ihe:iti:2010:UpdateDocumentSet-Response',
    soapAction: 'urn:ihe:iti:2010:UpdateDocumentSet',
  },
  provideAndRegisterDocumentSet: {
    transactions: ['TD2.1', 'TD2.2'],
    service: 'repository',
    action: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    responseAction: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-bResponse',
    soapAction: 'urn:ihe:iti:2007:ProvideAndRegisterDocumentSet-b',
    mtomRequest: true,
  },
  retrieveDocumentSet: {
    transactions: ['TD3.2'],
    service: 'repository',
    action: 'urn:ihe:iti:2007:RetrieveDocumentSet',
    responseAction: 'urn:ihe:iti:2007:RetrieveDocumentSetResponse',
    soapAction: 'urn:ihe:iti:2007:RetrieveDocumentSet',
    mtomResponse: true,
  },
} as const satisfies Record<string, OperationSpec>;

export type DmpOperationName = keyof typeof OPERATIONS;

function complete(name: DmpOperationName): DmpOperation {
  const spec: OperationSpec = OPERATIONS[name];
  return Object.freeze({
    name,
    transactions: spec.transactions,
    service: spec.service,
    action: spec.action,
    responseAction: spec.responseAction,
    soapAction: spec.soapAction,
    mtomRequest: spec.mtomRequest ?? false,
    mtomResponse: spec.mtomResponse ?? false,
  });
}

/** Every DMP operation by name. */
export const DMP_OPERATIONS: Readonly<Record<DmpOperationName, DmpOperation>> = Object.freeze(
  Object.fromEntries((Object.keys(OPERATIONS) as DmpOperationName[]).map((name) => [name, complete(name)])) as Record<
    DmpOperationName,
    DmpOperation
  >,
);

/** The path of a DMP service, e.g. `/si-dmp-server/v2/services/repository`. */
export function dmpServicePath(service: DmpService): string {
  return `${DMP_SERVICE_BASE_PATH}/${service}`;
}

/** The full endpoint URL of an operation given the DMP base URL (with or without the services path). */
export function dmpEndpointUrl(baseUrl: string, service: DmpService): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return trimmed.endsWith(DMP_SERVICE_BASE_PATH) ? `${trimmed}/${service}` : `${trimmed}${dmpServicePath(service)}`;
}

/** Finds the operation a request wsa:Action stands for (the sandbox's dispatcher). */
export function dmpOperationByAction(service: DmpService | undefined, action: string): DmpOperation | undefined {
  return Object.values(DMP_OPERATIONS).find((op) => op.action === action && (service === undefined || op.service === service));
}

/**
 * The `action` parameter to put on the HTTP Content-Type (application/soap+xml or the MTOM
 * root part). WS-Addressing requires it to match wsa:Action when present, so we send the
 * wsa:Action itself. UNCONFIRMED: what the production DMP does with the WSDL soapAction; the
 * official samples show only the wsa:Action.
 */
export function httpActionOf(operation: DmpOperation): string {
  return operation.action;
}
