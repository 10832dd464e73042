// Killing the process with SIGKILL loses no committed data and needs no manual
// repair. This concerns the embedded PGlite database (a PostgreSQL server keeps
// its data whatever happens to the app), so it runs in the PGlite pass.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAllFrameworks } from "~/domain/competencies/content.server";
import { ensureCurrentFrameworkVersion, saveFrameworkVersion } from "~/domain/competencies/frameworks.server";
import { openDatabase } from "~/utils/db.server";
import { applyMigrations } from "~/utils/migrations.server";
import { testDbKind } from "./setup/test-databases";
import { freePort } from "./setup/net";
import { expectOk } from "~/utils/result";

let dataDir: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "cme-durability-"));
});
afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

function waitForExit(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

async function withDatabase<T>(fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase({ kind: "pglite", dataDir });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

function startServer(port: number) {
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PGLITE_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return child;
}

async function waitForHealthy(port: number, child: ChildProcess) {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not become healthy");
}

describe.skipIf(testDbKind() !== "pglite")("embedded database durability", () => {
  it("keeps every committed row after SIGKILL in the middle of writing", async () => {
    await withDatabase((db) => applyMigrations(db));
    // `node --import tsx`, not the tsx wrapper: SIGKILL must reach the writer itself.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/fixtures/write-loop.ts", dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(child);
    let lastCommitted = 0;
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (chunk: Buffer) => {
        const numbers = [...chunk.toString().matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
        if (numbers.length > 0) lastCommitted = Math.max(lastCommitted, ...numbers);
        if (lastCommitted >= 25) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.once("exit", (code) => (lastCommitted >= 25 ? resolve() : reject(new Error(`writer exited early (${code})`))));
    });
    await waitForExit(child);

    const slugs = await withDatabase(async (db) =>
      (await db.prisma.framework.findMany({ where: { publisher: "durability test" }, select: { slug: true } })).map(
        (row) => row.slug,
      ),
    );
    for (let n = 1; n <= lastCommitted; n++) expect(slugs).toContain(`kill-test-${n}`);
  });

  it("serves again after the server is SIGKILLed during requests, with no repair", async () => {
    expect(existsSync("build/server/index.js"), "run `npm run build` before this test").toBe(true);
    await withDatabase(async (db) => {
      await applyMigrations(db);
      for (const { document, contentHash } of await loadAllFrameworks(path.resolve("content"))) {
        const { versionId } = expectOk(await saveFrameworkVersion(document, contentHash, { publish: true, client: db.prisma }));
        await ensureCurrentFrameworkVersion(versionId, db.prisma);
      }
    });

    const port = await freePort();
    const first = startServer(port);
    await waitForHealthy(port, first);
    const inFlight = Array.from({ length: 10 }, () =>
      fetch(`http://127.0.0.1:${port}/competencies/leadership`).catch(() => null),
    );
    first.kill("SIGKILL");
    await Promise.all(inFlight);
    await waitForExit(first);

    const second = startServer(port);
    await waitForHealthy(port, second);
    // While the server holds the embedded database, no other process may open it.
    expect(() => openDatabase({ kind: "pglite", dataDir })).toThrow(/in use by process \d+/);
    const page = await fetch(`http://127.0.0.1:${port}/competencies`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Systems thinking");
    second.kill("SIGTERM");
    await waitForExit(second);
    expect(second.exitCode).toBe(0);
  });
});
