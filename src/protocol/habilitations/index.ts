// DMP-specific (non-HL7) payloads: TD0.3 setAuthorization, TD0.4 patientList, TD1.6
// listAuthorizationByPatient — request builders and response parsers for the client, the
// reverse for the test server.
export * from './webServiceResponse.js';
export * from './setAuthorization.js';
export * from './patientList.js';
export * from './listAuthorizationByPatient.js';
