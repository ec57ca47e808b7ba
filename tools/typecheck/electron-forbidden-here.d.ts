// Every layer but src/main and src/preload resolves 'electron' to this empty module (see the
// `paths` entry of its tsconfig), so any use of Electron there fails the per-layer typecheck —
// and electron.d.ts, which pulls in Node's globals, never leaks into a pure layer.
export {};
