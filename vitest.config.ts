import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/browser/**", "node_modules/**"],
    globalSetup: ["test/helpers/bundle-browser.ts"],
    // A sign-in pays for scrypt at OWASP's minimum (128 MiB, a few hundred ms on a busy 2-core machine), and
    // the sign-in suites make several in one test.
    testTimeout: 20_000,
  },
});
