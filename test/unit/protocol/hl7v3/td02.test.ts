import { describe, expect, it } from 'vitest';
import { insOfKind } from '../../../../src/domain/ins/ins.js';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import {
  buildTd02Request,
  buildTd02Response,
  formatHl7Timestamp,
  isHl7Timestamp,
  locatePayload,
  parseTd02Request,
  parseTd02Response,
  toHl7Timestamp,
} from '../../../../src/protocol/hl7v3/index.js';

const LPS = { oid: '1.2.3.4.5', softwareName: 'Navette & co' };
const INS = insOfKind('207058575627097', 'NIR_TEST');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof NavetteError) return e.code;
    throw e;
  }
  return undefined;
}

describe('HL7 timestamps', () => {
  it('formats in Europe/Paris, winter and summer', () => {
    expect(formatHl7Timestamp(new Date('2025-01-15T10:20:30Z'))).toBe('20250115112030');
    expect(formatHl7Timestamp(new Date('2025-07-15T10:20:30Z'))).toBe('20250715122030');
    expect(formatHl7Timestamp(new Date('2025-07-15T23:59:59Z'), 'UTC')).toBe('20250715235959');
  });

  it('checks TS strings', () => {
    expect(isHl7Timestamp('20210519174507')).toBe(true);
    expect(isHl7Timestamp('19070525')).toBe(true);
    expect(isHl7Timestamp('20210519174507+0200')).toBe(true);
    expect(isHl7Timestamp('2021-05-19')).toBe(false);
    expect(codeOf(() => toHl7Timestamp('hier'))).toBe('HL7_TIMESTAMP_INVALID');
  });
});

describe('xml tree helpers', () => {
  it('locates a payload in an element, a Body or an envelope, and reports a missing one', () => {
    const el =
      '<patientList xmlns="urn:si-dmp-patients"><dateType>LASTDOC</dateType></patientList>';
    expect(locatePayload(el, 'patientList')).toHaveProperty('dateType', 'LASTDOC');
    expect(
      locatePayload(`<s:Envelope xmlns:s="x"><s:Body>${el}</s:Body></s:Envelope>`, 'patientList'),
    ).toHaveProperty('dateType');
    expect(codeOf(() => locatePayload(el, 'setAuthorization'))).toBe('DMP_PAYLOAD_MISSING');
  });
});

