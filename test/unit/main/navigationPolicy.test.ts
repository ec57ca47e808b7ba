import { describe, expect, it } from 'vitest';
import { isAppUrl } from '../../../src/main/security/appScheme.js';
import {
  EXTERNAL_LINK_ORIGINS,
  decideNavigation,
  isAllowedRendererRequest,
} from '../../../src/main/security/navigationPolicy.js';

describe('decideNavigation', () => {
  it('opens allowlisted https sites in the browser, normalised', () => {
    expect(decideNavigation('https://www.monespacesante.fr/aide?x=1')).toEqual({
      action: 'open-external',
      url: 'https://www.monespacesante.fr/aide?x=1',
    });
    expect(decideNavigation('HTTPS://WWW.AMELI.FR')).toEqual({
      action: 'open-external',
      url: 'https://www.ameli.fr/',
    });
  });

  it('denies in-app navigations: the UI is one page', () => {
    expect(decideNavigation('app://navette/index.html')).toEqual({
      action: 'deny',
      reason: 'in-app',
    });
  });

  it.each([
    ['http, not https', 'http://www.monespacesante.fr/'],
    ['look-alike subdomain', 'https://www.monespacesante.fr.evil.example/'],
    ['other subdomain', 'https://evil.ameli.fr/'],
    ['credentials', 'https://user:pw@www.ameli.fr/'],
    ['other port', 'https://www.ameli.fr:8443/'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>1</script>'],
    ['custom protocol handler', 'ms-msdt:/id PCWDiagnostic'],
    ['smb share', 'smb://server/share'],
    ['our own scheme to the OS', 'navette://patient'],
    ['not a URL', 'not a url'],
    ['too long', `https://www.ameli.fr/${'a'.repeat(3000)}`],
  ])('denies %s', (_name, url) => {
    expect(decideNavigation(url)).toEqual({ action: 'deny', reason: 'not-allowed' });
  });

  it('uses exact https origins in its allowlist', () => {
    for (const origin of EXTERNAL_LINK_ORIGINS) expect(new URL(origin).origin).toBe(origin);
    for (const origin of EXTERNAL_LINK_ORIGINS) expect(origin.startsWith('https://')).toBe(true);
  });

  it('takes another allowlist', () => {
    expect(decideNavigation('https://aide.example/', ['https://aide.example'])).toMatchObject({
      action: 'open-external',
    });
    expect(decideNavigation('https://www.ameli.fr/', [])).toMatchObject({ action: 'deny' });
  });
});

describe('isAppUrl', () => {
  it('matches exactly the app://navette origin', () => {
    expect(isAppUrl('app://navette/index.html')).toBe(true);
    expect(isAppUrl('app://navette')).toBe(true);
    expect(isAppUrl('app://navette:1/index.html')).toBe(false);
    expect(isAppUrl('app://x@navette/index.html')).toBe(false);
    expect(isAppUrl('app://navette.evil/index.html')).toBe(false);
    expect(isAppUrl('https://navette/index.html')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('isAllowedRendererRequest', () => {
  it('lets our scheme and inline images through, and nothing from the network', () => {
    expect(isAllowedRendererRequest('app://navette/main.js')).toBe(true);
    expect(isAllowedRendererRequest('data:image/png;base64,AAAA')).toBe(true);
    expect(isAllowedRendererRequest('devtools://devtools/bundled/index.html')).toBe(true);
    for (const url of [
      'https://www.ameli.fr/',
      'http://127.0.0.1:7411/health',
      'ws://127.0.0.1:7411/',
      'file:///etc/passwd',
      'data:text/html,x',
      'app://other/x.js',
      'blob:app://navette/1',
    ]) {
      expect(isAllowedRendererRequest(url)).toBe(false);
    }
  });
});
