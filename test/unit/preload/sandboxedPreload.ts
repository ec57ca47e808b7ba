// Runs preload code the way Electron runs a preload in a sandboxed renderer: as ONE script inside
// a function wrapper (lib/sandboxed_renderer/init.ts, runPreloadScript) whose `require` knows
// only a few modules. Fake contextBridge and ipcRenderer record what the preload does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** What a sandboxed preload's `require` provides (Electron: electron, events, timers, url). */
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);

type Listener = (event: unknown, payload: unknown) => void;

/** src/preload/<file> compiled as the build compiles it (src/preload is CommonJS). */
export function compileSourcePreload(root: string, file = 'index.ts'): string {
  const source = path.join(root, 'src', 'preload', file);
  return ts.transpileModule(readFileSync(source, 'utf8'), {
    fileName: source,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023 },
  }).outputText;
}

export interface PreloadRun {
  /** What exposeInMainWorld received, by key. */
  readonly exposed: Map<string, unknown>;
  /** Every ipcRenderer.invoke call. */
  readonly invoked: { channel: string; args: unknown[] }[];
  /** Current ipcRenderer listeners by channel. */
  readonly listeners: Map<string, Set<Listener>>;
  /** Every module the preload required, in order. */
  readonly required: string[];
  /** Pushes a message from main on `channel`, as webContents.send would. */
  emit(channel: string, payload: unknown): void;
}

export function runSandboxedPreload(code: string): PreloadRun {
  const exposed = new Map<string, unknown>();
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipcRenderer = {
    invoke: (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: `answer of ${channel}` });
    },
    on: (channel: string, listener: Listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)?.add(listener);
      return ipcRenderer;
    },
    removeListener: (channel: string, listener: Listener) => {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (exposed.has(key)) throw new Error(`${key} exposed twice`);
      exposed.set(key, api);
    },
  };
  const required: string[] = [];
  const sandboxRequire = (id: string): unknown => {
    required.push(id);
    if (!SANDBOX_MODULES.has(id)) throw new Error(`module not found: ${id} (sandboxed preload)`);
    return id === 'electron' ? { contextBridge, ipcRenderer } : {};
  };
  const exports = {};
  const wrapper = new Function(
    'require',
    'process',
    'Buffer',
    'global',
    'setImmediate',
    'clearImmediate',
    'exports',
    'module',
    code,
  ) as (...args: unknown[]) => void;
  wrapper(sandboxRequire, {}, undefined, globalThis, setImmediate, clearImmediate, exports, {
    exports,
  });
  return {
    exposed,
    invoked,
    listeners,
    required,
    emit(channel, payload) {
      for (const listener of listeners.get(channel) ?? []) listener({ sender: 'secret' }, payload);
    },
  };
}
