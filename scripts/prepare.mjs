// Used by `npm run dev`: the same preparation as `npm start`, without the build.
import { ensureDependencies, ensurePrismaClient, prepareDatabase } from "./lib.mjs";

await ensureDependencies();
await ensurePrismaClient();
await prepareDatabase();
