// Redaction of text: the rules that find patient identifiers, secrets and names inside any string
// (a log message, a field value, an error message, a SOAP fault quoted in an error). They run at
// the sink on everything, whatever the caller passed, so a mistake at a call site cannot put a
// NIR, a PIN or a key in a log file. They err on the side of masking: a 13-digit timestamp written
// as text is masked too; that costs a little readability, a leak would cost much more.

/** What replaces a masked value. */
export const MASK = '[masqué]';

/**
 * PEM blocks (certificates, private keys), up to their END line, or to the end of the text when
 * it was cut.
 */
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;

/** HTTP credentials: `Bearer <token>`, `Basic <base64>`. */
const HTTP_CREDENTIALS = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * `name=value`, `name: value` and `"name": "value"` where the name is a secret or a patient name
 * (query strings, JSON quoted in an error, `pin=1234` in a message). The value is masked.
 */
const TEXT_KEYS =
  '[\\w-]*?(?:pin|password|passwd|pwd|passphrase|secret|token|api[_-]?key|private[_-]?key|' +
  'authorization|cookie|family|given|birthName|patientName|firstName|lastName|nom|pr[eé]nom)s?';
const KEY_VALUE = new RegExp(
  // (Not the scheme of credentials already masked above: `Authorization: Bearer [masqué]`.)
  `(["']?)(?<![\\w-])(${TEXT_KEYS})\\1(\\s*[=:]\\s*)(?!(?:Bearer|Basic)\\s)` +
    `("(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s,;&}\\]"'<]+)`,
  'gi',
);

/**
 * A secret written after its name with only a space (`PIN 1234`, `mot de passe s3cret`): masked
 * when the value holds a digit, so that `PIN refusé` stays readable.
 */
const SECRET_AFTER_SPACE =
  /\b((?:code\s+)?pin|password|passphrase|mot\s+de\s+passe|secret)(\s+)(?!\[masqué\])([^\s,;)\]}]*\d[^\s,;)\]}]*)/gi;

/** `<family>DUPONT</family>`, `<given>…</given>` (CDA, HL7v3 names quoted in an error). */
const XML_NAME = /<((?:[\w-]+:)?(?:family|given|prefix|suffix))(\s[^>]*)?>([^<]*)<\/\1>/gi;

/** The identifier of an HL7 CX form: `<id>^^^&<OID>&ISO^<type>` (INS, and any other patient id). */
const CX_ID = /(?<![^\s^|"'<>&=:,;])[^\s^|"'<>&=:,;]+(?=\^\^\^&[0-9.]+&ISO\^)/g;

/**
 * NIR/NIA-like runs: 13 or more digits (2A/2B allowed for Corsica), possibly grouped with single
 * spaces as people write them ("2 79 03 51 215 189 89"). The length threshold, not a plausibility
 * check, decides: a mistyped NIR is still personal data.
 */
const DIGIT_RUN = /\d(?:\d|(?<=2)[AB](?![A-Za-z])|[ \u00a0\u202f](?=\d))*/gi;
const MIN_NIR_CHARS = 13;

// The look-behinds above and below make a match start only where a run of its characters starts:
// without them, a long text with no separator costs quadratic time (each position is retried).

/** E-mail addresses (patients', or a professional's in a MSSanté error). */
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

export function redactText(text: string): string {
  return text
    .replace(PEM_BLOCK, MASK)
    .replace(HTTP_CREDENTIALS, (_m, scheme: string) => `${scheme} ${MASK}`)
    .replace(KEY_VALUE, (_m, quote: string, key: string, sep: string, value: string) => {
      const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${quote}${key}${quote}${sep}${q}${MASK}${q}`;
    })
    .replace(SECRET_AFTER_SPACE, (_m, key: string, space: string) => `${key}${space}${MASK}`)
    .replace(
      XML_NAME,
      (_m, tag: string, attrs: string | undefined) => `<${tag}${attrs ?? ''}>${MASK}</${tag}>`,
    )
    .replace(CX_ID, MASK)
    .replace(DIGIT_RUN, (run) =>
      run.replace(/[\s\u00a0\u202f]/g, '').length >= MIN_NIR_CHARS ? MASK : run,
    )
    .replace(EMAIL, MASK);
}
