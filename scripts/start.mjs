// npm start — from a fresh clone: installs what is missing, generates the
// Prisma client, migrates and seeds the database (embedded PGlite unless
// DATABASE_URL is set), builds if needed, and serves on PORT (default 3000).
// A second run skips every step whose inputs did not change.
import { ensureBuild, ensureDependencies, ensurePrismaClient, prepareDatabase } from "./lib.mjs";

await ensureDependencies();
await ensurePrismaClient();
await prepareDatabase();
await ensureBuild();
process.env.NODE_ENV = "production";
await import("../server.mjs");