describe('TD0.2 request', () => {
  it('builds the sample shape with escaped values and defaults', () => {
    const built = buildTd02Request({
      ins: INS,
      sender: LPS,
      creationTime: '20250101120000',
      messageId: 'm-1',
      queryId: 'q-1',
    });
    expect(built.messageId).toEqual({ root: '1.2.3.4.5.1.1', extension: 'm-1' });
    expect(built.queryId).toEqual({ root: '1.2.3.4.5.2', extension: 'q-1' });
    expect(built.xml).toContain('<softwareName>Navette &amp; co</softwareName>');
    expect(built.xml).toContain('<value root="1.2.250.1.213.1.4.10" extension="207058575627097"/>');
    expect(built.xml).toContain('<reasonCode code="TEST_EXST" codeSystem="1.2.250.1.213.1.1.4.11"');
    expect(built.xml).toContain('<processingCode code="P"/>');
    expect(built.xml).toContain(
      '<id root="1.2.250.1.213.4.1.1.1"/><softwareName>DMP</softwareName>',
    );
    const parsed = parseTd02Request(built.xml);
    expect(parsed.sender).toEqual(LPS);
    expect(parsed.reasonCode).toBe('TEST_EXST');
  });

  it('generates distinct UUIDs when ids are not given', () => {
    const a = buildTd02Request({ ins: INS, sender: LPS, creationTime: '20250101120000' });
    const b = buildTd02Request({ ins: INS, sender: LPS, creationTime: '20250101120000' });
    expect(a.messageId.extension).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.messageId.extension).not.toBe(b.messageId.extension);
    expect(a.queryId.extension).not.toBe(a.messageId.extension);
  });

  it('rejects requests without patient, with a bad INS or another interaction', () => {
    const good = buildTd02Request({ ins: INS, sender: LPS, creationTime: '20250101120000' }).xml;
    expect(
      codeOf(() =>
        parseTd02Request(
          good.replace('extension="207058575627097"', 'extension="207058575627096"'),
        ),
      ),
    ).toBe('INS_KEY_INVALID');
    expect(
      codeOf(() => parseTd02Request(good.replace('1.2.250.1.213.1.4.10', '1.2.250.1.213.1.4.2'))),
    ).toBe('INS_OID_UNKNOWN');
    expect(
      codeOf(() =>
        parseTd02Request(good.replace(/<patientIdentifier>.*<\/patientIdentifier>/, '')),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
    expect(
      codeOf(() =>
        parseTd02Request(
          good.replace('extension="PRPA_IN201307UV02"', 'extension="PRPA_IN201305UV02"'),
        ),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
  });
});

describe('TD0.2 response', () => {
  const request = {
    messageId: { root: '1.2.3.4.5.1.1', extension: 'm-1' },
    queryId: { root: '1.2.3.4.5.2', extension: 'q-1' },
  };

  it('round-trips a found DMP with the requester as receiver', () => {
    const xml = buildTd02Response({
      messageId: 'r-1',
      creationTime: new Date('2025-03-01T08:00:00Z'),
      request,
      requester: LPS,
      outcome: {
        kind: 'found',
        authorization: 'EXPIRE',
        isMedecinTraitant: false,
        patient: {
          ins: INS,
          given: ['ANNE', 'MARIE'],
          family: "D'ARC <test>",
          administrativeGender: 'F',
          birthTime: '19070525',
        },
      },
    });
    expect(xml).toContain('<creationTime value="20250301090000"/>');
    const r = parseTd02Response(xml);
    expect(r.authorization).toBe('EXPIRE');
    expect(r.isMedecinTraitant).toBe(false);
    expect(r.patient?.names[0]).toEqual({
      prefix: undefined,
      given: ['ANNE', 'MARIE'],
      family: "D'ARC <test>",
      familyQualifier: 'SP',
    });
    expect(r.patient?.internetAccountOpen).toBeUndefined();
    expect(r.patient?.ins).toEqual(INS);
    expect(r.acknowledgement?.targetMessageId).toEqual(request.messageId);
  });

  it('reads acknowledgement typeCode as a child element and detectedIssueEvent codes', () => {
    const xml =
      '<PRPA_IN201308UV02 xmlns="urn:hl7-org:v3"><id root="x"/>' +
      '<acknowledgement><typeCode code="AE"/><targetMessage><id root="a" extension="b"/></targetMessage>' +
      '<acknowledgementDetail typeCode="E"><code code="DMPAccessDenied"/><text>Accès refusé</text></acknowledgementDetail>' +
      '</acknowledgement><controlActProcess><reasonOf><detectedIssueEvent><code code="DMPClosed"/></detectedIssueEvent></reasonOf>' +
      '<queryAck><queryResponseCode code="AE"/></queryAck></controlActProcess></PRPA_IN201308UV02>';
    const r = parseTd02Response(xml);
    expect(r.acknowledgement?.typeCode).toBe('AE');
    expect(r.errorCodes).toEqual(['DMPAccessDenied', 'DMPClosed']);
    expect(r.dmpStatus).toBe('FERME');
    expect(r.patient).toBeUndefined();
  });

  it('keeps an INS with a bad key out of `ins` but in `ids`', () => {
    const xml =
      '<PRPA_IN201308UV02 xmlns="urn:hl7-org:v3"><controlActProcess><subject><registrationEvent><subject1><patient>' +
      '<id root="1.2.250.1.213.1.4.10" extension="207058575627096"/><statusCode code="active"/>' +
      '</patient></subject1></registrationEvent></subject><queryAck><queryResponseCode code="OK"/></queryAck>' +
      '</controlActProcess></PRPA_IN201308UV02>';
    const r = parseTd02Response(xml);
    expect(r.patient?.ins).toBeUndefined();
    expect(r.patient?.ids).toEqual([
      { root: '1.2.250.1.213.1.4.10', extension: '207058575627096' },
    ]);
    expect(r.dmpStatus).toBe('ACTIF');
  });

  it('refuses another interaction', () => {
    expect(
      codeOf(() =>
        parseTd02Response(
          '<PRPA_IN201308UV02><interactionId extension="PRPA_IN201306UV02"/></PRPA_IN201308UV02>',
        ),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
  });
});
