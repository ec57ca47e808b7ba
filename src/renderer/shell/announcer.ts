// The live region: screen readers say what changed (a document sent, a batch done) without the
// focus moving. The text is replaced, after a tick, so that the same message is said again.

export function createAnnouncer(region: HTMLElement): (message: string) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (message) => {
    region.textContent = '';
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      region.textContent = message;
    }, 50);
  };
}
