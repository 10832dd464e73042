/**
 * npm run bench -- [--duration 20] [--connections 16] [--warmup 3] [--only thread,search]
 *                  [--skip-build] [--port 3190] [--note "…"] [--no-record]
 *
 * Builds the production server, starts it against the chosen database
 * (DATABASE_URL, or the embedded PGlite in PGLITE_DATA_DIR) seeded with
 * `npm run bench:seed`, and drives each scenario with autocannon from this
 * process at a fixed concurrency for a fixed time. Reports requests/s,
 * p50/p95/p99 latency, errors, throughput relative to a trivial route on the
 * same server, database round trips per request (X-DB-Queries), first-load
 * JavaScript per page and the server's peak memory; checks that every reply
 * the benchmark posted is in the database; writes bench/results/*.json and a
 * row of bench/RESULTS.md. Not a test: budgets are reported, never enforced.
 * See bench/README.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { databaseTargetFromEnv, describeTarget, openDatabase, type DatabaseTarget } from "~/utils/db.server";
import { digestBatches } from "~/domain/email/digests.server";
import { firstLoadJs } from "./bench/first-load";
import { checkInbound, deliver, INBOUND_DOMAIN, INBOUND_SECRET, planInbound, type Delivery, type InboundCheck } from "./bench/inbound";
import { runLoad, type LoadStats, type ScenarioRequest } from "./bench/load";
import { BENCH_PASSWORD, LOGIN_MEMBER, memberEmail } from "./bench/plan";
import {
  BUDGETS,
  machineSummary,
  readSeedRecord,
  writeResults,
  type BenchResult,
  type InboundResult,
  type ScenarioResult,
} from "./bench/report";
import { countRows } from "./bench/seed";
import { openBulk, type Bulk } from "./bench/sql";
import { SEARCH_QUERIES } from "./bench/text";
import { serverNodeFlags } from "./lib.mjs";

// ─── Options ────────────────────────────────────────────────────────────────

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

const DURATION = Number(option("duration") ?? 20);
const CONNECTIONS = Number(option("connections") ?? 16);
const WARMUP = Number(option("warmup") ?? 3);
const ONLY = option("only")?.split(",").map((key) => key.trim());
const BUILD_DIR = path.resolve(process.env.BUILD_DIR || ".build-bench");
/** The inbound-mail phase: messages delivered at once, SMTP connections, the job runner's interval. */
const INBOUND_MESSAGES = Number(option("inbound-messages") ?? 200);
const INBOUND_SMTP_CONNECTIONS = 8;
const INBOUND_JOB_INTERVAL_SECONDS = 1;
const REPLY_TEXT =
  "Benchmark reply: this matches what we saw during our last **self-study**. We now review each activity file within a week of the session.";

function log(line: string) {
  console.log(line);
}

// ─── The database side ──────────────────────────────────────────────────────

export type Fixtures = {
  scale: number;
  databaseVersion: string;
  association: { slug: string; categorySlug: string };
  thread: { id: string; slug: string; posts: number };
  replyThreads: { id: string; slug: string }[];
  handles: string[];
  loginUserId: string;
  /** Threads (of the reply targets and the thread page) the member had already read or posted in. */
  readBefore: string[];
  rows: Record<string, number>;
};

export async function withBulk<T>(target: DatabaseTarget, fn: (bulk: Bulk) => Promise<T>): Promise<T> {
  const database = openDatabase(target.kind === "postgres" ? { ...target, poolSize: 2 } : target);
  const bulk = await openBulk(database, 1);
  try {
    return await fn(bulk);
  } finally {
    await bulk.exec(0, `UPDATE "Job" SET "runAt" = "runAt" - interval '${POSTPONED}' WHERE "status" = 'PENDING' AND "runAt" > now() + interval '50 years';`);
    await bulk.close();
    await database.close();
  }
}

