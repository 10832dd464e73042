/**
 * npm run bench:import — the member import's dry run and import of a
 * 10,000-row file (docs/decisions/0021): time and memory of each, on the
 * configured database (DATABASE_URL, or a throw-away in-memory PGlite when
 * neither it nor PGLITE_DATA_DIR is set). Prints the figures as a row for
 * bench/RESULTS.md. Invitation emails are queued, not sent (they go out at
 * 60 a minute by design).
 *
 * Options: --rows <n> (default 10000).
 */
if (!process.env.DATABASE_URL && !process.env.PGLITE_DATA_DIR) process.env.PGLITE_DATA_DIR = "memory://";

const { closeDatabase, describeTarget, getDatabase, prisma } = await import("~/utils/db.server");
const { applyMigrations } = await import("~/utils/migrations.server");
const { seed } = await import("../prisma/seed");
const { createAssociation } = await import("~/domain/associations/associations.server");
const { uploadMemberImport, getMemberImport, confirmMemberImport, runMemberImport } = await import(
  "~/domain/associations/member-import.server"
);

const rowsArg = process.argv.indexOf("--rows");
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 10_000;

export {};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function measure<T>(label: string, work: () => Promise<T>): Promise<{ value: T; seconds: number; heapMb: number; rssMb: number }> {
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = process.memoryUsage().rss;
  let peakHeap = heapBefore;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 20);
  const started = performance.now();
  const value = await work();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const now = process.memoryUsage();
  const result = { value, seconds, heapMb: mb(Math.max(peakHeap, now.heapUsed) - heapBefore), rssMb: mb(Math.max(peakRss, now.rss)) };
  console.log(`${label}: ${seconds.toFixed(2)} s, heap +${result.heapMb} MB at most, RSS ${result.rssMb} MB at most`);
  return result;
}

try {
  const database = getDatabase();
  await applyMigrations(database);
  await seed();
  const stamp = Date.now().toString(36);
  const owner = await prisma.user.create({
    data: { email: `bench-import-owner-${stamp}@example.org`, passwordHash: "x", emailConfirmedAt: new Date(), profile: { create: { handle: `bench-import-${stamp}`, displayName: "Bench Owner" } } },
    select: { id: true },
  });
  const actor = { kind: "member" as const, userId: owner.id, sessionId: "bench", role: "MEMBER" as const, handle: `bench-import-${stamp}`, displayName: "Bench Owner", onboarded: true, confirmed: true };
  const slug = `bench-import-${stamp}`;
  const made = await createAssociation(actor, { name: "Bench import", slug, description: "x", website: "", joinPolicy: "INVITE" });
  if (!made.ok) throw new Error(made.message);
  const lines = ["email;name;role;join date;external id"];
  for (let i = 0; i < ROWS; i++) lines.push(`member-${stamp}-${i}@example.org;"Member ${i}, Bench";${i % 50 === 0 ? "MODERATOR" : ""};2020-01-${String((i % 28) + 1).padStart(2, "0")};X-${i}`);
  const file = new File([lines.join("\r\n")], "members.csv", { type: "text/csv" });
  console.log(`${ROWS} rows, ${(file.size / 1024 / 1024).toFixed(2)} MB, on ${describeTarget(database.target)}`);

  const upload = await measure("upload (decode, parse, store)", () => uploadMemberImport(actor, slug, file));
  if (!upload.value.ok) throw new Error(upload.value.message);
  const id = upload.value.value.id;
  const dry = await measure("dry run (parse, four look-ups, counts)", () => getMemberImport(actor, slug, id));
  if (!dry.value.ok) throw new Error(dry.value.message);
  await confirmMemberImport(actor, slug, id);
  const run = await measure("import (batches of 250, invitations and email jobs)", () => runMemberImport(id, new Date(), Number.POSITIVE_INFINITY));
  void run;
  const done = await getMemberImport(actor, slug, id);
  if (!done.ok || done.value.status !== "DONE") throw new Error("the import did not finish");
  console.log(`| ${new Date().toISOString().slice(0, 10)} | ${describeTarget(database.target)} | ${ROWS} | ${upload.seconds.toFixed(2)} | ${dry.seconds.toFixed(2)} | ${run.seconds.toFixed(2)} | ${Math.max(upload.rssMb, dry.rssMb, run.rssMb)} | ${Math.max(upload.heapMb, dry.heapMb, run.heapMb)} |`);
} finally {
  await closeDatabase();
}
process.exit();
