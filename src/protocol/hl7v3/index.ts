// HL7v3 payloads of the DMP patient service: TD0.2 (and TD1.3a) query and response, both ways.
export * from './hl7v3Constants.js';
export * from './hl7Timestamp.js';
export * from './xmlTree.js';
export * from './td02Request.js';
export * from './td02Response.js';
export * from './td02ResponseBuilder.js';
