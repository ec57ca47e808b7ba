// Turning bytes into XML text. Official DMP samples include ISO-8859-1 files WITHOUT an encoding
// declaration (the direct-mode VIHF samples), so "no declaration" cannot be trusted to mean UTF-8:
// we decode as UTF-8 when the bytes are valid UTF-8, and as Latin-1 otherwise.
import { XmlReadError } from './XmlError.js';

const DECLARED = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Decodes an XML document's bytes to a string, honouring a BOM or an encoding declaration. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  }
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = DECLARED.exec(head)?.[1]?.toLowerCase();
  if (declared && declared !== 'utf-8' && declared !== 'utf8') {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      throw new XmlReadError(
        'XML_ENCODING_UNSUPPORTED',
        `Encodage XML non pris en charge : « ${declared} ».`,
        {
          encoding: declared,
        },
      );
    }
  }
  if (isValidUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  if (declared) {
    throw new XmlReadError(
      'XML_ENCODING_INVALID',
      'Le fichier se déclare en UTF-8 mais contient des octets invalides. Réenregistrez-le en UTF-8.',
    );
  }
  return new TextDecoder('latin1').decode(bytes);
}
