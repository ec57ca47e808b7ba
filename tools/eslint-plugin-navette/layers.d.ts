// Types of layers.js for the TypeScript tests that import it (test/unit/tooling/layers.test.ts).
export declare const LAYER_IMPORTS: Readonly<Record<string, readonly string[]>>;
/** The developer message when `spec` imported from `file` breaks a layer rule, else undefined. */
export declare function checkImport(file: string, spec: string, srcRoot: string): string | undefined;
export declare const layersRule: unknown;
