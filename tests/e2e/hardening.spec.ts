// Issue 17's class-level checks, walking the app's route manifest (the build's
// `routes`, not the file list), so a route added later is covered without
// anyone remembering: every response's caching policy, as a visitor and as a
// member; every action's answer to a body that is not a form; the body limits
// at the server; and the headers of a thrown response. Requests go through
// Playwright's API client and node:http, not a browser page: the sweep stays
// quick on both databases.
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { APIRequestContext } from "@playwright/test";
import { expect, personAddress, test } from "./fixtures";
import { signUp } from "./people";

interface ManifestRoute {
  id: string;
  parentId?: string;
  path?: string;
  index?: boolean;
  module: Record<string, unknown>;
}

const buildDir = path.resolve(process.env.BUILD_DIR || "build");

async function manifest(): Promise<ManifestRoute[]> {
  const build = await import(pathToFileURL(path.join(buildDir, "server/index.js")).href);
  return Object.values(build.routes as Record<string, ManifestRoute>);
}

/** An address for a route: its parents' paths joined, made-up values for its parameters. */
function addressOf(route: ManifestRoute, routes: ManifestRoute[]): string {
  const parts: string[] = [];
  for (let current: ManifestRoute | undefined = route; current; current = routes.find((r) => r.id === current!.parentId)) {
    if (current.path) parts.unshift(current.path);
  }
  const filled = parts
    .join("/")
    .split("/")
    .filter((segment) => !segment.endsWith("?"))
    .map((segment) => (segment === "*" ? "no-such-page" : segment.replace(/^:[\w]+/, "zz-made-up")))
    .join("/");
  return `/${filled}`.replace(/\/+/g, "/");
}

/** The single-fetch data address of a page (what client-side navigation requests). */
function dataAddressOf(address: string, route: ManifestRoute): string {
  const base = address === "/" ? "/_root" : address.replace(/\/$/, "");
  return `${base}.data${route.index ? "?index" : ""}`;
}

const isTokenPath = (address: string) =>
  /^\/(shared|invitations|review|reset-password|confirm-email|sso\/link)\/|^\/email\/unsubscribe|^\/sso\/[^/]+\/callback/.test(address);

function expectPolicy(address: string, response: { status(): number; headers(): Record<string, string> }, signedIn: boolean) {
  const headers = response.headers();
  const where = `${address} (${response.status()}, ${signedIn ? "member" : "visitor"})`;
  expect(response.status(), where).toBeLessThan(500);
  const cacheControl = headers["cache-control"] ?? "";
  if (isTokenPath(address)) {
    expect(cacheControl, where).toBe("private, no-store");
    expect(headers["x-robots-tag"], where).toContain("noindex");
    expect(headers["referrer-policy"], where).toBe("same-origin");
  } else if (signedIn) {
    expect(cacheControl, where).toBe("private, no-store");
  } else if (headers["content-type"]?.startsWith("text/html") || address.includes(".data")) {
    expect(cacheControl, where).toMatch(/^private\b/);
  } else {
    // A resource route may say public for a visitor (the Atom feeds); never nothing.
    expect(cacheControl, where).not.toBe("");
  }
}

async function sweep(request: APIRequestContext, routes: ManifestRoute[], signedIn: boolean) {
  for (const route of routes) {
    if (!route.module.loader && !route.module.default) continue;
    const address = addressOf(route, routes);
    expectPolicy(address, await request.get(address, { maxRedirects: 0 }), signedIn);
    if (route.module.default) {
      const dataAddress = dataAddressOf(address, route);
      expectPolicy(dataAddress, await request.get(dataAddress, { maxRedirects: 0 }), signedIn);
    }
  }
}

