import { defineConfig } from "vitest/config";

// The real-browser suite (`npm run test:browser`): Debian's Chromium driven by playwright-core.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    fileParallelism: false,
    globalSetup: ["test/helpers/bundle-browser.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