export async function loadFixtures(bulk: Bulk): Promise<Fixtures> {
  const loginUserId = `bench-u-${String(LOGIN_MEMBER + 1).padStart(6, "0")}`;
  const [login] = await bulk.query<{ id: string }>(`SELECT "id" FROM "User" WHERE "id" = '${loginUserId}'`);
  if (!login) throw new Error("No benchmark data in this database: run `npm run bench:seed -- --scale 1` first.");
  const [association] = await bulk.query<{ slug: string; categorySlug: string }>(`
    SELECT a."slug", c."slug" AS "categorySlug" FROM "Association" a
      JOIN "Forum" f ON f."associationId" = a."id" JOIN "Category" c ON c."forumId" = f."id"
     WHERE a."id" = 'bench-a-0001' AND c."visibility" = 'ASSOCIATION' ORDER BY c."position" LIMIT 1`);
  const [thread] = await bulk.query<{ id: string; slug: string; posts: number | string }>(`
    SELECT t."id", t."slug", (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id") AS "posts"
      FROM "Thread" t WHERE t."id" = 'bench-t-0000001'`);
  const replyThreads = await bulk.query<{ id: string; slug: string }>(`
    SELECT "id", "slug" FROM "Thread"
     WHERE "associationId" = 'bench-a-0001' AND "id" <> 'bench-t-0000001' AND "lockedAt" IS NULL AND "deletedAt" IS NULL
     ORDER BY "id" LIMIT 100`);
  const handles = await bulk.query<{ handle: string }>(`
    SELECT p."handle" FROM "Profile" p JOIN "AssociationMembership" m ON m."userId" = p."userId" AND m."associationId" = 'bench-a-0001'
     WHERE p."professionalVisibility" <> 'PRIVATE' ORDER BY p."userId" LIMIT 100`);
  const [{ posts } = { posts: 0 }] = await bulk.query<{ posts: number | string }>(`SELECT count(*) AS "posts" FROM "Post"`);
  const [{ version } = { version: "?" }] = await bulk.query<{ version: string }>(`SELECT split_part(current_setting('server_version'), ' ', 1) AS "version"`);
  if (!association || !thread) throw new Error("The benchmark data is incomplete: run `npm run bench:seed` again.");
  const touched = [thread.id, ...replyThreads.map((t) => t.id)];
  const readBefore = await bulk.query<{ threadId: string }>(`
    SELECT "threadId" FROM "ThreadReader" WHERE "userId" = '${loginUserId}' AND "threadId" IN (${touched.map((id) => `'${id}'`).join(",")})`);
  return {
    scale: Math.round((Number(posts) / 500_000) * 1000) / 1000,
    databaseVersion: version,
    association,
    thread: { ...thread, posts: Number(thread.posts) },
    replyThreads,
    handles: handles.map((h) => h.handle),
    loginUserId,
    readBefore: readBefore.map((r) => r.threadId),
    rows: await countRows(bulk),
  };
}

/** Watchers each reply notifies (the thread's watchers other than the replier who may see it). */
async function watcherCounts(bulk: Bulk, threadIds: string[], replierId: string): Promise<Map<string, number>> {
  if (threadIds.length === 0) return new Map();
  const rows = await bulk.query<{ threadId: string; watchers: number | string }>(`
    SELECT t."id" AS "threadId", count(r."userId") AS "watchers"
      FROM "Thread" t
      LEFT JOIN "ThreadReader" r ON r."threadId" = t."id" AND r."watching" AND r."userId" <> '${replierId}'
       AND (t."visibility" <> 'ASSOCIATION' OR EXISTS (
             SELECT 1 FROM "AssociationMembership" m WHERE m."associationId" = t."associationId" AND m."userId" = r."userId"))
     WHERE t."id" IN (${threadIds.map((id) => `'${id}'`).join(",")})
     GROUP BY t."id"`);
  return new Map(rows.map((row) => [row.threadId, Number(row.watchers)]));
}

