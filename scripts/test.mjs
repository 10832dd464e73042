// npm test — the whole suite, from a fresh clone:
//   type check; unit + integration tests (vitest) on PGlite, and on PostgreSQL
//   too when TEST_DATABASE_URL is set; end-to-end journeys (Playwright, Debian's
//   Chromium) against the production build, on each of those databases.
// Ends with one line: "N passed, N failed, N skipped", totalling every runner.
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ROOT, ensureBuild, ensureDependencies, ensurePrismaClient, run, say } from "./lib.mjs";

const RESULTS = path.join(ROOT, "test-results");
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function record(name, { passed, failed, skipped }, note = "") {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`  ${name.padEnd(22)} ${passed} passed, ${failed} failed, ${skipped} skipped${note ? `  (${note})` : ""}`);
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium"].filter(Boolean);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (found) return found;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (isRoot && existsSync("/etc/debian_version")) {
    say("Chromium not found: installing Debian's chromium package (apt-get install chromium)…");
    const env = { DEBIAN_FRONTEND: "noninteractive" };
    if ((await run("apt-get", ["update", "-qq"], { env })) === 0 &&
        (await run("apt-get", ["install", "-y", "-qq", "chromium"], { env })) === 0 &&
        existsSync("/usr/bin/chromium")) {
      return "/usr/bin/chromium";
    }
  }
  console.error(
    "✖ End-to-end tests need Chromium. Install it (on Debian/Ubuntu: sudo apt-get install chromium) " +
      "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
  );
  process.exit(1);
}

await ensureDependencies();
await ensurePrismaClient();
const chromium = await findChromium();
await ensureBuild();
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

say("Type-checking…");
const typecheck = await run(path.join(ROOT, "node_modules/.bin/tsc"), ["--noEmit"]);
record("typecheck", { passed: typecheck === 0 ? 1 : 0, failed: typecheck === 0 ? 0 : 1, skipped: 0 });

const databases = ["pglite"];
if (process.env.TEST_DATABASE_URL) databases.push("postgres");
else say("TEST_DATABASE_URL is not set: testing on PGlite only.");

for (const db of databases) {
  say(`Unit and integration tests on ${db}…`);
  const output = path.join(RESULTS, `vitest-${db}.json`);
  const code = await run(
    path.join(ROOT, "node_modules/.bin/vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile=${output}`],
    { env: { TEST_DB: db } },
  );
  const report = readJson(output);
  if (report) {
    record(`vitest (${db})`, {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0),
      skipped: report.numPendingTests + report.numTodoTests,
    }, code !== 0 && report.numFailedTests === 0 ? `exit ${code}` : "");
  } else {
    record(`vitest (${db})`, { passed: 0, failed: 1, skipped: 0 }, `no report, exit ${code}`);
  }
}

for (const db of databases) {
  say(`End-to-end tests in Chromium on ${db}…`);
  const output = path.join(RESULTS, `e2e-${db}.json`);
  const code = await run(path.join(ROOT, "node_modules/.bin/playwright"), ["test"], {
    env: { TEST_DB: db, CHROMIUM_PATH: chromium, PLAYWRIGHT_JSON_OUTPUT_NAME: output },
  });
  const report = readJson(output);
  if (report?.stats) {
    const { expected, unexpected, flaky, skipped } = report.stats;
    const crashed = code !== 0 && unexpected === 0;
    record(`playwright (${db})`, {
      passed: expected + flaky,
      failed: unexpected + (crashed ? 1 : 0),
      skipped,
    }, crashed ? `exit ${code}` : "");
  } else {
    record(`playwright (${db})`, { passed: 0, failed: 1, skipped: 0 }, `no report, exit ${code}`);
  }
}

console.log(`\nTest summary:\n${lines.join("\n")}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
