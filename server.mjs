// The production (and development) HTTP server: Express in front of Remix.
// Compression (the stock `compression` middleware), request logging, security headers with a per-request CSP nonce,
// static assets with long-lived caching, graceful shutdown on SIGTERM/SIGINT.
import cluster from "node:cluster";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import express from "express";
import helmet from "helmet";
import morgan from "morgan";
import { compressResponses } from "./server/compression.mjs";
import { applyCachePolicy, closeWhenBodyUnread, refuseNulInAddress, refuseOversizedBodies } from "./server/request-guards.mjs";

const DEV = process.argv.includes("--dev") || process.env.NODE_ENV === "development";
const PORT = Number(process.env.PORT ?? 3000);
const HOST = process.env.HOST ?? "0.0.0.0";
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
// Where `remix vite:build` wrote the production build (BUILD_DIR, default build/).
const BUILD_DIR = path.resolve(process.env.BUILD_DIR || "build");

// ─── Worker processes ───────────────────────────────────────────────────────
// One Node process renders pages on one core. WEB_CONCURRENCY=N (with
// PostgreSQL) forks N workers that share the port while the primary only
// supervises: worth it on a machine with cores to spare. On the 2-core
// reference machine, where PostgreSQL and the clients share the cores, two
// workers raised throughput by about a third but not the slowest responses,
// and doubled memory, so the default is one process (bench/RESULTS.md). The
// embedded PGlite serves one process only, and development runs one.
function workerCount() {
  if (DEV || !/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) return 1;
  const configured = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10);
  return Number.isFinite(configured) && configured > 1 ? Math.min(configured, os.availableParallelism() * 2) : 1;
}

const WORKERS = workerCount();
if (cluster.isPrimary && WORKERS > 1) {
  await supervise(WORKERS);
}

/**
 * The primary: forks the workers, replaces one that dies (a worker that dies
 * before it ever listened means a broken configuration: everything stops),
 * and passes SIGTERM/SIGINT on, exiting once every worker has drained. Only
 * the first worker runs the background jobs (they are safe to run anywhere;
 * one ticker per machine is enough).
 */
