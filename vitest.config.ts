import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // `npm test` runs both projects; `vitest run --project e2e` runs one.
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          // The chaos suite runs the built app as processes: `npm run test:chaos` (vitest.chaos.config.ts).
          exclude: [...configDefaults.exclude, "test/e2e/**", "test/chaos/**"],
          setupFiles: ["test/setup.ts"],
          // Each test file gets its own module graph: no state leaks between files.
          isolate: true,
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          // The real app against the emulators over loopback HTTP: one file per scenario.
          include: ["test/e2e/**/*.test.ts"],
          setupFiles: ["test/setup.ts"],
          isolate: true,
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
