import { defineConfig } from "vitest/config";

// One vitest run for the whole workspace: a single process start is cheaper than one per
// package on the 2-core machines. The "source" export condition lets tests import the
// workspace packages' TypeScript directly, so unit tests never depend on a stale dist/.
export default defineConfig({
  resolve: { conditions: ["source"] },
  // Vitest runs tests in its SSR pipeline, which resolves package exports with its own
  // conditions; without this, imports of workspace packages would load a stale dist/.
  ssr: { resolve: { conditions: ["source"] } },
  test: {
    include: ["packages/*/test/**/*.test.ts", "plugins/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
