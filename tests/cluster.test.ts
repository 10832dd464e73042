// WEB_CONCURRENCY=N on PostgreSQL: the server forks N workers that share the
// port; SIGTERM drains them all; a primary killed outright does not leave
// workers behind holding the port. (PGlite serves one process only.)
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "./setup/net";
import { testDbKind } from "./setup/test-databases";

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
});

const buildDir = path.resolve(process.env.BUILD_DIR || "build");

async function startCluster(port: number) {
  const child = spawn(process.execPath, ["server.mjs"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", WEB_CONCURRENCY: "2", JOBS: "off" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  for (let attempt = 0; output.split("listening on").length - 1 < 2; attempt++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    if (attempt > 300) throw new Error(`workers did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => output };
}

const answers = (port: number) => fetch(`http://127.0.0.1:${port}/livez`).then((r) => r.status, () => null);

function exited(child: ChildProcess) {
  return new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

describe.skipIf(testDbKind() !== "postgres" || !existsSync(path.join(buildDir, "server/index.js")))("worker processes (WEB_CONCURRENCY)", () => {
  it("serves from two workers and stops them all on SIGTERM", async () => {
    const port = await freePort();
    const { child, output } = await startCluster(port);
    expect(output()).toContain("starting 2 worker processes");
    const statuses = await Promise.all(Array.from({ length: 20 }, () => answers(port)));
    expect(statuses.every((status) => status === 200)).toBe(true);
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(output().split("Shut down cleanly").length - 1).toBe(2);
    expect(await answers(port)).toBeNull();
  }, 60_000);

  it("does not leave workers holding the port when the primary is killed outright", async () => {
    const port = await freePort();
    const { child } = await startCluster(port);
    expect(await answers(port)).toBe(200);
    child.kill("SIGKILL");
    await exited(child);
    let status: number | null = 200;
    for (let attempt = 0; attempt < 100 && status !== null; attempt++) {
      await new Promise((r) => setTimeout(r, 100));
      status = await answers(port);
    }
    expect(status).toBeNull();
  }, 60_000);
});
