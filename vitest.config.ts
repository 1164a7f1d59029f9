import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // lib/ rebuilt first when a source is newer than it: the CLI tests run the bundle.
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests build whole issues; give them room on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
