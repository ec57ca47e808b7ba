// TD3.2's content as the viewer shows it (DocumentDisplay of src/api/consult.ts): a PDF in
// base64, the ANS stylesheet's HTML for a structured CDA without a PDF copy (untrusted: the
// viewer shows it in a sandboxed frame without scripts), plain text, or the bytes as they are.
import type { DocumentDisplay } from '../../api/consult.js';
import type { XsltRenderer } from '../../domain/ports/XsltRenderer.js';
import type { DisplayData } from '../../protocol/cda/displayData.js';

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export async function documentDisplayOf(
  got: { readonly display: DisplayData; readonly bytes: Uint8Array; readonly mimeType: string },
  title: string | null,
  renderer: XsltRenderer,
): Promise<DocumentDisplay> {
  const display = got.display;
  switch (display.kind) {
    case 'pdf':
      return { kind: 'pdf', base64: base64(display.bytes), title };
    case 'text':
      return {
        kind: 'other',
        mimeType: 'text/plain; charset=utf-8',
        base64: Buffer.from(display.text, 'utf8').toString('base64'),
        title,
      };
    case 'cda-xml':
      return {
        kind: 'html',
        html: await renderer.renderCda(Buffer.from(display.xml, 'utf8')),
        title,
      };
    default:
      return { kind: 'other', mimeType: got.mimeType, base64: base64(got.bytes), title };
  }
}
