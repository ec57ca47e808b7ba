// Where the compiled card worker is looked for, from dist/ and from the TypeScript sources.
import { describe, expect, it } from 'vitest';
import { defaultWorkerPath } from '../../../src/card/index.js';

describe('defaultWorkerPath', () => {
  it('is next to the compiled card layer when running from dist/', () => {
    expect(defaultWorkerPath('file:///app/dist/card/host/workerPath.js')).toBe(
      '/app/dist/card/worker/main.js',
    );
  });

  it('maps the TypeScript sources (vitest) to the build under dist/', () => {
    expect(defaultWorkerPath('file:///repo/src/card/host/workerPath.ts')).toBe(
      '/repo/dist/card/worker/main.js',
    );
  });
});
