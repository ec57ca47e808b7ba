// The XsltRenderer on the system's xsltproc (libxslt, the engine the ANS stylesheet is written
// for and the test oracle of TECH-NOTES §4). It runs in a child process with no network
// (--nonet), no file writes (--nowrite, --nomkdir), a time limit and an output limit, and never
// sees a document with a DOCTYPE: a CDA has none, and refusing it shuts out entity tricks before
// libxml2 reads anything. Its HTML is then rewritten for the viewer's frame and the pages' strict
// CSP (cdaHtmlStyles.ts), unless `raw` is asked for.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import type { XsltRenderer } from '../../domain/ports/XsltRenderer.js';
import { findPackageRoot } from '../service/packageInfo.js';
import { cdaHtmlForFrame } from './cdaHtmlStyles.js';
import { CdaRenderError } from './cdaRenderError.js';

/** Largest stylesheet output rewritten for the viewer (~1.3 s of rewriting); see renderCda. */
export const MAX_STYLED_HTML_BYTES = 8 * 1024 * 1024;
export { CdaRenderError };

export const CDA_STYLESHEET_FILE = 'CDA-FO.xsl';

/** resources/cda/stylesheet of this installation (a copy of the ANS FeuilleDeStyle). */
export function defaultStylesheetDir(root: string = findPackageRoot()): string {
  return path.join(root, 'resources', 'cda', 'stylesheet');
}

export interface XsltprocRendererOptions {
  /** Folder holding CDA-FO.xsl and the files it loads (cda_l10n.xml…). */
  readonly stylesheetDir?: string;
  /** Default 'xsltproc' (found on PATH). */
  readonly command?: string;
  /** Default 20 s: the stylesheet renders the official examples in about 0.15 s here. */
  readonly timeoutMs?: number;
  /** Default 64 MB (a level-3 CDA may carry its embedded PDF copy into the page). */
  readonly maxOutputBytes?: number;
  /**
   * Default false: the HTML is rewritten for the viewer's frame and its strict CSP
   * (cdaHtmlStyles.ts: inline styles become classes of one constant <style> block, scripts
   * go). true: the stylesheet's output exactly as xsltproc wrote it (tests against the oracle).
   */
  readonly raw?: boolean;
  /** Default MAX_STYLED_HTML_BYTES: larger output is shown as written (unstyled), not rewritten. */
  readonly maxStyledBytes?: number;
}

export class XsltprocRenderer implements XsltRenderer {
  readonly engine = 'xsltproc';
  private readonly stylesheet: string;
  private readonly command: string;
  private readonly timeoutMs: number;
  private readonly maxOutputBytes: number;
  private readonly raw: boolean;
  private readonly maxStyledBytes: number;

  constructor(options: XsltprocRendererOptions = {}) {
    this.stylesheet = path.join(
      options.stylesheetDir ?? defaultStylesheetDir(),
      CDA_STYLESHEET_FILE,
    );
    this.command = options.command ?? 'xsltproc';
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.maxOutputBytes = options.maxOutputBytes ?? 64 * 1024 * 1024;
    this.raw = options.raw ?? false;
    this.maxStyledBytes = options.maxStyledBytes ?? MAX_STYLED_HTML_BYTES;
  }

  /** Whether the engine can run on this machine (`doctor`, and the choice of renderer). */
  available(): boolean {
    const probe = spawnSync(this.command, ['--version'], { stdio: 'ignore', timeout: 5000 });
    return probe.status === 0;
  }

  renderCda(xml: Uint8Array): Promise<string> {
    // The whole document, not only its start: a prolog may hold any number of comments first.
    const bytes = Buffer.from(xml.buffer, xml.byteOffset, xml.byteLength);
    if (bytes.includes('<!DOCTYPE') || bytes.includes('<!ENTITY')) {
      return Promise.reject(
        new CdaRenderError(
          'CDA_RENDER_DOCTYPE',
          "Ce document contient une déclaration DOCTYPE, interdite dans un document CDA : il n'est pas affiché. Prévenez son auteur.",
        ),
      );
    }
    return new Promise((resolve, reject) => {
      const child = spawn(
        this.command,
        ['--nonet', '--nowrite', '--nomkdir', '--maxdepth', '5000', this.stylesheet, '-'],
        { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true },
      );
      const chunks: Buffer[] = [];
      let size = 0;
      let stderr = '';
      let failure: CdaRenderError | undefined;
      const fail = (error: CdaRenderError): void => {
        failure ??= error;
        child.kill('SIGKILL');
      };
      const timer = setTimeout(() => {
        fail(
          new CdaRenderError(
            'CDA_RENDER_TIMEOUT',
            "L'affichage de ce document a pris trop de temps et a été abandonné. Ouvrez-le dans votre logiciel ou demandez-en une version PDF.",
          ),
        );
      }, this.timeoutMs);
      child.stdout.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxOutputBytes) {
          fail(
            new CdaRenderError(
              'CDA_RENDER_TOO_LARGE',
              "Ce document produit un affichage trop volumineux : il n'est pas affiché. Importez-le pour l'ouvrir dans votre logiciel.",
            ),
          );
          return;
        }
        chunks.push(chunk);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        if (stderr.length < 4096) stderr += chunk.toString('utf8');
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(
          new CdaRenderError(
            'CDA_RENDER_UNAVAILABLE',
            error.code === 'ENOENT'
              ? "Le moteur d'affichage des documents CDA (xsltproc) n'est pas installé sur ce poste : le document ne peut pas être affiché ici. Importez-le pour l'ouvrir dans votre logiciel."
              : `Le moteur d'affichage des documents CDA n'a pas pu démarrer (${error.code ?? 'erreur'}).`,
          ),
        );
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        if (failure !== undefined) {
          reject(failure);
          return;
        }
        if (code !== 0) {
          reject(
            new CdaRenderError(
              'CDA_RENDER_FAILED',
              "Ce document CDA n'a pas pu être mis en page (il est peut-être mal formé). Importez-le pour l'ouvrir dans votre logiciel, ou prévenez son auteur.",
              // libxml2 messages name lines and elements, never patient data beyond the markup.
              { exitCode: code, engineMessage: stderr.split('\n')[0] ?? '' },
            ),
          );
          return;
        }
        const output = Buffer.concat(chunks);
        const html = output.toString('utf8');
        try {
          // The rewrite runs on the service's thread at ~6 MB/s: past maxStyledBytes the
          // page is shown as the stylesheet wrote it — unstyled under the CSP, as safe (sandboxed
          // frame, no scripts) — rather than hold every other request for seconds.
          const styled = !this.raw && output.byteLength <= this.maxStyledBytes;
          resolve(styled ? cdaHtmlForFrame(html) : html);
        } catch (error) {
          reject(error);
        }
      });
      // EPIPE when xsltproc exits early on bad input: the close handler reports it.
      child.stdin.on('error', () => undefined);
      child.stdin.end(xml);
    });
  }
}
