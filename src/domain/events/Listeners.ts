// A minimal typed event emitter for the long-running parts (intake, outbox worker): listeners are
// called in order, and one that throws stops neither the others nor the part that emits — a bug
// in a progress display must never stop the sending.
export class Listeners<E> {
  private readonly listeners = new Set<(event: E) => void>();

  /** Adds a listener; returns the function that removes it. */
  add(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: E): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // Deliberately ignored: see above.
      }
    }
  }
}
