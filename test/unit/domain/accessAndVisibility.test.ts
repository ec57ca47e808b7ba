import { describe, expect, it } from 'vitest';
import {
  AccessModeError,
  NORMAL_VISIBILITY,
  allowedAccessModes,
  assertAccessModeAllowed,
  describeVisibility,
  isAccessMode,
  isAccessModeAllowed,
  isAuthenticationMode,
  visibilityFromConfidentialityCodes,
  visibilityFromFlags,
  visibilityToConfidentialityCodes,
  visibilityToFlags,
  type AccessContext,
} from '../../../src/domain/index.js';

describe('access modes (PDT-INF-526 v1.8)', () => {
  const cps = (profile: AccessContext['profile']): AccessContext => ({
    authenticationMode: 'DIRECTE',
    credential: 'CPS',
    ...(profile ? { profile } : {}),
  });

  it('follows the matrix columns', () => {
    expect(allowedAccessModes(cps('MEDECIN'))).toEqual(['normal', 'centre_15', 'bris_de_glace']);
    expect(allowedAccessModes(cps('PS_NON_MEDECIN'))).toEqual([
      'normal',
      'centre_15',
      'bris_de_glace',
    ]);
    expect(allowedAccessModes(cps('MEDECIN_TRAITANT'))).toEqual(['normal', 'bris_de_glace']);
    expect(allowedAccessModes(cps('MEDECIN_DU_TRAVAIL'))).toEqual(['normal']);
    expect(allowedAccessModes({ authenticationMode: 'DIRECTE', credential: 'CPE' })).toEqual([
      'normal',
    ]);
    expect(
      allowedAccessModes({ authenticationMode: 'INDIRECTE', credential: 'STRUCTURE_CERTIFICATE' }),
    ).toEqual(['normal', 'centre_15']);
    expect(
      allowedAccessModes({
        authenticationMode: 'INDIRECTE_RENFORCEE',
        credential: 'STRUCTURE_CERTIFICATE',
      }),
    ).toEqual(['normal']);
  });

  it('refuses inconsistent contexts', () => {
    expect(allowedAccessModes(cps(undefined))).toEqual([]);
    expect(allowedAccessModes(cps('NON_PS'))).toEqual([]);
    expect(allowedAccessModes({ authenticationMode: 'INDIRECTE', credential: 'CPS' })).toEqual([]);
    expect(
      isAccessModeAllowed({ authenticationMode: 'DIRECTE', credential: 'CPE' }, 'bris_de_glace'),
    ).toBe(false);
  });

  it('throws typed errors with French messages', () => {
    expect(() => assertAccessModeAllowed(cps('MEDECIN'), 'bris_de_glace')).not.toThrow();
    try {
      assertAccessModeAllowed(
        { authenticationMode: 'INDIRECTE', credential: 'STRUCTURE_CERTIFICATE' },
        'bris_de_glace',
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AccessModeError);
      expect((e as AccessModeError).code).toBe('ACCESS_MODE_NOT_ALLOWED');
      expect((e as AccessModeError).message).toContain('bris de glace');
    }
    try {
      assertAccessModeAllowed(
        { authenticationMode: 'DIRECTE', credential: 'STRUCTURE_CERTIFICATE' },
        'normal',
      );
      expect.unreachable();
    } catch (e) {
      expect((e as AccessModeError).code).toBe('AUTH_MODE_CREDENTIAL_MISMATCH');
    }
  });

  it('recognises the wire values', () => {
    expect(isAccessMode('centre_15')).toBe(true);
    expect(isAccessMode('urgence')).toBe(false);
    expect(isAuthenticationMode('INDIRECTE_RENFORCEE')).toBe(true);
    expect(isAuthenticationMode('directe')).toBe(false);
  });
});

describe('document visibility', () => {
  it('produces N plus one code per restriction', () => {
    expect(visibilityToConfidentialityCodes(NORMAL_VISIBILITY).map((c) => c.code)).toEqual(['N']);
    const all = {
      hiddenFromProfessionals: true,
      hiddenFromPatient: true,
      hiddenFromLegalRepresentatives: true,
    };
    expect(visibilityToConfidentialityCodes(all)).toEqual([
      { code: 'N', codeSystem: '2.16.840.1.113883.5.25', displayName: 'Normal' },
      {
        code: 'MASQUE_PS',
        codeSystem: '1.2.250.1.213.1.1.4.13',
        displayName: 'Masqué aux professionnels de santé',
      },
      {
        code: 'INVISIBLE_PATIENT',
        codeSystem: '1.2.250.1.213.1.1.4.13',
        displayName: 'Non visible par le patient',
      },
      {
        code: 'INVISIBLE_REPRESENTANTS_LEGAUX',
        codeSystem: '1.2.250.1.213.1.1.4.13',
        displayName: 'Non visible par les représentants légaux du patient',
      },
    ]);
  });

  it('reads codes back, keeping R/V and refusing unknown DMP codes', () => {
    const read = visibilityFromConfidentialityCodes([
      { code: 'N', codeSystem: '2.16.840.1.113883.5.25' },
      { code: 'INVISIBLE_PATIENT', codeSystem: '1.2.250.1.213.1.1.4.13' },
      { code: 'R', codeSystem: '2.16.840.1.113883.5.25' },
    ]);
    expect(read.visibility).toEqual({
      hiddenFromProfessionals: false,
      hiddenFromPatient: true,
      hiddenFromLegalRepresentatives: false,
    });
    expect(read.hl7Levels).toEqual(['R']);
    expect(() =>
      visibilityFromConfidentialityCodes([
        { code: 'SECRET', codeSystem: '1.2.250.1.213.1.1.4.13' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VISIBILITY_CODE_UNKNOWN' }));
    expect(() =>
      visibilityFromConfidentialityCodes([
        { code: 'MASQUE_PS', codeSystem: '2.16.840.1.113883.5.25' },
      ]),
    ).toThrow(expect.objectContaining({ code: 'VISIBILITY_CODE_UNKNOWN' }));
  });

  it('converts to and from DmpConnect flags and describes in French', () => {
    const v = {
      hiddenFromProfessionals: true,
      hiddenFromPatient: false,
      hiddenFromLegalRepresentatives: true,
    };
    expect(visibilityToFlags(v)).toBe(13);
    expect(visibilityFromFlags(13)).toEqual(v);
    expect(visibilityToFlags(NORMAL_VISIBILITY)).toBe(1);
    expect(describeVisibility(NORMAL_VISIBILITY)).toBe('Normal');
    expect(describeVisibility(v)).toBe(
      'Masqué aux professionnels de santé ; Non visible par les représentants légaux du patient',
    );
  });
});
