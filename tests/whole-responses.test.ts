// The server's response layer (server/whole-responses.mjs): a body is sent
// whole, with its length, compressed as the browser allows; large bodies still
// stream. Runs the real middleware in an Express app on a free port.
import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseEncoding, wholeResponses } from "../server/whole-responses.mjs";

const page = `<!DOCTYPE html><html><body>${"<p>Needs assessment, planning, outcomes.</p>".repeat(200)}</body></html>`;
const MAX_BYTES = 32 * 1024;
let server: http.Server;
let port: number;

beforeAll(async () => {
  const app = express();
  app.use(wholeResponses({ level: 4, maxBytes: MAX_BYTES }));
  // A page written the way React and Remix write one: in many small pieces.
  app.get("/page", (_req, res) => {
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    for (let i = 0; i < page.length; i += 300) res.write(page.slice(i, i + 300));
    res.end();
  });
  app.get("/short", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  app.get("/image", (_req, res) => {
    res.type("image/png").send(Buffer.alloc(4096, 7));
  });
  app.get("/already-encoded", (_req, res) => {
    res.setHeader("Content-Type", "text/plain");
    res.setHeader("Content-Encoding", "gzip");
    res.end(zlib.gzipSync(Buffer.from(page)));
  });
  app.get("/no-transform", (_req, res) => {
    res.setHeader("Cache-Control", "no-transform");
    res.type("text/html").send(page);
  });
  app.get("/large", (_req, res) => {
    res.setHeader("Content-Type", "text/csv");
    for (let i = 0; i < 5; i++) res.write(page);
    res.end();
  });
  app.get("/part", (_req, res) => {
    res.status(206).setHeader("Content-Range", `bytes 0-999/${page.length}`);
    res.type("text/html").send(page.slice(0, 1000) + page.slice(0, 1000));
  });
  app.get("/empty", (_req, res) => {
    res.status(204).end();
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A request with no decoding: the bytes and headers as sent. */
function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, path, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("whole responses", () => {
  it("sends a page written in pieces as one gzipped body with its length", async () => {
    const response = await get("/page", { "accept-encoding": "gzip" });
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers["transfer-encoding"]).toBeUndefined();
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(page.length / 10);
    expect(zlib.gunzipSync(response.body).toString()).toBe(page);
    expect(response.headers.vary).toMatch(/Accept-Encoding/i);
  });

  it("sends brotli to a browser that takes it", async () => {
    const response = await get("/page", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(response.headers["content-encoding"]).toBe("br");
    expect(Number(response.headers["content-length"])).toBe(response.body.length);
    expect(zlib.brotliDecompressSync(response.body).toString()).toBe(page);
  });

  it("sends the page as it is to a client that takes no compression", async () => {
    for (const acceptEncoding of [undefined, "identity", "gzip;q=0, br;q=0"]) {
      const response = await get("/page", acceptEncoding ? { "accept-encoding": acceptEncoding } : {});
      expect(response.headers["content-encoding"]).toBeUndefined();
      expect(Number(response.headers["content-length"])).toBe(Buffer.byteLength(page));
      expect(response.body.toString()).toBe(page);
    }
  });

  it("leaves short bodies, images, encoded bodies, parts and no-transform bodies uncompressed", async () => {
    const short = await get("/short", { "accept-encoding": "gzip" });
    expect(short.headers["content-encoding"]).toBeUndefined();
    expect(short.body.toString()).toBe("ok");

    const image = await get("/image", { "accept-encoding": "gzip" });
    expect(image.headers["content-encoding"]).toBeUndefined();
    expect(image.body.equals(Buffer.alloc(4096, 7))).toBe(true);

    const encoded = await get("/already-encoded", { "accept-encoding": "gzip" });
    expect(encoded.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(encoded.body).toString()).toBe(page);

    const part = await get("/part", { "accept-encoding": "gzip" });
    expect(part.status).toBe(206);
    expect(part.headers["content-encoding"]).toBeUndefined();

    const noTransform = await get("/no-transform", { "accept-encoding": "gzip" });
    expect(noTransform.headers["content-encoding"]).toBeUndefined();
    expect(noTransform.body.toString()).toBe(page);
  });

  it("streams a body too large to hold, still compressed", async () => {
    const response = await get("/large", { "accept-encoding": "gzip" });
    expect(response.headers["transfer-encoding"]).toBe("chunked");
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(zlib.gunzipSync(response.body).toString()).toBe(page.repeat(5));

    const brotli = await get("/large", { "accept-encoding": "br" });
    expect(brotli.headers["content-encoding"]).toBe("br");
    expect(zlib.brotliDecompressSync(brotli.body).toString()).toBe(page.repeat(5));

    const plain = await get("/large");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(page.repeat(5));
  });

  it("answers HEAD and empty responses without a body", async () => {
    const head = await get("/page", { "accept-encoding": "gzip" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    const empty = await get("/empty", { "accept-encoding": "gzip" });
    expect(empty.status).toBe(204);
    expect(empty.headers["content-encoding"]).toBeUndefined();
  });
});

describe("chooseEncoding", () => {
  it("prefers brotli, then gzip, as the client's weights allow", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip;q=0.1")).toBe("gzip");
    expect(chooseEncoding("*")).toBe("br");
    expect(chooseEncoding("*;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("deflate, identity")).toBeNull();
    expect(chooseEncoding("")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});
