// One vitest configuration, four projects. `npm test` runs them all; `npm run check` runs `unit`.
// `electron` is aliased to a stub: from plain Node, electron >= 42 tries to download its binary
// on import (TECH-NOTES §6), so no test may load the real module.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const electronStub = fileURLToPath(new URL('./test/stubs/electron.ts', import.meta.url));
const shared = { alias: { electron: electronStub } };

export default defineConfig({
  test: {
    projects: [
      { resolve: shared, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        resolve: shared,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        resolve: shared,
        test: { name: 'conformance', include: ['test/conformance/**/*.test.ts'], testTimeout: 60_000 },
      },
      {
        resolve: shared,
        test: {
          name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
