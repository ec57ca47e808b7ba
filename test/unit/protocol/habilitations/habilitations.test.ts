import { describe, expect, it } from 'vitest';
import { NavetteError } from '../../../../src/domain/errors/NavetteError.js';
import {
  buildListAuthorizationByPatientRequest,
  buildListAuthorizationByPatientResponse,
  buildPatientListRequest,
  buildPatientListResponse,
  buildSetAuthorizationRequest,
  buildSetAuthorizationResponse,
  parseListAuthorizationByPatientRequest,
  parseListAuthorizationByPatientResponse,
  parsePatientListRequest,
  parsePatientListResponse,
  parseSetAuthorizationRequest,
  parseSetAuthorizationResponse,
} from '../../../../src/protocol/habilitations/index.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof NavetteError) return e.code;
    throw e;
  }
  return undefined;
}

describe('TD0.3 setAuthorization', () => {
  it('builds the exact sample body', () => {
    expect(buildSetAuthorizationRequest({ action: 'AJOUT' })).toBe(
      '<setAuthorization xmlns="urn:si-dmp-habilitations"><action>AJOUT</action></setAuthorization>',
    );
  });

  it('refuses unknown actions and roles', () => {
    expect(
      codeOf(() =>
        parseSetAuthorizationRequest(
          '<setAuthorization><action>RETRAIT</action></setAuthorization>',
        ),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
    expect(codeOf(() => parseSetAuthorizationRequest('<setAuthorization/>'))).toBe(
      'DMP_PAYLOAD_INVALID',
    );
    expect(
      codeOf(() =>
        parseSetAuthorizationRequest(
          '<setAuthorization><action>AJOUT</action><role>MT</role></setAuthorization>',
        ),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
  });

  it('reports a DMP error status as not ok, and decodes entities', () => {
    const xml = buildSetAuthorizationResponse({
      status: 'DMPAccessDenied',
      context: 'Accès refusé : « bris de glace » & normal',
    });
    expect(xml).toContain('&amp; normal');
    expect(parseSetAuthorizationResponse(xml)).toEqual({
      status: 'DMPAccessDenied',
      context: 'Accès refusé : « bris de glace » & normal',
      ok: false,
    });
  });
});

describe('TD0.4 patientList', () => {
  it('formats a Date start in Europe/Paris and keeps the WSDL order', () => {
    const xml = buildPatientListRequest({
      startDate: new Date('2024-06-01T00:00:00Z'),
      dateType: 'LASTDOC',
      psOwnerId: '899900063480',
    });
    expect(xml).toBe(
      '<patientList xmlns="urn:si-dmp-patients"><startDate>20240601020000</startDate><dateType>LASTDOC</dateType>' +
        '<psOwnerId>899900063480</psOwnerId></patientList>',
    );
    expect(parsePatientListRequest(xml).psOwnerId).toBe('899900063480');
    expect(
      codeOf(() => parsePatientListRequest('<patientList><dateType>HIER</dateType></patientList>')),
    ).toBe('DMP_PAYLOAD_INVALID');
  });

  it('parses an empty list and an entry without an INS', () => {
    expect(parsePatientListResponse(buildPatientListResponse([]))).toEqual({
      status: 'DMPOk',
      context: undefined,
      ok: true,
      patients: [],
    });
    const res = parsePatientListResponse(
      buildPatientListResponse([
        {
          identifiers: [
            { nationalId: '0740724093302701701806', nationalIdType: '1.2.250.1.213.1.4.2' },
          ],
          isMedecinTraitant: false,
          message: true,
        },
      ]),
    );
    expect(res.patients[0]?.ins).toBeUndefined();
    expect(res.patients[0]?.message).toBe(true);
  });
});

describe('TD1.6 listAuthorizationByPatient', () => {
  it('builds the sample body and defaults a missing mode to TOUTE', () => {
    expect(buildListAuthorizationByPatientRequest('TOUTE')).toBe(
      '<listAuthorizationByPatient xmlns="urn:si-dmp-habilitations"><mode>TOUTE</mode></listAuthorizationByPatient>',
    );
    expect(parseListAuthorizationByPatientRequest('<listAuthorizationByPatient/>')).toEqual({
      mode: 'TOUTE',
    });
    expect(
      codeOf(() =>
        parseListAuthorizationByPatientRequest(
          '<listAuthorizationByPatient><mode>TOUT</mode></listAuthorizationByPatient>',
        ),
      ),
    ).toBe('DMP_PAYLOAD_INVALID');
  });

  it('pairs several specialities and reads blocked professionals', () => {
    const xml = buildListAuthorizationByPatientResponse([
      {
        nationalId: '810002422979',
        mode: 'INTERDITE',
        specialities: [
          { code: 'G15_10/SM26', label: 'Médecin généraliste' },
          { code: 'G15_10/SM54', label: 'Pédiatrie' },
        ],
      },
    ]);
    const res = parseListAuthorizationByPatientResponse(xml);
    expect(res.context).toBe('');
    expect(res.authorizations[0]).toMatchObject({
      nationalId: '810002422979',
      mode: 'INTERDITE',
      specialities: [
        { code: 'G15_10/SM26', label: 'Médecin généraliste' },
        { code: 'G15_10/SM54', label: 'Pédiatrie' },
      ],
    });
  });
});
