import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Each test file gets its own module graph: no state leaks between files.
    isolate: true,
    testTimeout: 20_000,
  },
});