async function supervise(count) {
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  let stopping = false;
  const slots = new Map();
  const start = (slot) => {
    const worker = cluster.fork({ CME_WORKER_SLOT: String(slot), ...(slot > 0 ? { JOBS: "off" } : {}) });
    slots.set(worker.id, { slot, listened: false });
  };
  cluster.on("listening", (worker) => {
    const entry = slots.get(worker.id);
    if (entry) entry.listened = true;
  });
  cluster.on("exit", (worker, code, signal) => {
    const entry = slots.get(worker.id);
    slots.delete(worker.id);
    if (stopping) {
      if (slots.size === 0) process.exit(0);
      return;
    }
    if (!entry?.listened) {
      console.error(`A worker stopped while starting (${signal ?? `exit ${code}`}); stopping.`);
      stopping = true;
      for (const id of slots.keys()) cluster.workers?.[id]?.process.kill("SIGTERM");
      if (slots.size === 0) process.exit(code || 1);
      process.exitCode = code || 1;
      return;
    }
    console.error(`Worker ${entry.slot + 1} stopped (${signal ?? `exit ${code}`}); starting another.`);
    setTimeout(() => !stopping && start(entry.slot), 1000).unref();
  });
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: stopping ${slots.size} workers`);
    for (const id of slots.keys()) cluster.workers?.[id]?.process.kill(signal);
    if (slots.size === 0) process.exit(0);
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  console.log(`CME Commons: starting ${count} worker processes (WEB_CONCURRENCY to change)`);
  for (let slot = 0; slot < count; slot++) start(slot);
  // The primary never runs the HTTP server below.
  await new Promise(() => {});
}

const viteDevServer = DEV
  ? await import("vite").then((vite) => vite.createServer({ server: { middlewareMode: true } }))
  : undefined;

async function loadBuild() {
  return viteDevServer
    ? viteDevServer.ssrLoadModule("virtual:remix/server-build")
    : import(pathToFileURL(path.join(BUILD_DIR, "server/index.js")).href);
}

// The app's build: its routes, and the rules the server applies (body limits, caching).
const build = await loadBuild();
const rules = build.entry.module;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, set TRUST_PROXY (for example "1" or "loopback") so that
// req.secure and req.ip reflect the client's connection.
const trustProxy = process.env.TRUST_PROXY;
if (trustProxy) app.set("trust proxy", /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);

// Secrets in addresses (share, invitation, review, reset, confirmation and
// unsubscribe tokens) never reach the log (app/utils/secret-addresses.ts).
morgan.token("safe-url", (req) => rules.redactSecrets(req.originalUrl));
app.use(
  morgan(DEV ? ":method :safe-url :status :response-time ms" : ":remote-addr :method :safe-url :status :res[content-length]B :response-time ms", {
    skip: (req, res) => req.path === "/healthz" && res.statusCode < 400,
  }),
);
// The stock `compression` middleware (gzip level 4, brotli quality 4) with a no-op `res.flush`, so
// that Remix's flush after every piece of a page does not restart the compressor
// (server/compression.mjs, docs/decisions/0015).
app.use(compressResponses());

// Bodies over the limit for their address are refused before they are read; a
// body left unread closes its connection; an address with a NUL is refused
// (server/request-guards.mjs, app/utils/body-limits.ts).
app.use(closeWhenBodyUnread());
app.use(refuseOversizedBodies(rules.bodyLimitFor, rules.formatBytes));
app.use(refuseNulInAddress());

// A fresh 128-bit nonce per response, cut from a pool of random bytes refilled
// every 256 responses: one call to the system's generator per response cost
// about 20 µs here.
let noncePool = Buffer.alloc(0);
let nonceOffset = 0;
function cspNonce() {
  if (nonceOffset + 16 > noncePool.length) {
    noncePool = crypto.randomBytes(16 * 256);
    nonceOffset = 0;
  }
  const nonce = noncePool.toString("base64", nonceOffset, nonceOffset + 16);
  nonceOffset += 16;
  return nonce;
}
app.use((_req, res, next) => {
  res.locals.cspNonce = cspNonce();
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        // Vite injects <style> tags while developing; built pages use files only.
        styleSrc: DEV ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        // No data: or outside images: user Markdown makes those links (issue 17). blob: addresses exist
        // only when this page's own scripts make them (the photo cropper's preview of the chosen file).
        imgSrc: ["'self'", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: DEV ? ["'self'", "ws:"] : ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // HSTS only when the request really came over HTTPS (see below).
    strictTransportSecurity: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    crossOriginEmbedderPolicy: false,
  }),
);
app.use((req, res, next) => {
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// Cross-site request forgery: a state-changing request must come from a page of
// this site. Browsers send Origin on form posts (Referer as a fallback);
// SameSite=Lax session cookies are the second layer.
app.use((req, res, next) => {
  // RFC 8058 one-click unsubscribe: mail providers POST from their own servers,
  // with no Origin and no cookies. The signed token in the URL is the only
  // authorisation, and that action reads no cookie.
  if (req.method === "POST" && req.path === "/email/unsubscribe") return next();
  // Mail providers' inbound webhooks POST raw emails from their servers; the shared
  // secret (INBOUND_WEBHOOK_SECRET) is the authorisation, and no cookie is read.
  if (req.method === "POST" && req.path === "/email/inbound") return next();
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  let sourceHost = null;
  try {
    sourceHost = source && source !== "null" ? new URL(source).host : null;
  } catch {
    sourceHost = null;
  }
  const host = (trustProxy && req.get("x-forwarded-host")) || req.get("host");
  if (sourceHost && sourceHost === host) return next();
  res.status(403).type("text/plain").send("This request did not come from a CME Commons page, so it was refused.");
});

/** Static files all have an extension (favicon.svg…): pages skip the file-system lookups. */
function filesOnly(serveStatic) {
  return (req, res, next) => (/\.[^/]+$/.test(req.path) ? serveStatic(req, res, next) : next());
}

if (viteDevServer) {
  app.use(viteDevServer.middlewares);
} else {
  // Fingerprinted build assets never change.
  app.use("/assets", express.static(path.join(BUILD_DIR, "client/assets"), { immutable: true, maxAge: "1y" }));
  app.use(filesOnly(express.static(path.join(BUILD_DIR, "client"), { maxAge: "1h" })));
}
app.use(filesOnly(express.static("public", { maxAge: "1h" })));

// Who may keep a copy of each page, data request and download: one policy
// (app/utils/cache-policy.ts). Static files above keep their own caching.
app.use(applyCachePolicy(rules.cacheHeaders, rules.SESSION_COOKIE));

// The benchmark counts database round trips per request (X-DB-Queries). The
// scope lives on globalThis, shared with the build's database module.
if (process.env.BENCH_QUERY_LOG === "1") {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  const scopeStore = (globalThis.__cmeQueryScope ??= new AsyncLocalStorage());
  app.use((_req, res, next) => {
    const scope = { queries: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function (...args) {
      if (!res.headersSent) res.setHeader("X-DB-Queries", String(scope.queries));
      return writeHead.apply(this, args);
    };
    scopeStore.run(scope, next);
  });
}


app.all(
  "*",
  createRequestHandler({
    // In production the build never changes: handing Remix the module itself
    // lets it derive its route tables once. Given a function, it rebuilds them
    // for every request (about a tenth of a page's server time). While
    // developing, the function picks up Vite's fresh modules.
    build: viteDevServer ? loadBuild : build,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientIp: req.ip ?? "unknown" }),
  }),
);

try {
  await build.entry.module.getDatabase().prisma.$queryRaw`SELECT 1`;
} catch (error) {
  console.error("Cannot reach the database:", error instanceof Error ? error.message : error);
  process.exit(1);
}

const server = app.listen(PORT, HOST, () => {
  const worker = cluster.isWorker ? `, worker ${Number(process.env.CME_WORKER_SLOT ?? 0) + 1}` : "";
  console.log(`CME Commons listening on http://localhost:${PORT} (${DEV ? "development" : "production"}${worker})`);
});

