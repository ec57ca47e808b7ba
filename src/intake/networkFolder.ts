// Whether a watched folder is on a network share, to choose chokidar's polling mode. Native change
// notifications are generally not delivered for SMB/CIFS and NFS (chokidar #225, #895, #1081), so
// on a share chokidar must poll; our own periodic rescan stays the real safety net either way.
//
// What is detected ("auto"):
// - Linux: the file-system type of the mount holding the folder, from /proc/mounts (cifs, smb3,
//   smbfs, nfs, nfs4, and a few other network file systems);
// - Windows: UNC paths (\\server\share\…), after resolving the folder with realpath, which turns
//   a mapped drive letter into its UNC form [unverified here]; when in doubt, configure
//   `watch.polling: "always"`.
// - macOS and others: not detected (configure "always" for a share).
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

export type PollingMode = 'auto' | 'always' | 'never';

export const NETWORK_FS_TYPES: ReadonlySet<string> = new Set([
  'cifs',
  'smb3',
  'smbfs',
  'nfs',
  'nfs4',
  'ncpfs',
  'afs',
  'fuse.sshfs',
  'davfs',
  '9p',
]);

interface MountEntry {
  readonly mountPoint: string;
  readonly fsType: string;
}

/** /proc/mounts writes spaces, tabs, newlines and backslashes in octal (`\040`). */
function unescapeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_m, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

export function parseProcMounts(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const mountPoint = fields[1];
    const fsType = fields[2];
    if (mountPoint === undefined || fsType === undefined) continue;
    entries.push({ mountPoint: unescapeMountField(mountPoint), fsType });
  }
  return entries;
}

/** The file-system type of the mount that holds `folder` (an absolute, resolved POSIX path). */
export function mountTypeOf(folder: string, mounts: readonly MountEntry[]): string | undefined {
  let best: MountEntry | undefined;
  for (const m of mounts) {
    const inside =
      folder === m.mountPoint ||
      m.mountPoint === '/' ||
      folder.startsWith(m.mountPoint.endsWith('/') ? m.mountPoint : `${m.mountPoint}/`);
    // The longest mount point wins; a later line with the same point overmounts an earlier one.
    if (inside && (best === undefined || m.mountPoint.length >= best.mountPoint.length)) best = m;
  }
  return best?.fsType;
}

/**
 * `\\server\share\…` (or with forward slashes), and the `\\?\UNC\server\share` form that
 * realpath gives for a mapped network drive on Windows [unverified here: no Windows machine];
 * `\\?\C:\…` and `\\.\…` (local device paths) are not shares.
 */
export function isUncPath(folder: string): boolean {
  if (/^[\\/]{2}[?.][\\/]/.test(folder)) return /^[\\/]{2}\?[\\/]UNC[\\/]/i.test(folder);
  return /^[\\/]{2}[^\\/]+[\\/][^\\/]+/.test(folder);
}

export interface NetworkProbe {
  readonly platform: NodeJS.Platform;
  /** Content of /proc/mounts (Linux); undefined when unreadable. */
  readonly procMounts?: string;
}

/** Pure decision, for tests: is `folder` (absolute, symlinks resolved) on a network share? */
export function isNetworkFolder(folder: string, probe: NetworkProbe): boolean {
  if (probe.platform === 'win32') return isUncPath(folder);
  if (probe.platform === 'linux' && probe.procMounts !== undefined) {
    const type = mountTypeOf(path.posix.normalize(folder), parseProcMounts(probe.procMounts));
    return type !== undefined && NETWORK_FS_TYPES.has(type);
  }
  return false;
}

/** Looks at the real system: resolves symlinks, reads /proc/mounts on Linux. Never throws. */
export async function detectNetworkFolder(folder: string): Promise<boolean> {
  const resolved = await realpath(folder).catch(() => path.resolve(folder));
  const procMounts =
    process.platform === 'linux'
      ? await readFile('/proc/mounts', 'utf8').catch(() => undefined)
      : undefined;
  return isNetworkFolder(resolved, {
    platform: process.platform,
    ...(procMounts === undefined ? {} : { procMounts }),
  });
}

/** Whether chokidar should poll `folder` under `mode`. */
export async function shouldPoll(folder: string, mode: PollingMode): Promise<boolean> {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  return detectNetworkFolder(folder);
}
