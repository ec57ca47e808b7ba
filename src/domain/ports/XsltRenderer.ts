/**
 * The display port for structured documents: turns a CDA (level 3 without an embedded PDF copy)
 * into HTML with the ANS display stylesheet. Behind a port because no XSLT 1.0 engine is both
 * faithful and available everywhere (TECH-NOTES §4): xsltproc where the system has it (Linux,
 * the test oracle), Chromium's XSLTProcessor inside the desktop window while Electron still ships
 * it; saxon-js is the long-term candidate.
 *
 * The HTML is untrusted output of untrusted input: whatever the document's narrative holds.
 * Whoever shows it must do so in a sandboxed frame without scripts (CONVENTIONS §5). The xsltproc
 * adapter also removes scripts and turns the stylesheet's inline styles into one constant style
 * block the strict CSP allows by hash (src/app/display/cdaHtmlStyles.ts); the port itself only
 * promises well-formed output or a typed error.
 */
export interface XsltRenderer {
  /** Which engine (for diagnostics): 'xsltproc', 'chromium'… */
  readonly engine: string;
  /** The document as HTML (UTF-8 text). Throws a NavetteError with a French message on failure. */
  renderCda(xml: Uint8Array): Promise<string>;
}
