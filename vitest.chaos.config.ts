import { defineConfig } from "vitest/config";

/**
 * `npm run test:chaos`: the app as a real process (`node dist/main.js`, built first) against the emulators, killed,
 * stopped and run as several replicas. Real time: every wait is for a condition, with a bound. Kept out of
 * `npm test` (its own config) because it needs the build; CI runs both.
 */
export default defineConfig({
  test: {
    name: "chaos",
    include: ["test/chaos/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    isolate: true,
    // The scenarios start processes and a redis-server each: one file at a time keeps 2 cores from thrashing.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
