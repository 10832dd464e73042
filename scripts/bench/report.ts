/**
 * Where a benchmark run goes: bench/results/<date>-<hhmm>-<database>-<scale>.json
 * (everything measured) and one row of bench/RESULTS.md (the headline
 * figures against the product's budgets).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The budgets (PostgreSQL, 16 concurrent clients, production build, this 2-core machine). */
export const BUDGETS = {
  threadP95Ms: 60,
  threadRatio: 0.3,
  listP95Ms: 50,
  searchP95Ms: 100,
  replyP95Ms: 80,
  dbRoundTrips: 8,
  firstLoadKb: 110,
  rssMb: 300,
  seedSeconds: 120,
} as const;

export type ScenarioResult = {
  key: string;
  label: string;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  requests: number;
  /** Responses that were not a success (2xx; 3xx too for the reply) plus connection errors and timeouts. */
  errors: number;
  statuses: Record<string, number>;
  ratioToTrivial: number | null;
  dbQueriesPerRequest: { median: number; max: number; mean: number } | null;
  /** Round trips of the page requested alone, before the load (exact; null for the write scenario). */
  dbQueriesAlone?: number | null;
  firstLoadJs: { kb: number; files: number } | null;
  rssMb: { atStart: number | null; atEnd: number } | null;
  budgetP95Ms: number | null;
};

export type BenchResult = {
  date: string;
  database: "postgres" | "pglite";
  databaseVersion: string;
  scale: number;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  machine: { cpus: number; cpuModel: string; memoryGb: number; node: string; loadAverage: number[] };
  scenarios: ScenarioResult[];
  serverPeakRssMb: number;
  /** The last `npm run bench:seed` of this database kind and scale on this checkout, if recorded. */
  seed: SeedRecord | null;
  integrity: {
    repliesSent: number;
    repliesConfirmed: number;
    repliesRefused: number;
    checks: { table: string; expected: number; actual: number }[];
    ok: boolean;
    rowDeltas: Record<string, number>;
  };
  /** Mentors /mentoring suggested to the benchmark's member (null when the scenario did not run). */
  suggestionsShown?: number | null;
  /** The inbound-mail phase (null when it did not run). */
  inbound?: InboundResult | null;
  note: string | null;
};

type PhaseLoad = {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  errors: number;
};

/** 200 replies by email at once, with the job runner on (issue 20). */
export type InboundResult = {
  messages: number;
  viaSmtp: number;
  viaWebhook: number;
  smtpConnections: number;
  jobIntervalSeconds: number;
  /** The page loaded before and while the mail was processed. */
  page: string;
  baseline: PhaseLoad;
  during: PhaseLoad;
  /** The same load once the mail and the jobs it caused were done (absent in the first recorded run). */
  after?: PhaseLoad;
  /** during ÷ the mean of before and after, requests per second (the first recorded run: during ÷ before). */
  ratio: number | null;
  /** From the first delivery until every message was answered (250 / 202). */
  acknowledgedSeconds: number;
  /** From the first delivery until every message was processed (null: not within 300 s). */
  processedSeconds: number | null;
  /** …until every due job they caused (mailing-list mail) was done too; notification emails wait two minutes by design. */
  queueIdleSeconds: number | null;
  redelivered: { sent: number; acknowledged: number };
  failures: { index: number; via: string; answer: string }[];
  checks: { check: string; expected: number; actual: number }[];
  ok: boolean;
};

const BENCH_DIR = path.resolve("bench");

export type SeedRecord = { date: string; database: string; scale: number; seed: string; seconds: number; phases: { name: string; seconds: number }[] };

const seedFile = (database: string, scale: number) => path.join(BENCH_DIR, "results", `seed-${database}-${scale}.json`);

/** Keeps the timing of the latest seeding (bench:seed), for the next benchmark run's record. */
export function writeSeedRecord(record: SeedRecord): string {
  mkdirSync(path.join(BENCH_DIR, "results"), { recursive: true });
  const file = seedFile(record.database, record.scale);
  writeFileSync(file, `${JSON.stringify({ ...record, machine: machineSummary() }, null, 2)}\n`);
  return path.relative(process.cwd(), file);
}

export function readSeedRecord(database: string, scale: number): SeedRecord | null {
  try {
    return JSON.parse(readFileSync(seedFile(database, scale), "utf8")) as SeedRecord;
  } catch {
    return null;
  }
}

