// The VIHF as data: what the builder takes and what the parser returns. Field names say what the
// value is; the SAML attribute names live in vihfConstants.ts.
import type { AccessMode, AuthenticationMode } from '../../domain/access/accessModes.js';

/** An HL7 CE (the Role and PurposeOfUse attribute values). */
export interface VihfCode {
  readonly code: string;
  readonly codeSystem: string;
  readonly codeSystemName?: string;
  readonly displayName?: string;
}

/** The software (LPS) block. */
export interface VihfSoftware {
  /** LPS_ID: the software instance id (the samples: 01.01.01.01). */
  readonly instanceId: string;
  /** LPS_Nom. */
  readonly name: string;
  /** LPS_Version. */
  readonly version: string;
  /** LPS_ID_HOMOLOGATION_DMP: the number CNAM/GIE-SV gave the software. */
  readonly homologationNumber: string;
}

/** An attribute the DMP-INTERFACE lists as UNCONFIRMED, passed through as plain strings. */
export interface VihfExtraAttribute {
  readonly name: string;
  readonly values: readonly string[];
}

export interface VihfInput {
  /** Assertion ID; default `_` + a random UUID (the samples' form). */
  readonly id?: string;
  /** IssueInstant and AuthnInstant; default now. */
  readonly issueInstant?: Date;
  /**
   * Issuer (X509SubjectName of the signing certificate). Default: the signer certificate's subject
   * in RFC 2253 order, computed by the signing step. Set it to reproduce another writer's spelling.
   */
  readonly issuer?: string;
  /** Subject/NameID: the PS national id (e.g. 899900063480), or `<FINESS>/<id>` for an automaton. */
  readonly subjectId: string;
  /** Optional Conditions (NotBefore/NotOnOrAfter). The official samples have none. */
  readonly validity?: { readonly notBefore: Date; readonly notOnOrAfter: Date };
  readonly authenticationMode: AuthenticationMode;
  /** Default SmartcardPKI, as in every official sample. */
  readonly authnContextClassRef?: string;
  /** AuthnContextDecl; default SmartcardPKI in AIR mode (as the AIR sample), none otherwise. */
  readonly authnContextDecl?: string;
  /** Identifiant_Structure (Struct_IdNat of the card activity, FINESS, SIRET-based id). */
  readonly structureId: string;
  /** Secteur_Activite as `code^OID`, e.g. SA07^1.2.250.1.71.4.2.4. */
  readonly activitySector: string;
  /** subject-id ("NOM Prénom"). Required in indirect modes; the direct samples omit it. */
  readonly subjectName?: string;
  /** The profession Role (G15, or the AUTOMATE role). */
  readonly profession: VihfCode;
  /** The speciality Role (R01); required for professions 10 (médecin) and 21 (pharmacien). */
  readonly specialty?: VihfCode;
  readonly accessMode: AccessMode;
  /** Required in bris de glace: the reason the PS gave. */
  readonly accessReason?: string;
  /** Acces_Regulation_Medicale (UNCONFIRMED; written VRAI/FAUX like Pro Santé Connect). */
  readonly medicalRegulation?: boolean;
  /** resource-id: the patient INS in CX form. Omitted for calls not about a patient (TD0.4). */
  readonly patientId?: string;
  readonly software: VihfSoftware;
  /** Default 3.0. */
  readonly vihfVersion?: string;
  /** Attributes the interface notes as UNCONFIRMED (confidentiality code…), appended last. */
  readonly extraAttributes?: readonly VihfExtraAttribute[];
}

/** A VIHF read back from XML (signed or not). */
export interface VihfAssertion {
  readonly id: string;
  readonly issueInstant: string;
  readonly issuer: string;
  readonly issuerFormat?: string;
  readonly subjectId: string;
  readonly validity?: { readonly notBefore?: string; readonly notOnOrAfter?: string };
  readonly authnInstant: string;
  readonly authnContextClassRef: string;
  readonly authnContextDecl?: string;
  readonly structureId: string;
  readonly activitySector: string;
  readonly subjectName?: string;
  /** Every Role value in document order (profession and speciality). */
  readonly roles: readonly VihfCode[];
  /** The Role in the G15 or automaton code system, if any. */
  readonly profession?: VihfCode;
  /** The Role in the R01 code system, if any. */
  readonly specialty?: VihfCode;
  readonly vihfVersion: string;
  readonly authenticationMode: AuthenticationMode;
  readonly accessMode: AccessMode;
  /** The PurposeOfUse CE as written. */
  readonly purposeOfUse: VihfCode;
  readonly accessReason?: string;
  readonly medicalRegulation?: boolean;
  readonly patientId?: string;
  readonly resourceUrn: string;
  readonly software: VihfSoftware;
  /** Attributes not listed above, by name, with their text values. */
  readonly otherAttributes: readonly VihfExtraAttribute[];
}
