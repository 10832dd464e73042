// Compression (server/compression.mjs): the stock `compression` middleware with
// a no-op `res.flush`. Remix flushes the response after every piece of a page
// it writes; through `compression` each flush restarted the compressor and
// pages went out about 4× larger. These tests fail if the shim stops working:
// a page written the way Remix writes one must come out about as small as the
// whole page gzipped in one go (docs/decisions/0015).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { writeReadableStreamToWritable } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAllFrameworks } from "~/domain/competencies/content.server";
import { ensureCurrentFrameworkVersion, saveFrameworkVersion } from "~/domain/competencies/frameworks.server";
import { openDatabase } from "~/utils/db.server";
import { applyMigrations } from "~/utils/migrations.server";
import { compressResponses } from "../server/compression.mjs";
import { freePort } from "./setup/net";
import { testDbKind } from "./setup/test-databases";
import { expectOk } from "~/utils/result";

/** How much larger than the whole body gzipped at once a compressed response may be. */
const MARGIN = 1.05;
const gzipped = (body: Buffer | string) => zlib.gzipSync(body, { level: 4 }).length;
const brotlied = (body: Buffer | string) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }).length;

// A page of varied text (a fixed pseudo-random pick of words), as compressible as a real one.
const words = "needs assessment planning outcomes gap analysis learners faculty accreditation evaluation activity commercial support disclosure mitigation".split(" ");
let state = 7;
const word = () => words[(state = (state * 1103515245 + 12345) % 2147483648) % words.length];
const page = `<!DOCTYPE html><html><body>${Array.from(
  { length: 400 },
  (_, i) => `<article id="post-${i}"><p>${Array.from({ length: 12 }, word).join(" ")} ${(i * 7919) % 1000}.</p></article>`,
).join("")}</body></html>`;

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request with no decoding: the bytes and headers as sent. */
function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

/** Sends the page as Remix sends a document: 2 KB pieces (React's), each written then flushed by Remix's own function. */
function sendLikeRemix(res: express.Response) {
  res.setHeader("Content-Type", "text/html; charset=utf-8");
  const bytes = Buffer.from(page);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 2048) controller.enqueue(bytes.subarray(i, i + 2048));
      controller.close();
    },
  });
  void writeReadableStreamToWritable(body, res);
}

describe("compression with the flush shim", () => {
  let server: http.Server;
  let port: number;
  beforeAll(async () => {
    const app = express();
    // The server's middleware, and beside it the first of its two alone: `compression` without the shim.
    app.use("/shim", compressResponses());
    app.use("/stock", compressResponses()[0]!);
    app.get(["/shim/page", "/stock/page"], (_req, res) => sendLikeRemix(res));
    app.get("/shim/part", (_req, res) => {
      res.status(206).setHeader("Content-Range", `bytes 0-1999/${page.length}`);
      res.type("text/html").send(page.slice(0, 2000));
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends a page Remix wrote in flushed pieces about as small as the whole page gzipped", async () => {
    const response = await get(port, "/shim/page", { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zlib.gunzipSync(response.body).toString()).toBe(page);
    expect(response.body.length).toBeLessThanOrEqual(gzipped(page) * MARGIN);
  });

  it("sends brotli to a browser that prefers it, as small", async () => {
    const response = await get(port, "/shim/page", { "accept-encoding": "gzip, deflate, br" });
    expect(response.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(response.body).toString()).toBe(page);
    expect(response.body.length).toBeLessThanOrEqual(brotlied(page) * MARGIN);
  });

  it("still needs the shim: without it the same page is much larger", async () => {
    // If this fails, Remix or `compression` changed how flushing works: the shim may no longer be needed.
    const response = await get(port, "/stock/page", { "accept-encoding": "gzip" });
    expect(zlib.gunzipSync(response.body).toString()).toBe(page);
    // (1.6× on this page; 4× on a real thread page, whose markup repeats more from piece to piece.)
    expect(response.body.length).toBeGreaterThan(gzipped(page) * 1.4);
  });

  it("never compresses a part of a file (206)", async () => {
    const response = await get(port, "/shim/part", { "accept-encoding": "gzip" });
    expect(response.status).toBe(206);
    expect(response.headers["content-encoding"]).toBeUndefined();
    expect(response.body.toString()).toBe(page.slice(0, 2000));
  });
});

// The production server itself (server.mjs and the build that `npm test` makes): a real page,
// rendered by React and sent by Remix, compressed as well as the whole page gzipped at once.
// It runs on the embedded database, so in the PGlite pass.
describe.skipIf(testDbKind() !== "pglite")("the production server's pages", () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  let port: number;
  beforeAll(async () => {
    expect(existsSync(path.resolve(process.env.BUILD_DIR || "build", "server/index.js")), "run `npm run build` first").toBe(true);
    dataDir = await mkdtemp(path.join(tmpdir(), "cme-compression-"));
    const database = openDatabase({ kind: "pglite", dataDir });
    try {
      await applyMigrations(database);
      for (const { document, contentHash } of await loadAllFrameworks(path.resolve("content"))) {
        const { versionId } = expectOk(await saveFrameworkVersion(document, contentHash, { publish: true, client: database.prisma }));
        await ensureCurrentFrameworkVersion(versionId, database.prisma);
      }
    } finally {
      await database.close();
    }
    port = await freePort();
    child = spawn(process.execPath, ["server.mjs"], {
      env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", PGLITE_DATA_DIR: dataDir, DATABASE_URL: "", JOBS: "off" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    for (let attempt = 0; ; attempt++) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
      const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => null);
      if (response?.status === 200) break;
      if (attempt > 300) throw new Error("the server did not become healthy");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it("sends a framework page compressed about as small as the whole page gzipped", async () => {
    const whole = await get(port, "/competencies/leadership");
    expect(whole.status).toBe(200);
    expect(whole.headers["content-encoding"]).toBeUndefined();
    expect(whole.body.length).toBeGreaterThan(8 * 1024);

    const response = await get(port, "/competencies/leadership", { "accept-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(response.headers["content-encoding"]).toBe("gzip");
    const html = zlib.gunzipSync(response.body);
    // The two renders differ only in their nonces (same length); the sizes compare like for like.
    expect(html.length).toBe(whole.body.length);
    expect(response.body.length).toBeLessThanOrEqual(gzipped(html) * MARGIN);
  });
});