export function machineSummary() {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

const HEADER = `# Benchmark results

One row per \`npm run bench\` run (newest last); the full figures of each run are in
\`results/<date>-<hhmm>-<database>-<scale>.json\` (earlier runs: without the time). How to run and read it: [README.md](README.md).

Columns: **p95** latency in ms of each scenario (✗ = over its budget on PostgreSQL; "err" = failed
requests) — home = association home, list = thread list, profile = member profile, comp = own
competency profile (budget ≤ 50 each), thread = the 50-post thread page (≤ 60), search (≤ 100),
reply = post a reply, POST + redirect (≤ 80);
**thread/trivial** = thread-page throughput as a share of a trivial route on the same server
(budget ≥ 0.30); **db max** = the most database round trips a scenario made per request (budget ≤ 8;
compare the rows at scale 0.1 and 1: it must not grow); **JS max** = the largest first-load
JavaScript of the pages, KB gzip (budget ≤ 110); **RSS** = the server's peak resident memory in MB
(budget ≤ 300); **seed s** = the latest \`npm run bench:seed\` of that database and scale (budget ≤ 120 at
scale 1 on PostgreSQL); **machine** ends with the p95 of the cheapest page (a visitor's
/forgot-password: the layout and a short form, no database query), the floor under every page on that
machine; **lost** = replies confirmed by the server but missing from the database.
Budgets apply to PostgreSQL; PGlite figures are reported, not budgeted.

| date | database | scale | conns × s | home | list | thread | search | profile | comp | reply | thread/trivial | db max | JS max | RSS | seed s | lost | machine | note |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
`;

function cell(result: BenchResult, key: string): string {
  const scenario = result.scenarios.find((s) => s.key === key);
  if (!scenario) return "–";
  const p95 = scenario.latencyMs.p95;
  const over = scenario.budgetP95Ms !== null && p95 > scenario.budgetP95Ms && result.database === "postgres";
  const errors = scenario.errors > 0 ? ` (${scenario.errors} err)` : "";
  return `${over ? "✗ " : ""}${p95.toFixed(1)}${errors}`;
}

export function markdownRow(result: BenchResult): string {
  const thread = result.scenarios.find((s) => s.key === "thread");
  const dbMax = Math.max(-1, ...result.scenarios.filter((s) => s.key !== "trivial").map((s) => s.dbQueriesPerRequest?.max ?? -1));
  const jsMax = Math.max(-1, ...result.scenarios.map((s) => s.firstLoadJs?.kb ?? -1));
  const posts = result.integrity.checks.find((c) => c.table.startsWith("Post rows"));
  const lost = posts ? posts.expected - posts.actual : 0;
  const m = result.machine;
  const floor = result.scenarios.find((s) => s.key === "floor");
  const floorNote = floor ? `; no-query page p95 ${floor.latencyMs.p95.toFixed(1)} ms (${Math.round(floor.requestsPerSecond)}/s)` : "";
  return `| ${[
    result.date.slice(0, 16).replace("T", " "),
    `${result.database} ${result.databaseVersion}`,
    result.scale,
    `${result.connections} × ${result.durationSeconds}`,
    cell(result, "home"),
    cell(result, "thread-list"),
    cell(result, "thread"),
    cell(result, "search"),
    cell(result, "profile"),
    cell(result, "competency"),
    cell(result, "reply"),
    thread?.ratioToTrivial === null || thread === undefined ? "–" : thread.ratioToTrivial.toFixed(2),
    dbMax < 0 ? "n/a" : String(dbMax),
    jsMax < 0 ? "–" : jsMax.toFixed(1),
    result.serverPeakRssMb,
    result.seed ? result.seed.seconds.toFixed(0) : "–",
    result.integrity.ok ? "0" : `✗ ${lost} (see json)`,
    `${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, load ${m.loadAverage[0]}${floorNote}`,
    (result.note ?? "").replace(/\|/g, "/"),
  ].join(" | ")} |\n`;
}

const MAIN_TABLE = "| date | database | scale | conns × s | home |";

const MENTORING_SECTION = "## Mentoring suggestions beside the member directory (issue 23)";
const MENTORING_INTRO = `${MENTORING_SECTION}

Both pages in the same run, signed in as the benchmark's member (who asks for a mentor in their gap
areas; about one assessed member in eight offers to mentor). p95 in ms (requests/s); **db** = round
trips of the page requested alone, and the most under load (budget ≤ 8); **shown** = mentors suggested.

| date | database | scale | conns × s | directory | suggestions | suggestions ÷ directory (req/s) | db directory | db suggestions | shown | note |
|---|---|---|---|---|---|---|---|---|---|---|
`;

const INBOUND_SECTION = "## Inbound mail: 200 replies by email at once (issue 20)";
const INBOUND_INTRO = `${INBOUND_SECTION}

The thread list loaded at the benchmark's concurrency on a server with the job runner on (every second),
first alone (**before**), then while 200 replies by email (100 over SMTP through a sending server's pool of
8 connections, 100 through the webhook, all sent at once) are acknowledged and processed (**during**), then
alone again once all is done (**after**): requests/s and p95 ms; **ratio** = during ÷ the mean of before and
after (the machine drifts over the phase's minutes). **acked s** / **processed s** = from the first delivery
until every message was acknowledged / posted; **jobs idle s** = until every due job they caused
(mailing-list mail) was done too (their notification emails wait two minutes by design);
**exactly once** = every message one stored row, one job done at its first attempt, one post in its thread
by its member holding only what the member wrote, and the messages delivered again (same and other path)
stored and posted no more (see the JSON's checks).

| date | database | scale | conns | before | during | after | ratio | acked s | processed s | jobs idle s | delivered again | exactly once | note |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
`;

/** Inserts `row` after the last row of the table that starts with `header` (or, missing, appends `intro`). */
function addRow(markdown: string, header: string, intro: string, row: string) {
  const text = existsSync(markdown) ? readFileSync(markdown, "utf8") : HEADER;
  const lines = text.split("\n");
  let at = lines.findIndex((line) => line.startsWith(header));
  if (at === -1) {
    writeFileSync(markdown, `${text.replace(/\n*$/, "\n\n")}${intro}${row}`);
    return;
  }
  while (at + 1 < lines.length && lines[at + 1]!.startsWith("|")) at++;
  lines.splice(at + 1, 0, row.replace(/\n$/, ""));
  writeFileSync(markdown, lines.join("\n"));
}

function mentoringRow(result: BenchResult): string | null {
  const directory = result.scenarios.find((s) => s.key === "directory");
  const suggestions = result.scenarios.find((s) => s.key === "suggestions");
  if (!directory || !suggestions) return null;
  const figure = (s: ScenarioResult) => `${s.latencyMs.p95.toFixed(1)} (${Math.round(s.requestsPerSecond)}/s)${s.errors > 0 ? ` ${s.errors} err` : ""}`;
  const db = (s: ScenarioResult) => `${s.dbQueriesAlone ?? "?"} (max ${s.dbQueriesPerRequest?.max ?? "?"})`;
  return `| ${[
    result.date.slice(0, 16).replace("T", " "),
    `${result.database} ${result.databaseVersion}`,
    result.scale,
    `${result.connections} × ${result.durationSeconds}`,
    figure(directory),
    figure(suggestions),
    directory.requestsPerSecond > 0 ? (suggestions.requestsPerSecond / directory.requestsPerSecond).toFixed(2) : "–",
    db(directory),
    db(suggestions),
    result.suggestionsShown ?? "–",
    (result.note ?? "").replace(/\|/g, "/"),
  ].join(" | ")} |\n`;
}

function inboundRow(result: BenchResult): string | null {
  const inbound = result.inbound;
  if (!inbound) return null;
  const figure = (load: PhaseLoad) => `${Math.round(load.requestsPerSecond)}/s, p95 ${load.latencyMs.p95.toFixed(1)}${load.errors > 0 ? `, ${load.errors} err` : ""}`;
  const failed = inbound.checks.filter((c) => c.expected !== c.actual).length;
  return `| ${[
    result.date.slice(0, 16).replace("T", " "),
    `${result.database} ${result.databaseVersion}`,
    result.scale,
    result.connections,
    figure(inbound.baseline),
    figure(inbound.during),
    inbound.after ? figure(inbound.after) : "–",
    inbound.ratio === null ? "–" : inbound.ratio.toFixed(2),
    inbound.acknowledgedSeconds,
    inbound.processedSeconds ?? "> 300",
    inbound.queueIdleSeconds ?? "> 300",
    `${inbound.redelivered.acknowledged}/${inbound.redelivered.sent}, 0 stored`,
    inbound.ok ? `✓ ${inbound.messages}/${inbound.messages}` : `✗ ${failed} check(s) failed`,
    (result.note ?? "").replace(/\|/g, "/"),
  ].join(" | ")} |\n`;
}

export function writeResults(result: BenchResult): { json: string; markdown: string } {
  const resultsDir = path.join(BENCH_DIR, "results");
  mkdirSync(resultsDir, { recursive: true });
  // The time (UTC) too: two runs of a day at the same scale keep a file each.
  const stamp = `${result.date.slice(0, 10)}-${result.date.slice(11, 13)}${result.date.slice(14, 16)}`;
  const json = path.join(resultsDir, `${stamp}-${result.database}-${result.scale}.json`);
  writeFileSync(json, `${JSON.stringify(result, null, 2)}\n`);
  const markdown = path.join(BENCH_DIR, "RESULTS.md");
  // The main table (unless only the inbound phase ran), then the sections' tables: each row goes under its own table, wherever it is in the file.
  if (result.scenarios.length > 0) addRow(markdown, MAIN_TABLE, HEADER, markdownRow(result));
  const mentoring = mentoringRow(result);
  if (mentoring) addRow(markdown, "| date | database | scale | conns × s | directory |", MENTORING_INTRO, mentoring);
  const inbound = inboundRow(result);
  if (inbound) addRow(markdown, "| date | database | scale | conns | before | during |", INBOUND_INTRO, inbound);
  return { json: path.relative(process.cwd(), json), markdown: path.relative(process.cwd(), markdown) };
}