let shuttingDown = false;

// Inbound mail over SMTP (replies and new threads by email), when SMTP_INBOUND_PORT
// is set; off by default. In a cluster the workers share the port, as for HTTP.
let smtpListener = null;
if (process.env.SMTP_INBOUND_PORT) {
  try {
    smtpListener = await rules.startInboundSmtp({
      port: Number(process.env.SMTP_INBOUND_PORT),
      host: process.env.SMTP_INBOUND_HOST ?? HOST,
      tlsKeyFile: process.env.SMTP_TLS_KEY,
      tlsCertFile: process.env.SMTP_TLS_CERT,
    });
    console.log(`Inbound mail: SMTP listening on port ${smtpListener.port}`);
  } catch (error) {
    console.error("Could not start the inbound SMTP listener:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}

// Background work (digests, notification emails, hourly housekeeping): every
// instance ticks; jobs are claimed in the database, so each runs once
// (docs/decisions/0008). JOBS=off leaves an instance to serve pages only.
const JOBS_ON = process.env.JOBS !== "off";
const JOB_INTERVAL_MS = Math.max(1, Number(process.env.JOB_INTERVAL_SECONDS ?? 30)) * 1000;
let tickInFlight = null;
function tick() {
  if (tickInFlight || shuttingDown) return;
  tickInFlight = loadBuild()
    .then((current) => current.entry.module.runBackgroundTick())
    .catch((error) => console.error("Background jobs failed:", error))
    .finally(() => (tickInFlight = null));
}
const jobTimer = JOBS_ON ? setInterval(tick, JOB_INTERVAL_MS) : null;
jobTimer?.unref();
if (JOBS_ON) setTimeout(tick, 2_000).unref();

async function shutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log(`${signal} received: finishing open requests, then closing the database`);
  const force = setTimeout(() => {
    console.error(`Requests still open after ${SHUTDOWN_GRACE_MS} ms; closing anyway`);
    server.closeAllConnections();
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  if (jobTimer) clearInterval(jobTimer);
  await Promise.all([new Promise((resolve) => server.close(resolve)), smtpListener?.close()]);
  // Let a running batch of jobs finish (an interrupted one is retried after its lease).
  await tickInFlight;
  await viteDevServer?.close();
  try {
    const current = await loadBuild();
    await current.entry.module.closeDatabase();
  } catch (error) {
    console.error("Error while closing the database:", error);
  }
  console.log("Shut down cleanly");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
// A worker whose primary is gone (killed outright) stops too, instead of holding the port.
if (cluster.isWorker) process.on("disconnect", () => void shutdown("primary gone"));
