import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Conformance and real-tool tests spawn Reclass and other processes.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
