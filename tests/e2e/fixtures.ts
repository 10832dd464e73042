// Playwright fixtures: a production server per worker, on a database of its
// own (a temporary PGlite folder, or with TEST_DB=postgres a fresh database on
// TEST_DATABASE_URL's server), migrated and seeded from content/. Every test
// fails on a console error or an uncaught page error (CSP violations included).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { serverNodeFlags } from "../../scripts/lib.mjs";
import { createPostgresDatabase, dropPostgresDatabases, testDbKind } from "../setup/test-databases";
import { freePort } from "../setup/net";

function runScript(script: string, env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], { env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${script} failed:\n${result.stdout}\n${result.stderr}`);
}

async function startServer(workerIndex: number, serverEnv: Record<string, string>) {
  const port = await freePort();
  // "free": a free port of its own (the inbound SMTP listener's).
  const smtpPort = serverEnv.SMTP_INBOUND_PORT === "free" ? await freePort() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    // Journeys read sign-up confirmation and password-reset emails at /dev/outbox.
    DEV_OUTBOX: "1",
    SMTP_URL: "",
    // Every simulated person sends an address of their own (personAddress), as
    // real people would; the per-address sign-up limit then counts each person,
    // not the whole worker.
    TRUST_PROXY: "loopback",
    // A clock the journeys can move forward (moveClock): the server reads the
    // offset from this file on every call (app/utils/clock.server.ts), and
    // looks for due background jobs every second, so a reminder due "in 30
    // days" is written within a moment of moving the clock past it.
    TEST_CLOCK: "1",
    CLOCK_OFFSET_FILE: path.join(mkdtempSync(path.join(tmpdir(), "cme-clock-")), "offset"),
    JOB_INTERVAL_SECONDS: "1",
    // Single sign-on against the tests' own OpenID Connect provider on 127.0.0.1 (tests/setup/oidc-provider.ts).
    SSO_ENCRYPTION_KEY: "dGVzdHMtb25seS1zc28tZW5jcnlwdGlvbi1rZXktMzI=",
    SSO_ALLOW_HTTP_ISSUERS: "1",
    ...serverEnv,
    ...(smtpPort ? { SMTP_INBOUND_PORT: String(smtpPort) } : {}),
  };
  writeFileSync(env.CLOCK_OFFSET_FILE!, "0");
  let cleanup: () => Promise<void>;
  if (testDbKind() === "postgres") {
    const prefix = `cme_e2e_${process.pid}_w${workerIndex}`;
    env.DATABASE_URL = await createPostgresDatabase(prefix);
    cleanup = () => dropPostgresDatabases(prefix);
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "cme-e2e-"));
    env.DATABASE_URL = "";
    env.PGLITE_DATA_DIR = dir;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  runScript("scripts/db-migrate.ts", env);
  runScript("prisma/seed.ts", env);
  // A site administrator for the journeys that need one (tests/e2e/admin-credentials.ts).
  runScript("tests/e2e/admin-account.ts", env);

  // With the heap limit `npm start` gives it.
  const child: ChildProcess = spawn(process.execPath, [...serverNodeFlags(), "server.mjs"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseURL = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    const ok = await fetch(`${baseURL}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (attempt > 300) throw new Error(`server did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseURL,
    clockFile: env.CLOCK_OFFSET_FILE!,
    smtpPort,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
      await cleanup();
    },
  };
}

let addressCounter = 0;
/** A distinct documentation-range address (RFC 5737) for one simulated person. */
export function personAddress() {
  addressCounter += 1;
  return `198.51.${Math.floor(addressCounter / 250) % 250}.${(addressCounter % 250) + 1}`;
}

/**
 * Error pages (404, 410, 429) and the edit-conflict page (409) log their
 * document request; any other failed request is a bug unless a test allows it.
 */
export const ALLOWED_STATUSES: readonly number[] = [404, 409, 410, 429];

/**
 * Records the page's console errors and uncaught errors (CSP violations
 * included) in `errors`. Chromium's console line names no request: each failed
 * response is told beside it, in parentheses, so a failure says which request it was.
 */
export function recordErrors(page: Page, errors: string[]) {
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("response", (response) => {
    if (response.status() >= 400) {
      errors.push(`(${response.request().method()} ${new URL(response.url()).pathname} answered ${response.status()})`);
    }
  });
}

/**
 * Fails when `errors` (recordErrors) hold a console or page error other than a
 * request answered with one of the `allowed` statuses; the failed responses'
 * lines are shown beside it. On their own those lines are not an error (a
 * refused fetch a page handles logs nothing).
 */
export function expectNoUnexpectedErrors(errors: string[], allowed: readonly number[] = ALLOWED_STATUSES, message = "console errors") {
  const statuses = allowed.join("|");
  const allowedLine = new RegExp(`status of (${statuses})|answered (${statuses})\\)$`);
  const unexpected = errors.filter((text) => !allowedLine.test(text));
  if (unexpected.some((text) => !text.startsWith("("))) {
    expect(unexpected, message).toEqual([]);
  }
}

/** The other people in a test, each in a browser context of their own. */
export type People = {
  /**
   * A new person: a fresh browser context on the test's server, with an address
   * of their own (personAddress), and a page whose errors fail the test at its
   * end, like the main page's. `options` add to or replace the context's
   * (`javaScriptEnabled: false`, `storageState` to be someone already signed in).
   */
  add(options?: BrowserContextOptions): Promise<Page>;
  /** Statuses the other people's pages may log too, where a refusal is what the test checks. */
  allow(...statuses: number[]): void;
};

export const test = base.extend<
  {
    consoleErrors: string[];
    people: People;
    checkA11y: () => Promise<void>;
    moveClock: (days: number) => Promise<void>;
  },
  {
    /** Extra environment for this worker's server (`test.use({ serverEnv })`; a spec that sets it gets a server of its own). */
    serverEnv: Record<string, string>;
    server: { baseURL: string; clockFile: string; smtpPort: number | null };
  }
>({
  serverEnv: [{}, { scope: "worker", option: true }],
  server: [
    async ({ serverEnv }, use, workerInfo) => {
      const server = await startServer(workerInfo.workerIndex, serverEnv);
      await use({ baseURL: server.baseURL, clockFile: server.clockFile, smtpPort: server.smtpPort });
      await server.stop();
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ server }, use) => use(server.baseURL),
  /**
   * Moves the server's clock `days` further forward (the job runner and every
   * date computation read it); back to the real time after the test, so the
   * next test on this worker's server starts from now.
   */
  moveClock: async ({ server }, use) => {
    let offsetMs = 0;
    await use(async (days) => {
      offsetMs += days * 24 * 60 * 60 * 1000;
      writeFileSync(server.clockFile, String(offsetMs));
    });
    writeFileSync(server.clockFile, "0");
  },
  extraHTTPHeaders: async ({}, use) => use({ "X-Forwarded-For": personAddress() }),
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      recordErrors(page, errors);
      await use(errors);
      expectNoUnexpectedErrors(errors, ALLOWED_STATUSES, "console errors on the page");
    },
    { auto: true },
  ],
  people: async ({ browser, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];
    const allowed = [...ALLOWED_STATUSES];
    await use({
      add: async (options = {}) => {
        const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": personAddress() }, ...options });
        contexts.push(context);
        const page = await context.newPage();
        recordErrors(page, errors);
        return page;
      },
      allow: (...statuses) => {
        allowed.push(...statuses);
      },
    });
    // Closed first, so a failed check still leaves no browser open.
    await Promise.all(contexts.map((context) => context.close()));
    expectNoUnexpectedErrors(errors, allowed, "console errors on the other people's pages");
  },
  checkA11y: async ({ page }, use) => {
    await use(async () => expect(await accessibilityViolations(page)).toEqual([]));
  },
});

/**
 * What axe finds on the page against WCAG 2.2 A and AA, one line per rule.
 * "Label in name" (WCAG 2.5.3: a control's accessible name contains its
 * visible text) is experimental in axe and off by default: it is turned on.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  // options() replaces what withTags() set: it comes first.
  const results = await new AxeBuilder({ page })
    .options({ rules: { "label-content-name-mismatch": { enabled: true } } })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.map((node) => node.target.join(" ")).slice(0, 3).join(", ")}`);
}

export { expect };