test.describe("every route", () => {
  test.describe.configure({ timeout: 180_000 });

  test("exports the one headers function, so a thrown response keeps its headers", async () => {
    const routes = await manifest();
    const shared = routes.find((route) => route.id === "root")!.module.headers;
    expect(shared).toBeTruthy();
    const missing = routes.filter((route) => route.module.default && route.module.headers !== shared).map((route) => route.id);
    expect(missing).toEqual([]);
  });

  test("answers with the caching policy, to a visitor and to a member", async ({ request, page }) => {
    const routes = await manifest();
    expect(routes.length).toBeGreaterThan(50);
    await sweep(request, routes, false);
    await signUp(page, "Cache Sweeper");
    await sweep(page.request, routes, true);
  });

  test("answers 4xx, never 5xx, to a body that is not a form or a form with NUL bytes", async ({ page }) => {
    const all = await manifest();
    // Logging out ignores its body and ends the session: last.
    const routes = all.filter((route) => route.module.action).sort((a, b) => Number(a.id === "routes/accounts/logout") - Number(b.id === "routes/accounts/logout"));
    expect(routes.length).toBeGreaterThan(30);
    await signUp(page, "Body Sender");
    const origin = new URL(page.url()).origin;
    const bodies = [
      { "Content-Type": "application/json", data: '{"title":"x","body":"y"}' },
      { "Content-Type": "text/plain", data: "title=x&body=y" },
      { "Content-Type": "multipart/form-data; boundary=XX", data: '--XX\r\nContent-Disposition: form-data; name="title"\r\n\r\nunfinished' },
      // A form, with a NUL byte and a line break in every text field an action might read.
      {
        "Content-Type": "application/x-www-form-urlencoded",
        data: new URLSearchParams(
          ["title", "body", "text", "name", "displayName", "label", "reason", "note", "message", "bio", "jobTitle", "description", "summary", "rationale", "evidence", "q"].map(
            (field) => [field, "a\u0000b\r\nBcc: x@example.org"],
          ),
        ).toString(),
      },
    ];
    for (const route of routes) {
      const address = addressOf(route, all);
      for (const { data, ...headers } of bodies) {
        for (const target of [address, dataAddressOf(address, route)]) {
          const response = await page.request.post(target, { data, headers: { ...headers, Origin: origin }, maxRedirects: 0 });
          // An action that reads no body (logging out, deleting a post) may go ahead; none may fail.
          expect(response.status(), `${target} with ${headers["Content-Type"]}`).toBeLessThan(500);
        }
      }
    }
    // The forms a visitor posts: refused as what they are.
    const visitor = await page.context().browser()!.newContext({ baseURL: origin });
    try {
      for (const address of ["/login", "/signup", "/forgot-password"]) {
        for (const { data, ...headers } of bodies.slice(0, 3)) {
          const response = await visitor.request.post(address, { data, headers: { ...headers, Origin: origin, "X-Forwarded-For": personAddress() } });
          const multipart = headers["Content-Type"].startsWith("multipart");
          expect(response.status(), `${address} with ${headers["Content-Type"]}`).toBe(multipart ? 400 : 415);
          // The error page says what the refusal said, not a generic line.
          expect(await response.text()).toContain(multipart ? "did not arrive whole" : "takes a form sent from its page");
        }
      }
    } finally {
      await visitor.close();
    }
  });
});

test("a post with Origin null is refused as cross-site with 403, never 500", async ({ request, server }) => {
  // (No page of the site makes a browser send it: secret addresses use Referrer-Policy: same-origin.)
  const post = (headers: Record<string, string>) =>
    request.post("/forgot-password", { form: { email: "someone@example.org" }, headers: { "X-Forwarded-For": personAddress(), ...headers }, maxRedirects: 0 });
  expect((await post({ Origin: "null", "Sec-Fetch-Site": "same-origin" })).status()).toBe(403);
  expect((await post({ Origin: "https://elsewhere.example" })).status()).toBe(403);
  expect((await post({ Origin: server.baseURL })).status()).toBe(200);
});

test("a 429 keeps its Retry-After, on the page and on its data request, and says when to try again", async ({ request, server }) => {
  const headers = { "X-Forwarded-For": personAddress(), Origin: server.baseURL };
  const form = { email: "nobody@example.org", password: "not the password at all" };
  let refused = null;
  for (let tries = 0; tries < 40 && !refused; tries++) {
    const response = await request.post("/login", { form, headers, maxRedirects: 0 });
    if (response.status() === 429) refused = response;
  }
  expect(refused, "the login limit per address was reached").not.toBeNull();
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused!.text()).toMatch(/try again in (a minute|\d+ minutes)/i);
  const data = await request.post("/login.data", { form, headers, maxRedirects: 0 });
  expect(data.status()).toBe(429);
  expect(Number(data.headers()["retry-after"])).toBeGreaterThan(0);
});

