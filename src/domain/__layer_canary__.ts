// Layer canary (CONVENTIONS.md §7): src/domain is compiled without Node, DOM or Electron types.
// If any of them leak into src/domain/tsconfig.json, these directives become unused and the
// per-layer typecheck fails. Excluded from the build and from the editor-wide tsconfig.

// @ts-expect-error -- no Node globals in the domain
export const nodeLeak = process.env;
// @ts-expect-error -- no DOM in the domain
export const domLeak = document.title;
// @ts-expect-error -- no Buffer in the domain
export const bufferLeak = Buffer.alloc(1);
