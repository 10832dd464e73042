/**
 * Side by side: two or more production servers under load at the same time.
 *
 *   DATABASE_URL=postgresql://…/bench npx tsx scripts/bench-compare.ts \
 *     --server "old=/work/wt-old|.build-old" --server "new=.|.build-perf" \
 *     [--rounds 5] [--seconds 8] [--warmup 3] [--connections 8] [--only home,thread] [--out file.json]
 *
 * Each --server is `name=directory|build directory|node flags`: the directory holds the server.mjs
 * (and node_modules) to run, the build directory is relative to it, and the node flags (optional,
 * space-separated) default to those `npm start` uses in this checkout (scripts/lib.mjs). The first
 * server is the reference that the others are compared with.
 *
 * Why at the same time: on a 2-core machine shared with PostgreSQL, the load generator and other
 * work, the speed available drifts by more than the differences worth measuring; runs one after
 * the other compare the machine's moods. Loaded at once, with the same connections each, every
 * server meets the same drift. Each round loads every server with the same page for the same
 * seconds (after a warm-up) and reads:
 * - requests per second, and its ratio to the reference's in that round;
 * - the server's CPU time per request (user + system, from /proc/<pid>/stat): what a page costs
 *   whatever the share of the cores the server got;
 * - peak resident memory (VmHWM) over the whole run.
 * Rounds are repeated and reported as median and range. The data is the benchmark's
 * (`npm run bench:seed`): the same database for every server. Not a test; records nothing unless
 * --out is given.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { databaseTargetFromEnv, describeTarget } from "~/utils/db.server";
import { freePort, loadFixtures, logIn, memoryOf, withBulk } from "./bench";
import { runLoad, type LoadStats } from "./bench/load";
import { serverNodeFlags } from "./lib.mjs";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}
function options(name: string): string[] {
  return process.argv.flatMap((arg, i) => (arg === `--${name}` && process.argv[i + 1] ? [process.argv[i + 1]!] : []));
}

const ROUNDS = Number(option("rounds") ?? 5);
const SECONDS = Number(option("seconds") ?? 8);
const WARMUP = Number(option("warmup") ?? 3);
const CONNECTIONS = Number(option("connections") ?? 8);
const ONLY = option("only")?.split(",").map((key) => key.trim());
const CLOCK_TICKS = 100; // USER_HZ on Linux

type ServerSpec = { name: string; dir: string; buildDir: string; flags: string[] };
type Running = ServerSpec & { child: ChildProcess; baseUrl: string; logFile: string; cookie: string; peakRss: number };

function parseServer(text: string): ServerSpec {
  const match = /^([^=]+)=(.*)$/.exec(text);
  if (!match) throw new Error(`--server ${text}: expected name=directory|build directory|node flags`);
  const [dir = ".", buildDir = "build", flags] = match[2]!.split("|");
  return {
    name: match[1]!,
    dir: path.resolve(dir),
    buildDir,
    flags: flags === undefined ? serverNodeFlags() : flags.split(" ").filter(Boolean),
  };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the command name.
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

async function start(spec: ServerSpec, databaseUrl: string): Promise<Running> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `cme-compare-${spec.name}-${port}.log`);
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, [...spec.flags, "server.mjs"], {
    cwd: spec.dir,
    env: {
      ...process.env,
      NODE_ENV: "production",
      BUILD_DIR: path.resolve(spec.dir, spec.buildDir),
      PORT: String(port),
      HOST: "127.0.0.1",
      JOBS: "off",
      DATABASE_URL: databaseUrl,
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${spec.name} stopped while starting; see ${logFile}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${spec.name} did not answer within 2 minutes; see ${logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { ...spec, child, baseUrl, logFile, cookie: await logIn(baseUrl), peakRss: 0 };
}

async function stop(server: Running) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), 20_000);
  await exited;
  clearTimeout(timer);
}

type Page = { key: string; label: string; path: string; visitor: boolean };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fixed = (value: number, digits: number) => value.toFixed(digits);

async function main() {
  const target = databaseTargetFromEnv();
  if (target.kind !== "postgres") throw new Error("Set DATABASE_URL to a PostgreSQL database seeded with npm run bench:seed.");
  const specs = options("server").map(parseServer);
  if (specs.length < 2) throw new Error("Give at least two --server options (the first is the reference).");

  const { fixtures, visitorThread } = await withBulk(target, async (bulk) => {
    const fixtures = await loadFixtures(bulk);
    // The visitor's pages: the association's public category and its thread nearest 50 posts.
    const [visitorThread] = await bulk.query<{ id: string; slug: string; category: string; posts: number | string }>(`
      SELECT t."id", t."slug", c."slug" AS "category", t."lastPostNumber" AS "posts" FROM "Thread" t
        JOIN "Category" c ON c."id" = t."categoryId"
       WHERE t."associationId" = 'bench-a-0001' AND c."visibility" = 'PUBLIC' AND t."deletedAt" IS NULL
       ORDER BY abs(t."lastPostNumber" - 50), t."id" LIMIT 1`);
    return { fixtures, visitorThread };
  });
  const { association, thread } = fixtures;
  const pages: Page[] = [
    { key: "home", label: "Association home (member)", path: `/associations/${association.slug}`, visitor: false },
    { key: "thread-list", label: "Thread list (member)", path: `/forums/${association.slug}/${association.categorySlug}`, visitor: false },
    { key: "thread", label: `Thread page, ${thread.posts} posts (member)`, path: `/t/${thread.id}/${thread.slug}`, visitor: false },
    { key: "home-visitor", label: "Association home (visitor)", path: `/associations/${association.slug}`, visitor: true },
    ...(visitorThread
      ? [
          { key: "thread-list-visitor", label: "Thread list (visitor)", path: `/forums/${association.slug}/${visitorThread.category}`, visitor: true },
          {
            key: "thread-visitor",
            label: `Thread page, ${Number(visitorThread.posts)} posts (visitor)`,
            path: `/t/${visitorThread.id}/${visitorThread.slug}`,
            visitor: true,
          },
        ]
      : []),
    { key: "trivial", label: "Trivial route (/livez)", path: "/livez", visitor: true },
  ].filter((page) => !ONLY || ONLY.includes(page.key));

  console.log(
    `Side by side on ${describeTarget(target)}: ${specs.map((s) => `${s.name} (${s.flags.join(" ") || "no flags"})`).join(", ")}; ` +
      `${CONNECTIONS} connections each, ${ROUNDS} rounds of ${SECONDS} s (+${WARMUP} s warm-up) per page`,
  );
  const servers: Running[] = [];
  const sampler = setInterval(() => {
    for (const server of servers) {
      const memory = server.child.pid ? memoryOf(server.child.pid) : null;
      if (memory) server.peakRss = Math.max(server.peakRss, memory.peak);
    }
  }, 500);
  const results: Record<string, Record<string, { rps: number[]; cpuMs: number[]; ratio: number[]; cpuRatio: number[]; p95: number[] }>> = {};
  try {
    for (const spec of specs) servers.push(await start(spec, target.url));
    for (const page of pages) {
      // Every server must answer the page with 200 before it is measured.
      for (const server of servers) {
        const response = await fetch(`${server.baseUrl}${page.path}`, {
          headers: page.visitor ? {} : { cookie: server.cookie },
          redirect: "manual",
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${server.name}: ${page.path} answered ${response.status}`);
      }
      const perServer = Object.fromEntries(servers.map((s) => [s.name, { rps: [] as number[], cpuMs: [] as number[], ratio: [] as number[], cpuRatio: [] as number[], p95: [] as number[] }]));
      results[page.key] = perServer;
      const loadAll = (seconds: number) =>
        Promise.all(
          servers.map((server) =>
            runLoad({
              baseUrl: server.baseUrl,
              connections: CONNECTIONS,
              seconds,
              headers: { "accept-encoding": "gzip", ...(page.visitor ? {} : { cookie: server.cookie }) },
              requests: [{ method: "GET", path: page.path }],
            }),
          ),
        );
      if (WARMUP > 0) await loadAll(WARMUP);
      for (let round = 0; round < ROUNDS; round++) {
        const before = servers.map((s) => cpuSeconds(s.child.pid!));
        const stats: LoadStats[] = await loadAll(SECONDS);
        const after = servers.map((s) => cpuSeconds(s.child.pid!));
        const line: string[] = [];
        servers.forEach((server, i) => {
          const s = stats[i]!;
          const bad = s.requests - (s.statuses["2xx"] ?? 0) + s.transportErrors;
          if (bad > 0) throw new Error(`${server.name}: ${bad} failed responses on ${page.path}`);
          const cpuMs = ((after[i]! - before[i]!) * 1000) / Math.max(1, s.requests);
          const entry = perServer[server.name]!;
          entry.rps.push(s.requestsPerSecond);
          entry.cpuMs.push(cpuMs);
          entry.p95.push(s.latencyMs.p95);
          entry.ratio.push(s.requestsPerSecond / stats[0]!.requestsPerSecond);
          entry.cpuRatio.push(cpuMs / perServer[servers[0]!.name]!.cpuMs.at(-1)!);
          line.push(`${server.name} ${fixed(s.requestsPerSecond, 0)} req/s ${fixed(cpuMs, 1)} ms`);
        });
        console.log(`  ${page.key.padEnd(20)} round ${round + 1}: ${line.join(" | ")}`);
      }
    }
  } finally {
    clearInterval(sampler);
    for (const server of servers) {
      const memory = server.child.pid ? memoryOf(server.child.pid) : null;
      if (memory) server.peakRss = Math.max(server.peakRss, memory.peak);
    }
    await Promise.all(servers.map(stop));
  }

  // ── Report: median [range] per page and server ──
  const reference = servers[0]!.name;
  const range = (values: number[], digits: number) =>
    `${fixed(median(values), digits)} [${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)}]`;
  console.log(`\n| page | ${servers.map((s) => `${s.name} req/s | ${s.name} CPU ms/req`).join(" | ")} | ${servers.slice(1).map((s) => `${s.name}/${reference} throughput`).join(" | ")} |`);
  console.log(`|---|${servers.map(() => "---|---|").join("")}${servers.slice(1).map(() => "---|").join("")}`);
  for (const page of pages) {
    const perServer = results[page.key];
    if (!perServer) continue;
    const cells = servers.map((s) => `${range(perServer[s.name]!.rps, 0)} | ${range(perServer[s.name]!.cpuMs, 1)}`);
    const ratios = servers.slice(1).map((s) => range(perServer[s.name]!.ratio, 2));
    console.log(`| ${page.label} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
  }
  console.log(`\nPeak RSS (MB): ${servers.map((s) => `${s.name} ${s.peakRss}`).join(", ")}`);
  const out = option("out");
  if (out) {
    writeFileSync(
      out,
      JSON.stringify(
        {
          date: new Date().toISOString(),
          servers: servers.map(({ name, dir, buildDir, flags, peakRss }) => ({ name, dir, buildDir, flags, peakRssMb: peakRss })),
          connections: CONNECTIONS,
          rounds: ROUNDS,
          seconds: SECONDS,
          pages: pages.map((page) => ({ ...page, results: results[page.key] })),
        },
        null,
        2,
      ),
    );
    console.log(`Written to ${out}`);
  }
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
