/**
 * npm run bench:seed -- [--scale 1] [--seed cme-bench-1] [--force] [--lanes 2] [--digest]
 *
 * Replaces the data of the configured database (DATABASE_URL, or the embedded
 * PGlite in PGLITE_DATA_DIR) with the benchmark's "large association" data
 * set: at scale 1, 20,000 members, 100 associations, 25,000 threads, 500,000
 * posts, 20,000 submitted assessments and pathway progress. The same seed and
 * scale always give the same data. Migrates and loads the framework and
 * pathway content first. Refuses a database with members it did not create
 * unless --force. See bench/README.md.
 */
import { closeDatabase, describeTarget, getDatabase } from "~/utils/db.server";
import { BENCH_PASSWORD, DEFAULT_SEED, LOGIN_MEMBER, memberEmail } from "./bench/plan";
import { BUDGETS, writeSeedRecord } from "./bench/report";
import { openBulk } from "./bench/sql";
import { benchDigests, BenchSeedRefused, seedBench } from "./bench/seed";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  if (index === -1) return undefined;
  return process.argv[index + 1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = Number(option("scale") ?? 1);
  const seed = option("seed") ?? DEFAULT_SEED;
  const lanes = Number(option("lanes") ?? 2);
  try {
    const database = getDatabase();
    console.log(`Seeding the benchmark data set at scale ${scale} (seed "${seed}") into ${describeTarget(database.target)}`);
    const report = await seedBench(database, {
      scale,
      seed,
      lanes,
      force: process.argv.includes("--force"),
      log: (line) => console.log(line),
    });
    console.log(`Done in ${report.seconds.toFixed(1)} s (budget ${BUDGETS.seedSeconds} s at scale 1 on PostgreSQL). Rows:`);
    for (const [table, count] of Object.entries(report.rows)) {
      if (count > 0) console.log(`  ${table.padEnd(22)} ${count.toLocaleString("en-US").padStart(10)}`);
    }
    const record = writeSeedRecord({
      date: new Date().toISOString(),
      database: database.target.kind,
      scale,
      seed,
      seconds: Math.round(report.seconds * 10) / 10,
      phases: report.phases.map((p) => ({ name: p.name, seconds: Math.round(p.seconds * 10) / 10 })),
    });
    console.log(`Timing kept in ${record} (the next npm run bench records it).`);
    console.log(`Log in as ${memberEmail(LOGIN_MEMBER)} (or any member-NNNNNN@bench.example.org) with the password ${BENCH_PASSWORD}.`);
    if (process.argv.includes("--digest")) {
      const bulk = await openBulk(database, 1);
      try {
        console.log("Digests (equal for equal seed and scale):");
        for (const [name, digest] of Object.entries(await benchDigests(bulk))) console.log(`  ${name.padEnd(12)} ${digest}`);
      } finally {
        await bulk.close();
      }
    }
  } catch (error) {
    console.error(error instanceof BenchSeedRefused ? `✖ ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
  process.exit();
}
