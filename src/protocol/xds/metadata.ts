// The typed XDS metadata Navette reads and writes (DMP-INTERFACE §7, CDA-CISIS §3). One shape
// for both directions: the client builds ITI-41/ITI-57 from it and reads ITI-18 answers into
// it; the test server does the reverse. Values stay in their wire form (HL7 v2 XCN/XON/CX
// strings, HL7 DTM times); hl7v2Values.ts converts them to and from structured parts.

/** A coded value: ebRIM Classification nodeRepresentation + codingScheme slot + Name. */
export interface XdsCode {
  readonly code: string;
  /** OID (or "URN"/"ASTM" for the lot signature entry, as in the official sample). */
  readonly codingScheme: string;
  readonly displayName?: string;
}

/** One author (IHE author classification: every sub-attribute is a slot). */
export interface XdsAuthor {
  /** authorPerson, an XCN: `899900063480^MAX^LIBRE^^^^^^&1.2.250.1.71.4.2.1&ISO^D^^^IDNPS`. */
  readonly person?: string;
  /** authorInstitution, XON values: `CABINET DR LIBRE^^^^^&1.2.250.1.71.4.2.2&ISO^IDNST^^^<id>`. */
  readonly institutions?: readonly string[];
  /** authorRole values. */
  readonly roles?: readonly string[];
  /** authorSpecialty values: `G15_10/SM26^Médecin - Qualifié en Médecine Générale (SM)^1.2.250.1.213.1.1.4.5`. */
  readonly specialties?: readonly string[];
  /** authorTelecommunication values (XTN). */
  readonly telecoms?: readonly string[];
}

/** A slot Navette does not model, kept as received so nothing is silently lost. */
export interface XdsSlot {
  readonly name: string;
  readonly values: readonly string[];
}

/** An XDS DocumentEntry (ebRIM ExtrinsicObject). */
export interface DocumentEntry {
  /** entryUUID (ExtrinsicObject/@id): one metadata version; ITI-57 and RPLC target it. */
  readonly entryUuid: string;
  /** logicalID (@lid): stable across metadata versions. Set by the registry; ITI-57 sends it. */
  readonly logicalId?: string;
  /** VersionInfo/@versionName (registry answers). */
  readonly version?: string;
  /** Availability status URN (@status, registry answers): see DOCUMENT_STATUSES. */
  readonly status?: string;
  /** Default DOCUMENT_ENTRY_STABLE. */
  readonly objectType?: string;
  readonly mimeType: string;
  /** uniqueId: the CDA ClinicalDocument/id (root[^extension]); ITI-43 uses it. */
  readonly uniqueId: string;
  /** patientId: the INS in CX form (`<INS>^^^&1.2.250.1.213.1.4.8&ISO^NH`). */
  readonly patientId: string;
  /** sourcePatientId: the local id (IPP) in CX form (`…^PI`). */
  readonly sourcePatientId?: string;
  /** sourcePatientInfo values (`PID-5|…`, `PID-7|…`, `PID-8|…`). */
  readonly sourcePatientInfo?: readonly string[];
  /** Name (title). */
  readonly title?: string;
  /** Description (comments). */
  readonly comments?: string;
  readonly classCode: XdsCode;
  readonly typeCode: XdsCode;
  readonly formatCode: XdsCode;
  readonly practiceSettingCode: XdsCode;
  readonly healthcareFacilityTypeCode: XdsCode;
  /** N, then the DMP visibility codes (MASQUE_PS, INVISIBLE_PATIENT, INVISIBLE_REPRESENTANTS_LEGAUX). */
  readonly confidentialityCodes: readonly XdsCode[];
  readonly eventCodes?: readonly XdsCode[];
  readonly authors: readonly XdsAuthor[];
  /** legalAuthenticator, an XCN. */
  readonly legalAuthenticator?: string;
  /** HL7 DTM, UTC (`YYYYMMDDHHMMSS` or a shorter precision). */
  readonly creationTime?: string;
  readonly serviceStartTime?: string;
  readonly serviceStopTime?: string;
  /** `fr-FR` for documents, `art` for the lot signature. */
  readonly languageCode?: string;
  /** SHA-1 of the document bytes, lower-case hex. */
  readonly hash?: string;
  /** Size of the document in bytes. */
  readonly size?: number;
  /** Set by the repository; read from TD3.1 answers and passed to ITI-43 (never hard-coded). */
  readonly repositoryUniqueId?: string;
  /** ebRIM @home, when the registry sends one. */
  readonly homeCommunityId?: string;
  /** Slots Navette does not model, kept in order. */
  readonly otherSlots?: readonly XdsSlot[];
}

/** An XDS SubmissionSet (ebRIM RegistryPackage classified as a submission set): the "lot". */
export interface SubmissionSet {
  readonly entryUuid: string;
  /** Registry answers only. */
  readonly status?: string;
  readonly uniqueId: string;
  /** OID of the submitting software or structure. */
  readonly sourceId: string;
  readonly patientId: string;
  /** HL7 DTM, UTC. */
  readonly submissionTime: string;
  readonly contentTypeCode: XdsCode;
  readonly authors: readonly XdsAuthor[];
  readonly title?: string;
  readonly comments?: string;
  readonly intendedRecipients?: readonly string[];
  readonly homeCommunityId?: string;
  readonly otherSlots?: readonly XdsSlot[];
}

/** An ebRIM Association between two registry objects. */
export interface XdsAssociation {
  readonly id: string;
  /** Full association type URN (see ASSOCIATION_TYPES). */
  readonly associationType: string;
  readonly sourceObject: string;
  readonly targetObject: string;
  readonly status?: string;
  /** SubmissionSetStatus slot of a HasMember (`Original` or `Reference`). */
  readonly submissionSetStatus?: string;
  /** PreviousVersion slot (ITI-57 metadata update). */
  readonly previousVersion?: string;
  /** OriginalStatus / NewStatus slots (ITI-57 UpdateAvailabilityStatus). */
  readonly originalStatus?: string;
  readonly newStatus?: string;
  readonly otherSlots?: readonly XdsSlot[];
}

/** What a SubmitObjectsRequest (ITI-41's metadata part, ITI-57) carries. */
export interface RegistryObjects {
  readonly submissionSets: readonly SubmissionSet[];
  readonly documentEntries: readonly DocumentEntry[];
  readonly associations: readonly XdsAssociation[];
  /** ObjectRef ids (ObjectRef answers, or references in a submission). */
  readonly objectRefs: readonly string[];
}
