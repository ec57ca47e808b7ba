// What `navette card` shows, without asking for the PIN: where the PKCS#11 module was looked for
// and which was loaded, the readers (slots), the cards in them, each card's holder and
// certificates with their dates, and the PIN state the token flags tell. Plain JSON values (dates
// as ISO text, no certificate bytes), for the CLI's --json and the API alike.
import {
  cardErrors,
  type CardCertificate,
  type CardDetails,
  type ModuleDescription,
  type PinState,
  type SlotDescription,
} from '../../card/index.js';
import { isNavetteError } from '../../domain/errors/NavetteError.js';
import type { NavetteConfig } from '../config/index.js';
import type { Environment } from './cardEnvironment.js';
import { locateCardModule, openCardService } from './openCardService.js';

export interface CertificateReport {
  readonly role: 'authentication' | 'signature' | null;
  readonly subject: string;
  readonly issuer: string;
  readonly serialHex: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly validity: 'valid' | 'expired' | 'not-yet-valid';
  readonly keyUsage: readonly string[];
  readonly extendedKeyUsage: readonly string[];
  readonly fingerprintSha256: string;
  readonly ckaIdHex: string;
  /** null before login on most cards (private keys are hidden). */
  readonly hasPrivateKey: boolean | null;
}

export interface CardEntryReport {
  readonly label: string;
  readonly serial: string;
  readonly slotId: string;
  readonly reader: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly kind: string | null;
  readonly test: boolean;
  readonly holder: {
    readonly nationalId: string;
    readonly family: string | null;
    readonly given: string | null;
    readonly professionCode: string | null;
    readonly professionLabel: string | null;
    readonly specialties: readonly string[];
  } | null;
  readonly pin: PinState;
  readonly authentication: CertificateReport | null;
  readonly signature: CertificateReport | null;
  readonly otherCertificates: readonly CertificateReport[];
  /** Why this card could not be read, when it could not. */
  readonly error?: { readonly code: string; readonly message: string };
}

export interface CardReport {
  readonly module: {
    readonly found: boolean;
    readonly path: string | null;
    /** 'configuration' (card.pkcs11Module) or 'catalogue' (Cryptolib CPS locations). */
    readonly source: 'configuration' | 'catalogue' | null;
    readonly searched: readonly string[];
    readonly library: ModuleDescription | null;
  };
  readonly slots: readonly SlotDescription[];
  readonly cards: readonly CardEntryReport[];
  /** The failure that stopped the report (module missing or not loadable…), if any. */
  readonly error?: { readonly code: string; readonly message: string };
}

function certificateReport(c: CardCertificate): CertificateReport {
  return {
    role: c.role,
    subject: c.subject,
    issuer: c.issuer,
    serialHex: c.serialHex,
    notBefore: c.notBefore.toISOString(),
    notAfter: c.notAfter.toISOString(),
    validity: c.validity,
    keyUsage: c.keyUsage,
    extendedKeyUsage: c.extendedKeyUsage,
    fingerprintSha256: c.fingerprintSha256,
    ckaIdHex: c.ckaIdHex,
    hasPrivateKey: c.hasPrivateKey,
  };
}

function entryOf(d: CardDetails): CardEntryReport {
  return {
    label: d.label,
    serial: d.serial,
    slotId: d.slotId,
    reader: d.readerDescription,
    manufacturer: d.manufacturer,
    model: d.model,
    kind: d.kind,
    test: d.test,
    holder:
      d.holder === null
        ? null
        : {
            nationalId: d.holder.nationalId,
            family: d.holder.family,
            given: d.holder.given,
            professionCode: d.holder.professionCode,
            professionLabel: d.holder.professionLabel,
            specialties: d.holder.specialties,
          },
    pin: d.pin,
    authentication: d.authentication === null ? null : certificateReport(d.authentication),
    signature: d.signature === null ? null : certificateReport(d.signature),
    otherCertificates: d.otherCertificates.map(certificateReport),
  };
}

export function errorSummary(error: unknown): { code: string; message: string } {
  if (isNavetteError(error)) return { code: error.code, message: error.message };
  return {
    code: 'UNEXPECTED',
    message: `Erreur inattendue (${error instanceof Error ? error.message : String(error)}).`,
  };
}

export interface CardReportOptions {
  readonly config: NavetteConfig;
  readonly env: Environment;
  readonly workerPath?: string;
}

/** Reads every card without logging in. Never throws for a card problem: it is in the report. */
export async function readCardReport(options: CardReportOptions): Promise<CardReport> {
  const search = locateCardModule(options.config);
  const moduleBase = {
    found: search.found !== null,
    path: search.found?.path ?? null,
    source: search.found?.source ?? null,
    searched: search.searched,
  };
  if (search.found === null) {
    // The same French error as every other command (CARD_MODULE_MISSING, naming the paths).
    const missing = cardErrors.moduleMissing(
      search.searched,
      Boolean(options.config.card.pkcs11Module),
    );
    return {
      module: { ...moduleBase, library: null },
      slots: [],
      cards: [],
      error: errorSummary(missing),
    };
  }
  const opened = openCardService(options);
  try {
    let library: ModuleDescription;
    let slots: readonly SlotDescription[];
    try {
      library = await opened.backend.initialize();
      slots = await opened.backend.listSlots();
    } catch (e: unknown) {
      return {
        module: { ...moduleBase, library: null },
        slots: [],
        cards: [],
        error: errorSummary(e),
      };
    }
    const inventory = await opened.service.inventory();
    const cards: CardEntryReport[] = [];
    for (const card of inventory.cards) {
      try {
        cards.push(entryOf(await opened.service.readCard(card)));
      } catch (e: unknown) {
        cards.push({
          label: card.label,
          serial: card.serial,
          slotId: card.slotId,
          reader: card.readerDescription,
          manufacturer: card.manufacturer,
          model: card.model,
          kind: null,
          test: false,
          holder: null,
          pin: card.pin,
          authentication: null,
          signature: null,
          otherCertificates: [],
          error: errorSummary(e),
        });
      }
    }
    return { module: { ...moduleBase, library }, slots, cards };
  } finally {
    await opened.close();
  }
}
