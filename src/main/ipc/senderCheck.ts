// Main trusts nothing from a renderer: an IPC call is served only when it comes from the top
// frame of a page of our own origin. A frame of another origin (an injected iframe, a page the
// window was tricked into loading) gets nothing.
import { isAppUrl } from '../security/appScheme.js';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: SenderFrameLike | null;
}

export type SenderVerdict =
  | { readonly trusted: true }
  | {
      readonly trusted: false;
      readonly reason: 'no-frame' | 'sub-frame' | 'foreign-origin' | 'foreign-page';
    };

/**
 * `frame` is `event.senderFrame`, which Electron sets to null once the frame has navigated away
 * or been destroyed: such a call is refused too. `page` (a path such as `/pin/index.html`)
 * narrows the check to one page of our origin: the PIN channels answer the PIN dialog only.
 */
export function checkSenderFrame(
  frame: SenderFrameLike | null | undefined,
  page?: string,
): SenderVerdict {
  if (frame === null || frame === undefined) return { trusted: false, reason: 'no-frame' };
  if (frame.parent !== null) return { trusted: false, reason: 'sub-frame' };
  if (!isAppUrl(frame.url)) return { trusted: false, reason: 'foreign-origin' };
  if (page !== undefined && new URL(frame.url).pathname !== page) {
    return { trusted: false, reason: 'foreign-page' };
  }
  return { trusted: true };
}