/**
 * One request on a kept-alive connection (node:http, so the connection can be
 * watched). The whole body goes out, as a browser sends it, even when the
 * answer comes first: the server discards the rest and the connection stays
 * usable for the next request.
 */
function send(
  agent: http.Agent,
  baseURL: string,
  method: string,
  address: string,
  { headers = {}, body }: { headers?: Record<string, string | number>; body?: Buffer } = {},
): Promise<{ status: number; connection?: string; reusedConnection?: boolean; text: string; error?: string }> {
  const url = new URL(address, baseURL);
  return new Promise((resolve) => {
    let answered = false; // an error after the answer (the server closed a connection it had drained enough of) is not a failure
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method, agent, headers: { Origin: url.origin, "X-Forwarded-For": personAddress(), ...headers } },
      (response) => {
        answered = true;
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (piece) => (text += piece));
        response.on("end", () =>
          resolve({ status: response.statusCode!, connection: response.headers.connection, reusedConnection: request.reusedSocket, text }),
        );
      },
    );
    request.on("error", (error) => {
      if (!answered) resolve({ status: 0, text: "", error: (error as NodeJS.ErrnoException).code });
    });
    let at = 0;
    const writeMore = () => {
      while (body && at < body.length) {
        const piece = body.subarray(at, at + 64 * 1024);
        at += piece.length;
        if (!request.write(piece)) return void request.once("drain", writeMore);
      }
      request.end();
    };
    writeMore();
  });
}

test.describe("request bodies", () => {
  const form = { "Content-Type": "application/x-www-form-urlencoded" };

  test("over the limit are refused quickly with a readable 413, and the next request is answered", async ({ server }) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const oversized = Buffer.alloc(20 * 1024 * 1024, "a");
      const cases = [
        { address: "/login", body: Buffer.alloc(300 * 1024, "a") },
        { address: "/admin/frameworks", body: oversized },
        { address: "/no-such-page", body: Buffer.alloc(300 * 1024, "a") },
      ];
      for (const { address, body } of cases) {
        const answer = await send(agent, server.baseURL, "POST", address, { headers: { ...form, "Content-Length": body.length }, body });
        expect(answer.status, address).toBe(413);
        expect(answer.text).toContain("too much to send");
        // What was sent was thrown away, so the connection serves the next request.
        const next = await send(agent, server.baseURL, "GET", "/livez");
        expect(next.status).toBe(200);
        expect(next.reusedConnection, `the connection after ${address}`).toBe(true);
      }
      // A chunked body has no length to refuse: it is counted as it arrives.
      const chunkedAnswer = await send(agent, server.baseURL, "POST", "/login", {
        headers: { ...form, "Transfer-Encoding": "chunked" },
        body: Buffer.alloc(4 * 1024 * 1024, "a"),
      });
      expect(chunkedAnswer.status).toBe(413);
      const afterChunked = await send(agent, server.baseURL, "GET", "/livez");
      expect(afterChunked.status).toBe(200);
      expect(afterChunked.reusedConnection, "the connection after a chunked body over the limit").toBe(true);
      // A body a route never reads (a missing page) does not hold the connection.
      const unread = Buffer.alloc(200 * 1024, "a");
      const missing = await send(agent, server.baseURL, "POST", "/no-such-page", { headers: { ...form, "Content-Length": unread.length }, body: unread });
      expect(missing.status).toBe(404);
      expect(missing.connection).toBe("close");
      const after = await send(agent, server.baseURL, "GET", "/livez");
      expect(after.status).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  test("an address with a NUL character is refused with 400, not a database error", async ({ request }) => {
    for (const address of ["/search?q=a%00b", "/members?q=%00", "/competencies%00"]) {
      expect((await request.get(address)).status(), address).toBe(400);
    }
  });
});
