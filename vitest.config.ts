import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Keychain and network tests share one Secret Service and loopback; keep files in parallel, tests in order.
    pool: 'forks',
  },
});
