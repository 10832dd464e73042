/**
 * npm run db:migrate — applies pending migrations to the configured database
 * (DATABASE_URL, or the embedded PGlite), with no download.
 */
import { describeTarget, getDatabase, closeDatabase } from "~/utils/db.server";
import { applyMigrations, MigrationError } from "~/utils/migrations.server";

export async function migrate(): Promise<void> {
  const database = getDatabase();
  const applied = await applyMigrations(database);
  console.log(
    applied.length === 0
      ? `Database is up to date (${describeTarget(database.target)}).`
      : `Applied ${applied.length} migration(s) to ${describeTarget(database.target)}: ${applied.join(", ")}`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    await migrate();
  } catch (error) {
    console.error(error instanceof MigrationError ? `✖ ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
  // The WASM engine keeps an idle timer alive for a while; nothing is pending.
  process.exit();
}
