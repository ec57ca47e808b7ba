// The components of the running service and their states. Each component (configuration,
// database, server, and later card, watcher, outbox, DMP client) reports here; `/health`, the tray
// and the UI read from here. Listeners hear every change (the source of `component-changed`).
import type { ComponentState, ComponentStatus } from '../../api/health.js';

export type ComponentListener = (name: string, status: ComponentStatus) => void;

export class ComponentRegistry {
  readonly #components = new Map<string, ComponentStatus>();
  readonly #listeners = new Set<ComponentListener>();

  /** Sets the state of `name` (registering it on first use). `message` is French, for the user. */
  set(name: string, state: ComponentState, message?: string): void {
    const status: ComponentStatus = message === undefined ? { state } : { state, message };
    const previous = this.#components.get(name);
    this.#components.set(name, status);
    if (previous?.state === status.state && previous.message === status.message) return;
    for (const listener of this.#listeners) listener(name, status);
  }

  get(name: string): ComponentStatus | undefined {
    return this.#components.get(name);
  }

  /** A copy of every component's status, in registration order. */
  snapshot(): Record<string, ComponentStatus> {
    return Object.fromEntries(
      [...this.#components].map(([name, status]) => [name, { ...status }] as const),
    );
  }

  /** Calls `listener` on every change; returns the function that stops it. */
  onDidChange(listener: ComponentListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
