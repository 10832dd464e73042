// Configuration for the Prisma CLI. The CLI is used only for `prisma generate`
// (offline); migrations go through scripts/db-migrate.ts and the WASM schema
// engine, so no datasource URL is needed here.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
