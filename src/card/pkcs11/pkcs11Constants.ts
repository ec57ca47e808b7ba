// PKCS#11 v2.40 constants Navette uses, as plain numbers. The host side must not import pkcs11js:
// loading it loads the native addon, and the whole point of the card worker is that native code
// (pkcs11js, the vendor middleware) lives in another process. The worker imports pkcs11js itself.

/** Return values (CKR_*). */
export const CKR = {
  OK: 0x0,
  CANCEL: 0x1,
  SLOT_ID_INVALID: 0x3,
  GENERAL_ERROR: 0x5,
  FUNCTION_FAILED: 0x6,
  ATTRIBUTE_TYPE_INVALID: 0x12,
  DATA_LEN_RANGE: 0x21,
  DEVICE_ERROR: 0x30,
  DEVICE_MEMORY: 0x31,
  DEVICE_REMOVED: 0x32,
  FUNCTION_NOT_SUPPORTED: 0x54,
  KEY_HANDLE_INVALID: 0x60,
  KEY_TYPE_INCONSISTENT: 0x63,
  KEY_FUNCTION_NOT_PERMITTED: 0x68,
  MECHANISM_INVALID: 0x70,
  OBJECT_HANDLE_INVALID: 0x82,
  OPERATION_ACTIVE: 0x90,
  PIN_INCORRECT: 0xa0,
  PIN_INVALID: 0xa1,
  PIN_LEN_RANGE: 0xa2,
  PIN_EXPIRED: 0xa3,
  PIN_LOCKED: 0xa4,
  SESSION_CLOSED: 0xb0,
  SESSION_HANDLE_INVALID: 0xb3,
  TOKEN_NOT_PRESENT: 0xe0,
  TOKEN_NOT_RECOGNIZED: 0xe1,
  USER_ALREADY_LOGGED_IN: 0x100,
  USER_NOT_LOGGED_IN: 0x101,
  USER_PIN_NOT_INITIALIZED: 0x102,
  CRYPTOKI_NOT_INITIALIZED: 0x190,
  CRYPTOKI_ALREADY_INITIALIZED: 0x191,
} as const;

const CKR_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(CKR).map(([name, value]) => [value, `CKR_${name}`]),
);

/** 'CKR_PIN_INCORRECT' for 0xA0; the hex value for codes Navette does not name. */
export function ckrName(code: number): string {
  return CKR_NAMES.get(code) ?? `0x${code.toString(16).toUpperCase()}`;
}

/** Slot flags (CKF_* of CK_SLOT_INFO). */
export const SLOT_FLAGS = {
  TOKEN_PRESENT: 0x1,
  REMOVABLE_DEVICE: 0x2,
  HW_SLOT: 0x4,
} as const;

/** Token flags (CKF_* of CK_TOKEN_INFO). */
export const TOKEN_FLAGS = {
  LOGIN_REQUIRED: 0x4,
  USER_PIN_INITIALIZED: 0x8,
  PROTECTED_AUTHENTICATION_PATH: 0x100,
  TOKEN_INITIALIZED: 0x400,
  USER_PIN_COUNT_LOW: 0x10000,
  USER_PIN_FINAL_TRY: 0x20000,
  USER_PIN_LOCKED: 0x40000,
  USER_PIN_TO_BE_CHANGED: 0x80000,
} as const;

/** Mechanisms (CKM_*). */
export const CKM = {
  RSA_PKCS: 0x1,
  RSA_X_509: 0x3,
  SHA1_RSA_PKCS: 0x6,
  RSA_PKCS_PSS: 0xd,
  SHA256_RSA_PKCS: 0x40,
  SHA256_RSA_PKCS_PSS: 0x43,
} as const;

export const CKO = { CERTIFICATE: 0x1, PRIVATE_KEY: 0x3 } as const;
export const CKU = { USER: 0x1, CONTEXT_SPECIFIC: 0x2 } as const;
export const CKF_SERIAL_SESSION = 0x4;

/** Attributes (CKA_*). */
export const CKA = {
  CLASS: 0x0,
  TOKEN: 0x1,
  LABEL: 0x3,
  VALUE: 0x11,
  CERTIFICATE_TYPE: 0x80,
  KEY_TYPE: 0x100,
  ID: 0x102,
  SIGN: 0x108,
  ALWAYS_AUTHENTICATE: 0x202,
} as const;

export const CKC_X_509 = 0x0;
