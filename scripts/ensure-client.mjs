// Used before the benchmark scripts (tsx imports the app's generated Prisma
// client): installs what is missing and generates the client when the schema
// or the lock file changed, as `npm start` and `npm test` do.
import { ensureDependencies, ensurePrismaClient } from "./lib.mjs";

await ensureDependencies();
await ensurePrismaClient();
