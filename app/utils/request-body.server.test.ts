import { describe, expect, it } from "vitest";
import { bodyLimitFor, FORM_BODY_LIMIT } from "./body-limits";
import { readForm } from "./request-body.server";

const url = "http://localhost/t/abc";

function post(body: BodyInit | ReadableStream<Uint8Array>, contentType: string | null, path = url) {
  const headers = new Headers();
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(path, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A body sent in chunks, without a length (Transfer-Encoding: chunked). */
function chunked(totalBytes: number, chunkBytes = 16 * 1024) {
  let sent = 0;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      if (sent >= totalBytes) return controller.close();
      const size = Math.min(chunkBytes, totalBytes - sent);
      sent += size;
      controller.enqueue(new TextEncoder().encode("a".repeat(size)));
    },
  });
  return { stream, sent: () => sent, pulled: () => pulled };
}

async function status(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    if (error instanceof Response) return error.status;
    throw error;
  }
}

describe("readForm", () => {
  it("reads a urlencoded form, removing NUL and other control characters and turning CR/LF into LF", async () => {
    const form = await readForm(post("title=a%00b%07c&body=one%0D%0Atwo%0Dthree%09tab", "application/x-www-form-urlencoded"));
    expect(form.get("title")).toBe("abc");
    expect(form.get("body")).toBe("one\ntwo\nthree\ttab");
  });

  it("reads a multipart form the same way, keeping files as they are", async () => {
    const sent = new FormData();
    sent.append("title", "x\u0000y");
    sent.append("files", new File(["hello\u0000"], "a.md", { type: "text/markdown" }));
    const request = new Request(url, { method: "POST", body: sent });
    const form = await readForm(request);
    expect(form.get("title")).toBe("xy");
    const file = form.get("files") as File;
    expect(file.name).toBe("a.md");
    expect(await file.text()).toBe("hello\u0000");
  });

  it.each([
    ["application/json", '{"title":"x"}'],
    ["text/plain", "title=x"],
    [null, "title=x"],
  ])("refuses a %s body with 415", async (type, body) => {
    expect(await status(readForm(post(body, type)))).toBe(415);
  });

  it("refuses a truncated multipart body with 400", async () => {
    const body = '--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc';
    expect(await status(readForm(post(body, "multipart/form-data; boundary=XX")))).toBe(400);
  });

  it("refuses a declared length over the limit with 413 without reading", async () => {
    const body = chunked(10);
    const request = new Request(url, {
      method: "POST",
      body: body.stream,
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": String(FORM_BODY_LIMIT + 1) },
      duplex: "half",
    } as RequestInit);
    expect(await status(readForm(request))).toBe(413);
    expect(body.sent()).toBeLessThanOrEqual(10);
  });

  it("counts a chunked body as it arrives and refuses it past the limit, keeping none of it", async () => {
    // The rest of a moderately oversized body is read and thrown away, so the client still sending reads the refusal.
    const moderate = chunked(8 * 1024 * 1024, 1024 * 1024);
    expect(await status(readForm(post(moderate.stream, "application/x-www-form-urlencoded")))).toBe(413);
    expect(moderate.sent()).toBe(8 * 1024 * 1024);
    // A huge one is given up on: reading stops after 64 MB (and what the stream had already pulled).
    const huge = chunked(200 * 1024 * 1024, 1024 * 1024);
    expect(await status(readForm(post(huge.stream, "application/x-www-form-urlencoded")))).toBe(413);
    expect(huge.sent()).toBeLessThan(72 * 1024 * 1024);
  });

  it("takes a body up to the limit", async () => {
    const text = "a".repeat(FORM_BODY_LIMIT - "body=".length);
    const form = await readForm(post(`body=${text}`, "application/x-www-form-urlencoded"));
    expect((form.get("body") as string).length).toBe(text.length);
  });

  it("gives the framework import its larger limit", async () => {
    expect(bodyLimitFor("/admin/frameworks")).toBeGreaterThan(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/admin/frameworks.data")).toBe(bodyLimitFor("/admin/frameworks"));
    expect(bodyLimitFor("/admin/frameworks/abc")).toBe(FORM_BODY_LIMIT);
    const bytes = FORM_BODY_LIMIT * 2;
    const form = await readForm(post(`files=${"a".repeat(bytes)}`, "application/x-www-form-urlencoded", "http://localhost/admin/frameworks"));
    expect((form.get("files") as string).length).toBe(bytes);
  });
});
