import { defineConfig, devices } from "@playwright/test";

// End-to-end journeys in Debian's Chromium against the production build.
// Each worker starts its own server on its own database (tests/e2e/fixtures.ts).
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  // Journeys of many pages: on a busy 2-core machine one took 31 s that takes 10 s on a quiet one. A
  // limit is there to end a stuck test, not to time a fast one (speed is the benchmark's to measure).
  timeout: 90_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  outputDir: "test-results/e2e",
  use: {
    ...devices["Desktop Chrome"],
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
});
