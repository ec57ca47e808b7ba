// Identifiers of the IHE DSG / XAdES lot signature, as the official td2.1-signaturexades.xml
// writes them (DMP-INTERFACE §8).

/** XAdES 1.1.1, the version of the official sample. */
export const XADES_111_NS = 'http://uri.etsi.org/01903/v1.1.1#';
/** XAdES 1.3.2+, accepted when verifying a signature written by other software. */
export const XADES_132_NS = 'http://uri.etsi.org/01903/v1.3.2#';

export const MANIFEST_TYPE = 'http://www.w3.org/2000/09/xmldsig#Manifest';
export const SIGNED_PROPERTIES_TYPE_111 = 'http://uri.etsi.org/01903/v1.1.1#SignedProperties';
export const SIGNED_PROPERTIES_TYPE_132 = 'http://uri.etsi.org/01903#SignedProperties';

/** Element ids of the sample; one signature per document, so fixed ids cannot collide. */
export const MANIFEST_ID = 'IHEManifest';
export const SIGNED_PROPERTIES_ID = 'S0-SignedProperties';
export const PURPOSE_PROPERTY_ID = 'purposeOfSignature';

/** ASTM E1762 "Source" (author's signature): the sample's purposeOfSignature and eventCode. */
export const PURPOSE_OF_SIGNATURE_SOURCE = '1.2.840.10065.1.12.1.14';

/** Prefix of manifest reference URIs: `urn:oid:` + uniqueId (SubmissionSet or document). */
export const URN_OID = 'urn:oid:';

/**
 * Digest of the manifest entry that names the lot itself, the SubmissionSet (one zero byte): IHE
 * DSG asks for "the SubmissionSet uniqueID with a hash value of 0" (ITI TF-3 Rev 20.0 §5.5.3.1),
 * and the official sample, the CNAM C# kit and ANS DRIMbox all write `AA==`.
 */
export const SUBMISSION_SET_DIGEST = 'AA==';