// ─── The server ─────────────────────────────────────────────────────────────

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function build() {
  log(`Building the production server into ${path.relative(process.cwd(), BUILD_DIR)} …`);
  const started = performance.now();
  const result = spawnSync("npx", ["remix", "vite:build"], {
    env: { ...process.env, BUILD_DIR, NODE_ENV: "production" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error("The production build failed");
  }
  log(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

type Server = { process: ChildProcess; baseUrl: string; logFile: string; exited: Promise<number | null> };

async function startServer(target: DatabaseTarget, port: number, extraEnv: Record<string, string> = {}): Promise<Server> {
  const logFile = path.join(os.tmpdir(), `cme-bench-server-${port}.log`);
  const fd = openSync(logFile, "w");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    BUILD_DIR,
    PORT: String(port),
    HOST: "127.0.0.1",
    JOBS: "off",
    BENCH_QUERY_LOG: "1",
    ...extraEnv,
  };
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else {
    delete env.DATABASE_URL;
    env.PGLITE_DATA_DIR = target.dataDir ?? "memory://";
  }
  // Node flags for the server: by default those `npm start` runs it with (its heap limit); or, as an
  // operator would pass them, BENCH_NODE_FLAGS="--max-old-space-size=256".
  const nodeFlags =
    process.env.BENCH_NODE_FLAGS === undefined ? serverNodeFlags() : process.env.BENCH_NODE_FLAGS.split(" ").filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, "server.mjs"], { env, stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server stopped while starting; see ${logFile}:\n${readFileSync(logFile, "utf8").slice(-2000)}`);
    try {
      const response = await fetch(`${baseUrl}/healthz`);
      if (response.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer within 2 minutes; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { process: child, baseUrl, logFile, exited };
}

async function stopServer(server: Server) {
  if (server.process.exitCode !== null) return;
  server.process.kill("SIGTERM");
  const timer = setTimeout(() => server.process.kill("SIGKILL"), 20_000);
  await server.exited;
  clearTimeout(timer);
}

/**
 * The server's memory: its process and its worker processes (on PostgreSQL the
 * server forks one per core), summed. The peak is the sum of each process's
 * own peak, an upper bound of what they held at one time.
 */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  const pids = [pid, ...childrenOf(pid)];
  let rss = 0;
  let peak = 0;
  for (const one of pids) {
    try {
      const status = readFileSync(`/proc/${one}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      rss += kb("VmRSS");
      peak += kb("VmHWM");
    } catch {
      if (one === pid) return null;
    }
  }
  return { rss: Math.round(rss / 1024), peak: Math.round(peak / 1024) };
}

function childrenOf(pid: number): number[] {
  try {
    return readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .filter((name) => {
        try {
          // The parent pid is the 4th field of /proc/<pid>/stat, after the parenthesised command name.
          const stat = readFileSync(`/proc/${name}/stat`, "utf8");
          return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}

export async function logIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseUrl },
    body: new URLSearchParams({ email: memberEmail(LOGIN_MEMBER), password: BENCH_PASSWORD, redirectTo: "/" }).toString(),
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
  if (response.status !== 302 || cookies.length === 0) {
    throw new Error(`Logging in as ${memberEmail(LOGIN_MEMBER)} failed (HTTP ${response.status}); was the data seeded with bench:seed?`);
  }
  return cookies.join("; ");
}

// ─── Scenarios ──────────────────────────────────────────────────────────────

type Scenario = {
  key: string;
  label: string;
  budget: { p95Ms?: number };
  requests: ScenarioRequest[];
  /** For the first-load JavaScript figure. */
  page?: string;
  /** Sent without the session cookie. */
  visitor?: boolean;
};

function scenarios(fixtures: Fixtures): Scenario[] {
  const { association, thread } = fixtures;
  const get = (paths: string[]): ScenarioRequest[] => paths.map((p) => ({ method: "GET", path: p }));
  return [
    { key: "trivial", label: "Trivial route (/livez, the ceiling)", budget: {}, requests: get(["/livez"]) },
    {
      // The floor of a server-rendered page on this machine: the site's layout and a short form, no database
      // query (a visitor has no session to look up). Not budgeted: it shows what every page costs before its data.
      key: "floor",
      label: "Cheapest page (/forgot-password, visitor)",
      budget: {},
      visitor: true,
      requests: get(["/forgot-password"]),
    },
    {
      key: "home",
      label: "Association home",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get([`/associations/${association.slug}`]),
      page: `/associations/${association.slug}`,
    },
    {
      key: "thread-list",
      label: "Thread list (association category)",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get([`/forums/${association.slug}/${association.categorySlug}`]),
      page: `/forums/${association.slug}/${association.categorySlug}`,
    },
    {
      key: "thread",
      label: `Thread page (${thread.posts} posts)`,
      budget: { p95Ms: BUDGETS.threadP95Ms },
      requests: get([`/t/${thread.id}/${thread.slug}`]),
      page: `/t/${thread.id}/${thread.slug}`,
    },
    {
      key: "search",
      label: "Full-text search",
      budget: { p95Ms: BUDGETS.searchP95Ms },
      requests: get(SEARCH_QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`)),
      page: `/search?q=${encodeURIComponent(SEARCH_QUERIES[0]!)}`,
    },
    {
      key: "profile",
      label: "Member profile",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get(fixtures.handles.map((handle) => `/members/${handle}`)),
      page: `/members/${fixtures.handles[0]}`,
    },
    {
      key: "competency",
      label: "Competency profile (own)",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get(["/me/competencies"]),
      page: "/me/competencies",
    },
    {
      // The member directory, beside the mentoring suggestions (issue 23): two people-finding pages, one run.
      key: "directory",
      label: "Member directory",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get(["/members"]),
      page: "/members",
    },
    {
      key: "suggestions",
      label: "Mentoring suggestions (/mentoring)",
      budget: { p95Ms: BUDGETS.listP95Ms },
      requests: get(["/mentoring"]),
      page: "/mentoring",
    },
    {
      key: "reply",
      label: "Post a reply (POST + redirect)",
      budget: { p95Ms: BUDGETS.replyP95Ms },
      requests: fixtures.replyThreads.map((t) => ({
        method: "POST",
        path: `/t/${t.id}/${t.slug}`,
        body: new URLSearchParams({ intent: "reply", body: REPLY_TEXT }).toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      })),
    },
  ].filter((scenario) => !ONLY || ONLY.includes(scenario.key)) as Scenario[];
}

/** A reply's redirect: /t/<thread>/<slug>[?after=n]#post-<number>. */
function parseReplyLocation(location: string | undefined): { threadId: string; number: number } | null {
  const match = /^\/t\/([^/?#]+)\/[^#]*#post-(\d+)$/.exec(location ?? "");
  return match ? { threadId: match[1]!, number: Number(match[2]) } : null;
}

// ─── Main ───────────────────────────────────────────────────────────────────

async function main() {
  const target = databaseTargetFromEnv();
  const databaseName = target.kind === "postgres" ? "postgres" : "pglite";
  log(`Benchmark against ${describeTarget(target)}: ${CONNECTIONS} connections, ${DURATION} s per scenario (+${WARMUP} s warm-up)`);

  if (!process.argv.includes("--skip-build") || !existsSync(path.join(BUILD_DIR, "server/index.js"))) build();
  const clientDir = path.join(BUILD_DIR, "client");

  const fixtures = await withBulk(target, loadFixtures);
  log(`Data set: scale ${fixtures.scale} (${fixtures.rows.Post?.toLocaleString("en-US")} posts), ${databaseName} ${fixtures.databaseVersion}`);

  const port = Number(option("port") ?? (await freePort()));
  const server = await startServer(target, port);
  log(`Server pid ${server.process.pid} on ${server.baseUrl} (log: ${server.logFile})`);
  let peakRss = 0;
  const sampler = setInterval(() => {
    const memory = server.process.pid ? memoryOf(server.process.pid) : null;
    if (memory) peakRss = Math.max(peakRss, memory.rss);
  }, 200);

  const results: ScenarioResult[] = [];
  const replies: { threadId: string; number: number }[] = [];
  let repliesSent = 0;
  let replyFailures = 0;
  let threadPageLoaded = false;
  let suggestionsShown: number | null = null;
  let memoryAtEnd: { rss: number; peak: number } | null = null;
  try {
    const cookie = await logIn(server.baseUrl);
    const memberHeaders = { cookie, "accept-encoding": "gzip", origin: server.baseUrl };
    const visitorHeaders = { "accept-encoding": "gzip", origin: server.baseUrl };
    let ceiling: number | null = null;

    for (const scenario of scenarios(fixtures)) {
      // The page itself, once: it must answer 200, and its scripts make the first-load figure.
      let firstLoad: ScenarioResult["firstLoadJs"] = null;
      let probeQueries: number | null = null;
      if (scenario.page) {
        const response = await fetch(`${server.baseUrl}${scenario.page}`, { headers: { cookie } });
        const html = await response.text();
        if (response.status !== 200) throw new Error(`${scenario.page} answered ${response.status}, not 200`);
        if (scenario.key === "thread") threadPageLoaded = true;
        if (scenario.key === "suggestions") {
          suggestionsShown = html.split('href="/mentoring/ask/').length - 1;
          if (suggestionsShown === 0) throw new Error("/mentoring suggests no mentor to the benchmark's member: was the data seeded with this version of bench:seed?");
          log(`  /mentoring suggests ${suggestionsShown} mentors to ${memberEmail(LOGIN_MEMBER)}`);
        }
        firstLoad = firstLoadJs(html, clientDir);
        const header = response.headers.get("x-db-queries");
        probeQueries = header === null ? null : Number(header);
      }
      const isReply = scenario.key === "reply";
      const onResponse = isReply
        ? (status: number, responseHeaders: Record<string, string>) => {
            const reply = status === 302 ? parseReplyLocation(responseHeaders.location) : null;
            if (reply) replies.push(reply);
            else replyFailures++;
          }
        : undefined;
      let rotation = 0;
      const rotate = scenario.requests.length > 1;
      const load = (how: { seconds: number } | { amount: number }) =>
        runLoad({
          baseUrl: server.baseUrl,
          connections: CONNECTIONS,
          ...how,
          headers: scenario.visitor ? visitorHeaders : memberHeaders,
          // Each request takes the next path in turn, so concurrent connections spread over threads, searches and members.
          requests: rotate ? [{ ...scenario.requests[0]!, path: "/" }] : scenario.requests,
          rotate: rotate ? () => scenario.requests[rotation++ % scenario.requests.length]!.path : undefined,
          onResponse,
        });
      // The write scenario sends a fixed number of replies (about DURATION seconds' worth, from the warm-up's
      // rate) and waits for every answer, so that what was sent and what the database holds can be compared exactly.
      let amount = CONNECTIONS * 10;
      if (WARMUP > 0) {
        const warm = await load(isReply ? { amount: CONNECTIONS * 3 } : { seconds: WARMUP });
        if (isReply) repliesSent += warm.sent;
        if (warm.seconds > 0) amount = Math.max(amount, Math.round((warm.requests / warm.seconds) * DURATION));
      }
      const before = server.process.pid ? memoryOf(server.process.pid) : null;
      const stats: LoadStats = await load(isReply ? { amount } : { seconds: DURATION });
      if (isReply) repliesSent += stats.sent;
      const after = server.process.pid ? memoryOf(server.process.pid) : null;
      if (scenario.key === "trivial") ceiling = stats.requestsPerSecond;
      const ok = (stats.statuses["2xx"] ?? 0) + (isReply ? (stats.statuses["3xx"] ?? 0) : 0);
      const result: ScenarioResult = {
        key: scenario.key,
        label: scenario.label,
        requestsPerSecond: stats.requestsPerSecond,
        latencyMs: stats.latencyMs,
        requests: stats.requests,
        errors: stats.requests - ok + stats.transportErrors,
        statuses: stats.statuses,
        ratioToTrivial: ceiling ? Math.round((stats.requestsPerSecond / ceiling) * 1000) / 1000 : null,
        dbQueriesPerRequest: stats.dbQueries ?? (probeQueries === null ? null : { median: probeQueries, max: probeQueries, mean: probeQueries }),
        dbQueriesAlone: probeQueries,
        firstLoadJs: firstLoad,
        rssMb: after ? { atStart: before?.rss ?? null, atEnd: after.rss } : null,
        budgetP95Ms: scenario.budget.p95Ms ?? null,
      };
      results.push(result);
      log(formatLine(result, databaseName));
    }
    memoryAtEnd = server.process.pid ? memoryOf(server.process.pid) : null;
  } finally {
    clearInterval(sampler);
    await stopServer(server);
  }

  // ── Nothing lost: every reply the server confirmed is in the database, counters in step ──
  const integrity = await withBulk(target, async (bulk) => {
    const after = await countRows(bulk);
    const threadIds = [...new Set(replies.map((r) => r.threadId))];
    const watchers = await watcherCounts(bulk, threadIds, fixtures.loginUserId);
    const expectedNotifications = replies.reduce((sum, reply) => sum + (watchers.get(reply.threadId) ?? 0), 0);
    const inconsistent =
      threadIds.length === 0
        ? []
        : await bulk.query<{ id: string }>(`
            SELECT t."id" FROM "Thread" t
             WHERE t."id" IN (${threadIds.map((id) => `'${id}'`).join(",")})
               AND (t."lastPostNumber" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id")
                 OR t."lastPostNumber" <> (SELECT max(p."number") FROM "Post" p WHERE p."threadId" = t."id")
                 OR t."replyCount" <> (SELECT count(*) FROM "Post" p WHERE p."threadId" = t."id" AND p."number" > 1
                                         AND p."deletedAt" IS NULL AND p."hiddenAt" IS NULL))`);
    const watching = await bulk.query<{ threadId: string }>(
      threadIds.length === 0
        ? `SELECT NULL AS "threadId" WHERE false`
        : `SELECT "threadId" FROM "ThreadReader" WHERE "userId" = '${fixtures.loginUserId}' AND "watching"
             AND "threadId" IN (${threadIds.map((id) => `'${id}'`).join(",")})`,
    );
    // New reading-state rows: a thread replied to or opened (the thread page) that the member had not read before.
    const read = new Set([...threadIds, ...(threadPageLoaded ? [fixtures.thread.id] : [])]);
    for (const id of fixtures.readBefore) read.delete(id);
    const numbers = new Set(replies.map((r) => `${r.threadId}#${r.number}`));
    const delta = (table: string) => (after[table] ?? 0) - (fixtures.rows[table] ?? 0);
    const checks = [
      { table: "Post rows added = replies sent", expected: repliesSent, actual: delta("Post") },
      { table: "Replies confirmed (302) = replies sent", expected: repliesSent, actual: replies.length },
      { table: "Post numbers confirmed, all distinct", expected: replies.length, actual: numbers.size },
      { table: "Notification rows added = watchers told", expected: expectedNotifications, actual: delta("Notification") },
      { table: "ThreadReader rows added = threads newly read", expected: read.size, actual: delta("ThreadReader") },
      { table: "Replied threads the replier now watches", expected: threadIds.length, actual: watching.length },
      { table: "Thread rows added", expected: 0, actual: delta("Thread") },
      { table: "Threads whose counters disagree with their posts", expected: 0, actual: inconsistent.length },
    ];
    return {
      repliesSent,
      repliesConfirmed: replies.length,
      repliesRefused: replyFailures,
      checks,
      ok: checks.every((check) => check.expected === check.actual),
      rowDeltas: Object.fromEntries(
        Object.entries(after)
          .map(([table, count]) => [table, count - (fixtures.rows[table] ?? 0)] as const)
          .filter(([, delta]) => delta !== 0),
      ),
    };
  });

  // ── Inbound mail (issue 20): 200 replies by email at once, with the job runner on ──
  const inbound = !ONLY || ONLY.includes("inbound") ? await runInboundPhase(target, fixtures) : null;

  const result: BenchResult = {
    date: new Date().toISOString(),
    database: databaseName,
    databaseVersion: fixtures.databaseVersion,
    scale: fixtures.scale,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    warmupSeconds: WARMUP,
    machine: machineSummary(),
    scenarios: results,
    serverPeakRssMb: Math.max(peakRss, memoryAtEnd?.peak ?? 0),
    seed: readSeedRecord(databaseName, fixtures.scale),
    integrity,
    suggestionsShown,
    inbound,
    note: option("note") ?? null,
  };
  if (!process.argv.includes("--no-record")) {
    const files = writeResults(result);
    log(`Results: ${files.json}, a row in ${files.markdown}`);
  }
  log(`Server peak RSS ${result.serverPeakRssMb} MB (budget ${BUDGETS.rssMb} MB)`);
  log(
    integrity.ok
      ? `Nothing lost: ${integrity.repliesConfirmed} replies confirmed, all in the database with their notifications and counters.`
      : `✖ Replies and database disagree:\n${integrity.checks.map((c) => `  ${c.table}: expected ${c.expected}, found ${c.actual}`).join("\n")}`,
  );
  if (!integrity.ok) process.exitCode = 1;
  if (inbound) {
    log(
      inbound.ok
        ? `Inbound mail: all ${inbound.messages} replies posted exactly once (processed in ${inbound.processedSeconds} s; ` +
            `${inbound.redelivered.sent} delivered again, none posted twice).`
        : `✖ Inbound mail is not exactly once:\n${inbound.checks.filter((c) => c.expected !== c.actual).map((c) => `  ${c.check}: expected ${c.expected}, found ${c.actual}`).join("\n")}`,
    );
    if (!inbound.ok) process.exitCode = 1;
  }
}

// ─── Inbound mail ───────────────────────────────────────────────────────────

const POSTPONED = "100 years";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Jobs due now that are waiting or running. */
async function jobsDue(bulk: Bulk): Promise<number> {
  const [row] = await bulk.query<{ count: string | number }>(
    `SELECT count(*) AS "count" FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING') AND "runAt" <= '${new Date().toISOString()}'`,
  );
  return Number(row?.count ?? 0);
}

async function waitForIdleJobs(bulk: Bulk, limitSeconds: number): Promise<number | null> {
  const started = performance.now();
  while ((await jobsDue(bulk)) > 0) {
    if (performance.now() - started > limitSeconds * 1000) return null;
    await sleep(250);
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

/**
 * A server with the job runner on (every second), the SMTP listener and the
 * webhook: a baseline of the thread list, then the same load while 200
 * replies by email arrive at once (half over SMTP, half through the webhook)
 * and are processed; then some are delivered again. See bench/README.md.
 */
async function runInboundPhase(target: DatabaseTarget, fixtures: Fixtures): Promise<InboundResult> {
  process.env.REPLY_DOMAIN = INBOUND_DOMAIN;
  const page = `/forums/${fixtures.association.slug}/${fixtures.association.categorySlug}`;
  const database = openDatabase(target.kind === "postgres" ? { ...target, poolSize: 2 } : target);
  const bulk = await openBulk(database, 1);
  try {
    // The day's digests went out at each member's midnight on a real site; here they would fill the job runner
    // with a digest for every member. The batch jobs the scheduler wants now (this hour's and the catch-up
    // hours') are marked done, so the phase measures mail, not digests.
    const now = new Date();
    await bulk.exec(
      0,
      digestBatches(now).map(({ key }) => {
        return `INSERT INTO "Job" ("id", "kind", "key", "payload", "status", "runAt", "attempts", "finishedAt")
                VALUES ('bench-${key.replace(/[^a-z0-9]/gi, "-")}', 'digest-batch', '${key}', '{}', 'DONE', '${now.toISOString()}', 1, '${now.toISOString()}')
                ON CONFLICT ("key") DO NOTHING;`;
      }).join("\n"),
    );
    // Jobs earlier scenarios left (the replies' notification emails, due two minutes after each reply) are put off
    // until the phase is over, so the job runner works on this phase's mail only; their times are put back after.
    await bulk.exec(0, `UPDATE "Job" SET "runAt" = "runAt" + interval '${POSTPONED}' WHERE "status" = 'PENDING';`);
    const run = new Date().toISOString().replace(/[^0-9]/g, "").slice(0, 14);
    const smtpPort = await freePort();
    const port = await freePort();
    const server = await startServer(target, port, {
      JOBS: "on",
      JOB_INTERVAL_SECONDS: String(INBOUND_JOB_INTERVAL_SECONDS),
      SMTP_INBOUND_PORT: String(smtpPort),
      SMTP_INBOUND_HOST: "127.0.0.1",
      REPLY_DOMAIN: INBOUND_DOMAIN,
      INBOUND_WEBHOOK_SECRET: INBOUND_SECRET,
      SMTP_URL: "",
    });
    log(`Inbound mail: server pid ${server.process.pid} with the job runner on (every ${INBOUND_JOB_INTERVAL_SECONDS} s), SMTP on ${smtpPort} (log: ${server.logFile})`);
    try {
      const messages = await planInbound(database, bulk, {
        association: fixtures.association,
        count: INBOUND_MESSAGES,
        run,
        siteOrigin: server.baseUrl,
      });
      // The server's first tick (this hour's housekeeping) runs before the baseline.
      await sleep(3_000);
      await waitForIdleJobs(bulk, 120);
      const [{ posts: postsBefore, inbound: inboundBefore } = { posts: 0, inbound: 0 }] = await bulk.query<{ posts: string; inbound: string }>(
        `SELECT (SELECT count(*) FROM "Post") AS "posts", (SELECT count(*) FROM "InboundEmail") AS "inbound"`,
      );
      const cookie = await logIn(server.baseUrl);
      const headers = { cookie, "accept-encoding": "gzip", origin: server.baseUrl };
      const load = (how: { seconds: number } | { until: Promise<unknown> }) =>
        runLoad({ baseUrl: server.baseUrl, connections: CONNECTIONS, headers, requests: [{ method: "GET", path: page }], ...how });
      const summary = (stats: LoadStats) => ({
        seconds: stats.seconds,
        requests: stats.requests,
        requestsPerSecond: stats.requestsPerSecond,
        latencyMs: stats.latencyMs,
        errors: stats.requests - (stats.statuses["2xx"] ?? 0) + stats.transportErrors,
      });
      // A fresh process: a longer warm-up than the page scenarios', so the baseline is not its JIT warming up.
      await load({ seconds: Math.max(WARMUP, 10) });
      const baseline = await load({ seconds: DURATION });
      log(`  baseline, ${page}: ${baseline.requestsPerSecond} req/s, p95 ${baseline.latencyMs.p95} ms`);

      // All at once: the page under load, the deliveries, and a watch on the messages' processing.
      const ids = messages.map((m) => `'${m.messageId.toLowerCase()}'`).join(",");
      const since = new Date();
      const started = performance.now();
      let acknowledgedSeconds = 0;
      let processedSeconds: number | null = null;
      const processed = (async () => {
        while (performance.now() - started < 300_000) {
          const [row] = await bulk.query<{ count: string | number }>(
            `SELECT count(*) AS "count" FROM "InboundEmail" WHERE "messageId" IN (${ids}) AND "processedAt" IS NOT NULL`,
          );
          if (Number(row?.count ?? 0) >= messages.length) {
            processedSeconds = Math.round((performance.now() - started) / 100) / 10;
            return;
          }
          await sleep(200);
        }
      })();
      const [during, deliveries] = await Promise.all([
        load({ until: processed }),
        deliver(messages, { baseUrl: server.baseUrl, smtpPort, connections: INBOUND_SMTP_CONNECTIONS }).then((answers) => {
          acknowledgedSeconds = Math.round((performance.now() - started) / 100) / 10;
          return answers;
        }),
      ]);
      await processed;
      log(
        `  during, ${page}: ${during.requestsPerSecond} req/s, p95 ${during.latencyMs.p95} ms; ${deliveries.filter((d) => d.ok).length}/${messages.length} ` +
          `acknowledged in ${acknowledgedSeconds} s, processed in ${processedSeconds ?? "more than 300"} s`,
      );
      const queueIdle = await waitForIdleJobs(bulk, 300);
      const queueIdleSeconds = queueIdle === null ? null : Math.round((performance.now() - started) / 100) / 10;
      // The same load once the mail is done: with the baseline, it brackets the machine's drift during the phase.
      const after = await load({ seconds: DURATION });
      log(`  after, ${page}: ${after.requestsPerSecond} req/s, p95 ${after.latencyMs.p95} ms`);
      const bracket = (baseline.requestsPerSecond + after.requestsPerSecond) / 2;

      // Delivered again: some by the same path, some by the other one (a provider and a server both retrying).
      const again = messages.filter((m) => m.index % 20 < 3);
      const redeliveries = await deliver(again, { baseUrl: server.baseUrl, smtpPort, connections: INBOUND_SMTP_CONNECTIONS }, (m) =>
        m.index % 20 === 2 ? (m.via === "smtp" ? "webhook" : "smtp") : m.via,
      );
      await sleep(3 * INBOUND_JOB_INTERVAL_SECONDS * 1000);
      await waitForIdleJobs(bulk, 120);
      await stopServer(server);

      const checks: InboundCheck[] = [
        { check: "Deliveries acknowledged (SMTP 250, webhook 202)", expected: messages.length, actual: deliveries.filter((d) => d.ok).length },
        { check: "Deliveries again acknowledged (and not stored again)", expected: again.length, actual: redeliveries.filter((d) => d.ok).length },
        ...(await checkInbound(bulk, messages, since, { posts: Number(postsBefore), inbound: Number(inboundBefore) })),
      ];
      const serverLog = readFileSync(server.logFile, "utf8");
      const logErrors = (serverLog.match(/failed \(attempt|Could not store|Background jobs failed|Inbound SMTP:/g) ?? []).length;
      checks.push({ check: "Job failures and listener errors in the server's log", expected: 0, actual: logErrors });
      const failures = [...deliveries, ...redeliveries].filter((d): d is Delivery => !d.ok);
      return {
        messages: messages.length,
        viaSmtp: messages.filter((m) => m.via === "smtp").length,
        viaWebhook: messages.filter((m) => m.via === "webhook").length,
        smtpConnections: INBOUND_SMTP_CONNECTIONS,
        jobIntervalSeconds: INBOUND_JOB_INTERVAL_SECONDS,
        page,
        baseline: summary(baseline),
        during: summary(during),
        after: summary(after),
        ratio: bracket > 0 ? Math.round((during.requestsPerSecond / bracket) * 100) / 100 : null,
        acknowledgedSeconds,
        processedSeconds,
        queueIdleSeconds,
        redelivered: { sent: again.length, acknowledged: redeliveries.filter((d) => d.ok).length },
        failures: failures.slice(0, 20),
        checks,
        ok: checks.every((c) => c.expected === c.actual),
      };
    } finally {
      await stopServer(server);
    }
  } finally {
    await bulk.exec(0, `UPDATE "Job" SET "runAt" = "runAt" - interval '${POSTPONED}' WHERE "status" = 'PENDING' AND "runAt" > now() + interval '50 years';`);
    await bulk.close();
    await database.close();
  }
}

/** One console line per scenario; ✓/✗ against the p95 budget (PostgreSQL only: PGlite is not budgeted). */
function formatLine(result: ScenarioResult, database: string): string {
  const q = result.dbQueriesPerRequest;
  const budget = database === "postgres" ? result.budgetP95Ms : null;
  const mark = budget === null ? " " : result.latencyMs.p95 <= budget ? "✓" : "✗";
  return [
    `${mark} ${result.label.padEnd(42)}`,
    `${result.requestsPerSecond.toFixed(0).padStart(6)} req/s`,
    `p50 ${result.latencyMs.p50.toFixed(1).padStart(6)}`,
    `p95 ${result.latencyMs.p95.toFixed(1).padStart(6)}`,
    `p99 ${result.latencyMs.p99.toFixed(1).padStart(6)} ms`,
    `errors ${result.errors}`,
    result.ratioToTrivial === null ? "" : `×${result.ratioToTrivial.toFixed(2)} of trivial`,
    // A lone request's count is exact; under load, concurrent requests share a session lookup and
    // Prisma batches their findUnique calls, so the median can be lower.
    `db ${result.dbQueriesAlone ?? (q ? q.max : "n/a")}${q ? ` (under load: median ${q.median}, max ${q.max})` : ""}`,
    result.firstLoadJs ? `JS ${result.firstLoadJs.kb} KB` : "",
  ]
    .filter(Boolean)
    .join("  ");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof Error ? `✖ ${error.message}` : error);
    process.exitCode = 1;
  }
  process.exit();
}
