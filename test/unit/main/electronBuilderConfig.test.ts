// electron-builder.yml, checked line by line (no YAML parser dependency): the settings that
// carry security or integration weight must be there with the right values.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const text = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const lines = text.split('\n').map((l) => l.replace(/\s+#.*$/, '').trimEnd());

/** The indented lines under a top-level key. */
function block(key: string): string[] {
  const start = lines.indexOf(`${key}:`);
  expect(start, `top-level key ${key}`).toBeGreaterThanOrEqual(0);
  const body: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line !== '' && !line.startsWith(' ')) break;
    if (line.trim() !== '') body.push(line.trim());
  }
  return body;
}

function topLevel(key: string): string | undefined {
  const prefix = `${key}: `;
  return lines.find((l) => l.startsWith(prefix))?.slice(prefix.length);
}

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(topLevel('appId')).toBe('fr.navette.app');
    expect(topLevel('productName')).toBe('Navette');
    expect(topLevel('asar')).toBe('true');
  });

  it('sets every fuse', () => {
    expect(block('electronFuses')).toEqual(
      expect.arrayContaining([
        'runAsNode: false',
        'enableCookieEncryption: true',
        'enableNodeOptionsEnvironmentVariable: false',
        'enableNodeCliInspectArguments: false',
        'enableEmbeddedAsarIntegrityValidation: true',
        'onlyLoadAppFromAsar: true',
        'grantFileProtocolExtraPrivileges: false',
      ]),
    );
  });

  it('offers the per-user / per-machine choice in the NSIS installer', () => {
    // electron-builder: oneClick false + perMachine false = the "install mode" page (per-user by
    // default, per-machine with elevation).
    expect(block('nsis')).toEqual(
      expect.arrayContaining(['oneClick: false', 'perMachine: false', 'allowElevation: true']),
    );
  });

  it('gives every platform the app icon, and claims no file type', () => {
    for (const platform of ['win', 'mac', 'linux']) {
      const icon = block(platform).find((l) => l.startsWith('icon: '));
      expect(icon, platform).toBe('icon: resources/icons/icon.png');
      expect(existsSync(path.join(root, 'resources', 'icons', 'icon.png'))).toBe(true);
    }
    // Navette opens links, never files: no file association anywhere.
    expect(text).not.toMatch(/fileAssociations/);
  });

  it('leaves source maps out and unpacks every native module', () => {
    expect(block('files')).toContain("- '!**/*.map'");
    expect(block('asarUnpack')).toContain("- '**/*.node'");
  });

  it('registers the navette:// scheme', () => {
    const protocols = block('protocols');
    expect(protocols).toContain('- name: Navette');
    expect(protocols.slice(protocols.indexOf('schemes:') + 1)[0]).toBe('- navette');
  });

  it('packages the compiled app and its resources, with the main entry of the desktop app', () => {
    expect(block('files')).toEqual(expect.arrayContaining(['- dist/**', '- resources/**']));
    expect(block('extraMetadata')).toContain('main: dist/main/main.js');
    expect(block('extraResources')).toEqual(
      expect.arrayContaining(['- from: resources', 'to: resources']),
    );
    expect(block('asarUnpack')).toEqual(
      expect.arrayContaining([
        "- '**/node_modules/better-sqlite3/**'",
        "- '**/node_modules/pkcs11js/**'",
      ]),
    );
  });

  it('builds NSIS, dmg, AppImage and deb', () => {
    expect(block('win')).toContain('- target: nsis');
    expect(block('mac')).toContain('- target: dmg');
    expect(block('linux')).toEqual(expect.arrayContaining(['- AppImage', '- deb']));
    expect(block('nsis')).toEqual(expect.arrayContaining(['oneClick: false', 'perMachine: false']));
  });

  it('publishes to a generic server', () => {
    expect(block('publish')).toEqual(
      expect.arrayContaining(['provider: generic', expect.stringMatching(/^url: https:\/\//)]),
    );
  });
});
