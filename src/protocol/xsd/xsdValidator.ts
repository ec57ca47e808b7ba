// XML Schema validation over libxml2-wasm (TECH-NOTES §4: the ANS CDA schema compiles in about
// 0.2 s and validates a document in 6-21 ms, no native code). The schema files come from a
// loader function, so this module does no I/O: the application bundles the schemas, tests read
// them from reference/dmp/schema (test/support/xsdFiles.ts).
//
// libxml2-wasm objects live in WebAssembly memory that JavaScript's garbage collector does not
// see: every document is freed after validation, and `dispose()` frees the compiled schema.
import { Buffer } from 'node:buffer';
import {
  ParseOption,
  XmlDocument,
  XmlLibError,
  XsdValidator as LibXsdValidator,
  type ErrorDetail,
} from 'libxml2-wasm';
import { XsdError } from './XsdError.js';
import { openSchemaSession, type SchemaLoader } from './schemaInputProvider.js';

export interface XsdIssue {
  /** 1-based line in the validated text (0 when libxml2 gives none). */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** XPath of the offending node, when libxml2 gives one. */
  readonly path?: string;
}

export interface XsdValidationResult {
  readonly valid: boolean;
  readonly errors: readonly XsdIssue[];
}

export interface XsdValidator extends Disposable {
  /** Validates a whole document (text or UTF-8 bytes). Malformed XML is reported as invalid. */
  validate(xml: string | Uint8Array): XsdValidationResult;
  /** The schema files the loader served while compiling (root first). */
  readonly schemaFiles: readonly string[];
  /** Frees the compiled schema. Calling validate afterwards throws XSD_VALIDATOR_DISPOSED. */
  dispose(): void;
}

// No DTD loading, no network, no external entities: documents are validated, never expanded.
const PARSE_OPTIONS = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE;

function issues(details: readonly ErrorDetail[]): XsdIssue[] {
  return details.map((d) => ({
    line: d.line,
    column: d.col,
    message: d.message.trim(),
    ...(d.xpath !== undefined ? { path: d.xpath } : {}),
  }));
}

// Same rule as xml/parse.ts: no document type declaration at all, so no entity can exist.
function hasDoctype(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (
    buffer.indexOf('<!DOCTYPE', 0, 'latin1') >= 0 || buffer.indexOf('<!ENTITY', 0, 'latin1') >= 0
  );
}

function toBytes(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? new TextEncoder().encode(content) : content;
}

function loadError(path: string, cause: unknown): XsdError {
  return new XsdError('XSD_SCHEMA_LOAD', `Schéma XML introuvable : ${path}.`, { path }, { cause });
}

function invalidSchema(path: string, cause: unknown): XsdError {
  const details = cause instanceof XmlLibError ? issues(cause.details).slice(0, 5) : [];
  return new XsdError(
    'XSD_SCHEMA_INVALID',
    `Le schéma XML ${path} ne peut pas être compilé.`,
    { path, details },
    { cause },
  );
}

interface Compiled {
  readonly schema: XmlDocument;
  readonly validator: LibXsdValidator;
  readonly files: readonly string[];
}

function compile(loadSchema: SchemaLoader, rootXsdPath: string): Compiled {
  let root: Uint8Array;
  try {
    root = toBytes(loadSchema(rootXsdPath));
  } catch (cause) {
    throw loadError(rootXsdPath, cause);
  }
  const session = openSchemaSession(loadSchema, rootXsdPath);
  let schema: XmlDocument | undefined;
  let validator: LibXsdValidator | undefined;
  try {
    try {
      schema = XmlDocument.fromBuffer(root, { url: session.url, option: PARSE_OPTIONS });
      validator = LibXsdValidator.fromDoc(schema);
    } catch (cause) {
      throw session.failure
        ? loadError(session.failure.path, session.failure.cause)
        : invalidSchema(rootXsdPath, cause);
    }
    // libxml2 only warns when an xsd:import cannot be read: a missing file must not go unnoticed.
    if (session.failure) throw loadError(session.failure.path, session.failure.cause);
    return { schema, validator, files: [rootXsdPath, ...session.loaded] };
  } catch (error) {
    validator?.dispose();
    schema?.dispose();
    throw error;
  } finally {
    session.close();
  }
}

/**
 * Compiles the schema `rootXsdPath`; `loadSchema` is called with that path and then with every
 * path its xsd:include / xsd:import lead to, resolved relative to the including file (as
 * `ebRS/rs.xsd`, or `/abs/ebRS/rs.xsd` when the root path is absolute).
 */
export function createXsdValidator(loadSchema: SchemaLoader, rootXsdPath: string): XsdValidator {
  let compiled: Compiled | undefined = compile(loadSchema, rootXsdPath);
  const schemaFiles = compiled.files;
  const dispose = (): void => {
    if (!compiled) return;
    compiled.validator.dispose();
    compiled.schema.dispose();
    compiled = undefined;
  };
  return {
    schemaFiles,
    validate(xml: string | Uint8Array): XsdValidationResult {
      if (!compiled) {
        throw new XsdError('XSD_VALIDATOR_DISPOSED', 'Le validateur XML a déjà été libéré.');
      }
      const bytes = toBytes(xml);
      if (hasDoctype(bytes)) {
        return {
          valid: false,
          errors: [{ line: 0, column: 0, message: 'DOCTYPE and ENTITY declarations are refused' }],
        };
      }
      let doc: XmlDocument;
      try {
        doc = XmlDocument.fromBuffer(bytes, { option: PARSE_OPTIONS });
      } catch (error) {
        if (error instanceof XmlLibError) return { valid: false, errors: issues(error.details) };
        throw error;
      }
      try {
        compiled.validator.validate(doc);
        return { valid: true, errors: [] };
      } catch (error) {
        if (error instanceof XmlLibError) return { valid: false, errors: issues(error.details) };
        throw error;
      } finally {
        doc.dispose();
      }
    },
    dispose,
    [Symbol.dispose]: dispose,
  };
}
