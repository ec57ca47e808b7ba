import { describe, expect, it } from 'vitest';
import {
  accessBannerText,
  accessOf,
  changeAccess,
  readAccess,
  type KeyValueStorage,
} from '../../../../src/renderer/patient/accessMode.js';

function storage(): KeyValueStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

const now = new Date('2026-01-02T03:04:05Z');

describe('access mode', () => {
  it('is normal by default and after anything unreadable', () => {
    const s = storage();
    expect(readAccess(s)).toEqual({ mode: 'normal' });
    s.map.set('navette.modeAcces', '{pas du json');
    expect(readAccess(s)).toEqual({ mode: 'normal' });
    s.map.set('navette.modeAcces', JSON.stringify({ mode: 'bris-de-glace' }));
    expect(readAccess(s)).toEqual({ mode: 'normal' });
  });

  it('refuses bris de glace without a reason, in French, and stays normal', () => {
    const s = storage();
    const change = changeAccess(s, 'bris-de-glace', '   ', now);
    expect(change.ok).toBe(false);
    if (!change.ok) expect(change.message).toContain("exige d'en indiquer la raison");
    expect(readAccess(s).mode).toBe('normal');
  });

  it('keeps bris de glace with its reason until ended, and puts it in the requests', () => {
    const s = storage();
    expect(changeAccess(s, 'bris-de-glace', ' Patient inconscient ', now).ok).toBe(true);
    const state = readAccess(s);
    expect(state).toEqual({
      mode: 'bris-de-glace',
      reason: 'Patient inconscient',
      since: now.toISOString(),
    });
    expect(accessOf(state)).toEqual({ mode: 'bris-de-glace', reason: 'Patient inconscient' });
    expect(accessBannerText(state)).toContain('« Patient inconscient »');
    changeAccess(s, 'normal', '', now);
    expect(readAccess(s)).toEqual({ mode: 'normal' });
    expect(accessBannerText(readAccess(s))).toBeNull();
  });

  it('selects centre 15 without a reason', () => {
    const s = storage();
    expect(changeAccess(s, 'centre-15', '', now).ok).toBe(true);
    expect(accessOf(readAccess(s))).toEqual({ mode: 'centre-15' });
    expect(accessBannerText(readAccess(s))).toBe('Mode centre de régulation (centre 15) en cours.');
  });

  it('refuses a reason longer than the API accepts', () => {
    const change = changeAccess(storage(), 'bris-de-glace', 'x'.repeat(501), now);
    expect(change.ok).toBe(false);
  });
});
