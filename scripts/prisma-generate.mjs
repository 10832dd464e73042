// npm run db:generate: regenerate the Prisma client now (offline; see lib.mjs).
import { ensurePrismaClient } from "./lib.mjs";

await ensurePrismaClient({ force: true });
