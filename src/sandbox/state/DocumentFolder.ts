// The sandbox repository's document bytes, one file each in a folder next to the sandbox's SQLite
// file. Inserting a 21 MB BLOB costs ~100–130 ms (the bytes go through the WAL, then again into
// the database at checkpoint); writing a file costs a fraction of that, and the large-document
// benchmark counts the server's time as Navette's.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { NavetteError } from '../../domain/errors/NavetteError.js';

/**
 * A file name is a random UUID chosen here, never derived from the request (entryUUIDs may come
 * from the client): nothing a client sends can name a path, or an existing document's file.
 */
const FILE_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export class SandboxContentError extends NavetteError {
  override readonly name = 'SandboxContentError';
}

export class DocumentFolder {
  constructor(readonly dir: string) {}

  /**
   * Writes `bytes` to a new file and returns its name. No fsync: the sandbox needs to survive a
   * crash of its process, not a power loss; a completed write() is in the OS page cache, which
   * outlives the process — the same guarantee as the database's WAL with synchronous=NORMAL.
   */
  write(bytes: Uint8Array): string {
    // Created on first use, so opening a sandbox leaves no folder behind; recursive makes it a
    // no-op when present. Owner-only, as the database: documents look like health data.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const name = randomUUID();
    // 'wx': never replace an existing file, even on a (practically impossible) UUID collision.
    writeFileSync(this.pathOf(name), bytes, { flag: 'wx', mode: 0o600 });
    return name;
  }

  read(name: string): Buffer {
    try {
      return readFileSync(this.pathOf(name));
    } catch (cause) {
      if (cause instanceof SandboxContentError) throw cause;
      throw new SandboxContentError(
        'SANDBOX_CONTENT_UNREADABLE',
        `Le contenu d'un document du DMP de test est illisible (${name}) : recréez le DMP de test avec « navette sandbox init ».`,
        { file: name },
        { cause },
      );
    }
  }

  /** Best effort: a file left behind is an orphan no row points to, which is harmless. */
  remove(name: string): void {
    try {
      rmSync(this.pathOf(name), { force: true });
    } catch {
      // Nothing to do: see above.
    }
  }

  /** The file's path; refuses any name this folder did not make (a row edited by hand). */
  pathOf(name: string): string {
    if (!FILE_NAME.test(name)) {
      throw new SandboxContentError(
        'SANDBOX_CONTENT_NAME_INVALID',
        `Nom de fichier de document invalide dans le DMP de test : ${JSON.stringify(name)}.`,
        { file: name },
      );
    }
    return path.join(this.dir, name);
  }
}
