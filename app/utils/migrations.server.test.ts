import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openScratchDatabase } from "../../tests/setup/test-databases";
import { applyMigrations, diffSchemaAgainstMigrations, MIGRATIONS_DIR, MigrationError } from "./migrations.server";

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function scratch() {
  const handle = await openScratchDatabase();
  cleanups.push(handle.dispose);
  return handle.database;
}

async function migrationNames() {
  return (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

describe("applyMigrations", () => {
  it("applies the history once and records it as prisma migrate deploy does", async () => {
    const database = await scratch();
    const names = await migrationNames();
    expect(await applyMigrations(database)).toEqual(names);
    expect(await applyMigrations(database)).toEqual([]);

    const rows = await database.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }[]
    >("SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name");
    expect(rows.map((row) => row.migration_name)).toEqual(names);
    for (const row of rows) {
      const sql = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("stops on a failing migration with a clear message and leaves the database as it was", async () => {
    const database = await scratch();
    const dir = await mkdtemp(path.join(tmpdir(), "cme-migrations-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(database, { dir });

    const broken = path.join(dir, "29991231000000_broken");
    await mkdir(broken);
    await writeFile(
      path.join(broken, "migration.sql"),
      'CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n',
    );
    const error = await applyMigrations(database, { dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migrationName).toBe("29991231000000_broken");
    expect((error as MigrationError).message).toMatch(/NoSuchTable/);

    const [{ exists }] = await database.prisma.$queryRawUnsafe<{ exists: boolean }[]>(
      `SELECT to_regclass('"HalfDone"') IS NOT NULL AS "exists"`,
    ) as [{ exists: boolean }];
    expect(exists).toBe(false);
    const recorded = await database.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      "SELECT migration_name FROM _prisma_migrations WHERE migration_name = '29991231000000_broken'",
    );
    expect(recorded).toEqual([]);

    // Once fixed, it applies with no manual repair.
    await writeFile(path.join(broken, "migration.sql"), 'CREATE TABLE "HalfDone" ("id" INTEGER);\n');
    expect(await applyMigrations(database, { dir })).toEqual(["29991231000000_broken"]);
  });
});

describe("diffSchemaAgainstMigrations", () => {
  it("finds nothing to write: every schema change has its migration", async () => {
    expect(await diffSchemaAgainstMigrations()).toBeNull();
  });
});
