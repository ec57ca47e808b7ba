// The XSD validator with in-memory schemas: include/import resolution through the loader,
// verdicts with line numbers, refusal of DOCTYPE, typed errors for missing or broken schemas,
// and freeing of the wasm objects.
import { describe, expect, it } from 'vitest';
import {
  XsdError,
  createXsdValidator,
  type SchemaLoader,
} from '../../../../src/protocol/xsd/index.js';

const XS = 'http://www.w3.org/2001/XMLSchema';
const FILES: Record<string, string> = {
  'main/root.xsd': `<xs:schema xmlns:xs="${XS}" xmlns:t="urn:test" xmlns:c="urn:common" targetNamespace="urn:test" elementFormDefault="qualified">
  <xs:include schemaLocation="parts/types.xsd"/>
  <xs:import namespace="urn:common" schemaLocation="../common/common.xsd"/>
  <xs:element name="order">
    <xs:complexType><xs:sequence>
      <xs:element name="id" type="t:Id"/>
      <xs:element ref="c:note" minOccurs="0"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>`,
  'main/parts/types.xsd': `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:test">
  <xs:simpleType name="Id"><xs:restriction base="xs:string"><xs:pattern value="[0-9]{3}"/></xs:restriction></xs:simpleType>
</xs:schema>`,
  'common/common.xsd': `<xs:schema xmlns:xs="${XS}" targetNamespace="urn:common" elementFormDefault="qualified">
  <xs:element name="note" type="xs:string"/>
</xs:schema>`,
};

function loader(files: Record<string, string>, calls: string[] = []): SchemaLoader {
  return (path) => {
    calls.push(path);
    const content = files[path];
    if (content === undefined) throw new Error(`absent: ${path}`);
    return content;
  };
}

const VALID =
  '<order xmlns="urn:test" xmlns:c="urn:common"><id>123</id><c:note>ok</c:note></order>';

describe('createXsdValidator', () => {
  it('resolves xs:include and xs:import relative to the including file', () => {
    const calls: string[] = [];
    const v = createXsdValidator(loader(FILES, calls), 'main/root.xsd');
    try {
      expect(calls).toEqual(['main/root.xsd', 'main/parts/types.xsd', 'common/common.xsd']);
      expect(v.schemaFiles).toEqual(calls);
      expect(v.validate(VALID)).toEqual({ valid: true, errors: [] });
      expect(v.validate(new TextEncoder().encode(VALID)).valid).toBe(true);
    } finally {
      v.dispose();
    }
  });

  it('reports each violation with its line', () => {
    const v = createXsdValidator(loader(FILES), 'main/root.xsd');
    try {
      const result = v.validate('<order xmlns="urn:test">\n  <id>12a</id>\n  <extra/>\n</order>');
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.line)).toEqual([2, 3]);
      expect(result.errors[0]?.message).toContain(
        "'12a' is not accepted by the pattern '[0-9]{3}'",
      );
      expect(result.errors[1]?.message).toContain(
        "Element '{urn:test}extra': This element is not expected",
      );
    } finally {
      v.dispose();
    }
  });

  it('reports malformed XML as invalid, and refuses any DOCTYPE', () => {
    const v = createXsdValidator(loader(FILES), 'main/root.xsd');
    try {
      const malformed = v.validate('<order xmlns="urn:test">\n<id>1</order>');
      expect(malformed.valid).toBe(false);
      expect(malformed.errors[0]?.line).toBe(2);
      const doctype = v.validate(
        '<!DOCTYPE order [<!ENTITY x "123">]><order xmlns="urn:test"><id>&x;</id></order>',
      );
      expect(doctype).toEqual({
        valid: false,
        errors: [{ line: 0, column: 0, message: 'DOCTYPE and ENTITY declarations are refused' }],
      });
    } finally {
      v.dispose();
    }
  });

  it('handles paths with spaces and non-ASCII characters (%-encoded in schemaLocation)', () => {
    const files = {
      'dossier spécial/root.xsd': FILES['main/root.xsd']!.replace(
        '../common/common.xsd',
        'sous%20dossier/common.xsd',
      ),
      'dossier spécial/parts/types.xsd': FILES['main/parts/types.xsd']!,
      'dossier spécial/sous dossier/common.xsd': FILES['common/common.xsd']!,
    };
    const v = createXsdValidator(loader(files), 'dossier spécial/root.xsd');
    try {
      expect(v.schemaFiles).toEqual(Object.keys(files));
      expect(v.validate(VALID).valid).toBe(true);
    } finally {
      v.dispose();
    }
  });

  it('throws XSD_SCHEMA_LOAD when the root or an included file cannot be loaded', () => {
    expect(() => createXsdValidator(loader(FILES), 'main/absent.xsd')).toThrow(
      expect.objectContaining({
        code: 'XSD_SCHEMA_LOAD',
        details: { path: 'main/absent.xsd' },
      }) as Error,
    );
    const { ['common/common.xsd']: _dropped, ...withoutImport } = FILES;
    let error: unknown;
    try {
      createXsdValidator(loader(withoutImport), 'main/root.xsd');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XsdError);
    expect(error).toMatchObject({
      code: 'XSD_SCHEMA_LOAD',
      details: { path: 'common/common.xsd' },
    });
  });

  it('throws XSD_SCHEMA_INVALID for a schema that does not compile', () => {
    const broken = {
      'x.xsd': `<xs:schema xmlns:xs="${XS}"><xs:element name="a" type="xs:nope"/></xs:schema>`,
    };
    expect(() => createXsdValidator(loader(broken), 'x.xsd')).toThrow(
      expect.objectContaining({ code: 'XSD_SCHEMA_INVALID' }) as Error,
    );
    expect(() => createXsdValidator(loader({ 'y.xsd': '<xs:schema' }), 'y.xsd')).toThrow(
      expect.objectContaining({ code: 'XSD_SCHEMA_INVALID' }) as Error,
    );
  });

  it('refuses to validate after dispose (wasm memory freed), and dispose is idempotent', () => {
    const v = createXsdValidator(loader(FILES), 'main/root.xsd');
    v.dispose();
    v.dispose();
    expect(() => v.validate(VALID)).toThrow(
      expect.objectContaining({ code: 'XSD_VALIDATOR_DISPOSED' }) as Error,
    );
  });

  it('supports `using` and many validators in turn (one libxml2 input provider for all)', () => {
    // libxml2's input callback table holds about 15 entries: one registration per validator
    // would run out long before 40.
    for (let i = 0; i < 40; i++) {
      using v = createXsdValidator(loader(FILES), 'main/root.xsd');
      expect(v.validate(VALID).valid).toBe(true);
    }
  });
});
