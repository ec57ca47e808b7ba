import { describe, expect, it } from 'vitest';
import {
  isNetworkFolder,
  isUncPath,
  mountTypeOf,
  parseProcMounts,
} from '../../../src/intake/networkFolder.js';

const PROC_MOUNTS = [
  '/dev/sda1 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid 0 0',
  '//nas/cabinet /mnt/cabinet cifs rw,vers=3.0,uid=1000 0 0',
  'nas:/export /srv/nfs nfs4 rw,relatime 0 0',
  '/dev/sdb1 /mnt/cabinet/local ext4 rw 0 0',
  '//nas/dossier\\040partagé /mnt/dossier\\040partagé smb3 rw 0 0',
].join('\n');

describe('network folder detection', () => {
  it('reads /proc/mounts with its octal escapes', () => {
    expect(parseProcMounts(PROC_MOUNTS).at(-1)).toEqual({
      mountPoint: '/mnt/dossier partagé',
      fsType: 'smb3',
    });
  });

  it('finds the longest mount point holding the folder', () => {
    const mounts = parseProcMounts(PROC_MOUNTS);
    expect(mountTypeOf('/mnt/cabinet/export', mounts)).toBe('cifs');
    expect(mountTypeOf('/mnt/cabinet/local/export', mounts)).toBe('ext4');
    expect(mountTypeOf('/mnt/cabinetX', mounts)).toBe('ext4');
    expect(mountTypeOf('/srv/nfs', mounts)).toBe('nfs4');
  });

  it('says whether to poll on Linux from the file-system type', () => {
    const linux = { platform: 'linux' as const, procMounts: PROC_MOUNTS };
    expect(isNetworkFolder('/mnt/cabinet/export', linux)).toBe(true);
    expect(isNetworkFolder('/srv/nfs/dmp', linux)).toBe(true);
    expect(isNetworkFolder('/mnt/dossier partagé/export', linux)).toBe(true);
    expect(isNetworkFolder('/home/secretariat/export', linux)).toBe(false);
    expect(isNetworkFolder('/mnt/cabinet/local/export', linux)).toBe(false);
    expect(isNetworkFolder('/mnt/cabinet/export', { platform: 'linux' })).toBe(false);
  });

  it('treats UNC paths as shares on Windows, and local device paths not', () => {
    expect(isUncPath('\\\\serveur\\partage\\Export')).toBe(true);
    expect(isUncPath('//serveur/partage')).toBe(true);
    expect(isUncPath('\\\\?\\UNC\\serveur\\partage\\Export')).toBe(true);
    expect(isUncPath('\\\\?\\C:\\Export')).toBe(false);
    expect(isUncPath('\\\\.\\pipe\\x')).toBe(false);
    expect(isUncPath('C:\\Export')).toBe(false);
    expect(isNetworkFolder('\\\\serveur\\partage', { platform: 'win32' })).toBe(true);
    expect(isNetworkFolder('D:\\Export', { platform: 'win32' })).toBe(false);
    expect(isNetworkFolder('/Volumes/partage', { platform: 'darwin' })).toBe(false);
  });
});
