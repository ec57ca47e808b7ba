// The sandbox's test PKI (library only; `navette sandbox init` calls it).
export {
  CARD_KEY_SLOTS,
  CARD_TYPE_CODE,
  CPS_OIDS,
  PRODUCT_CATEGORY,
  PROFESSION_LABELS,
  type CardKind,
  type KeyRole,
} from './cpsCertificateProfile.js';
export { DEFAULT_TEST_CARDS, DEFAULT_TEST_STRUCTURE } from './defaultTestCards.js';
export { generateTestPki, writeTestPki, type TestPkiOptions } from './generateTestPki.js';
export { buildPkcs12, type Pkcs12Entry } from './pkcs12Writer.js';
export type {
  CardHolder,
  CardKeyPair,
  IssuedCertificate,
  TestCard,
  TestCardSpec,
  TestPki,
  TestServer,
  TestStructure,
  TestStructureSpec,
} from './testPkiTypes.js';
