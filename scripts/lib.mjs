// Helpers for scripts/start.mjs and scripts/test.mjs. Node built-ins only:
// these run before dependencies are installed.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Environment for the Prisma CLI: offline, quiet, no telemetry. */
export const PRISMA_ENV = {
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  PRISMA_DISABLE_WARNINGS: "1",
  // `prisma generate` needs no schema engine, but the CLI insists on a path;
  // pointing it at any existing file stops it from trying to download one.
  PRISMA_SCHEMA_ENGINE_BINARY: path.join(ROOT, "package.json"),
};

export function say(message) {
  console.log(`\u001b[36m›\u001b[0m ${message}`);
}

/** Runs a command, inheriting stdio; resolves with its exit code. */
export function run(command, args, { env = {}, cwd = ROOT, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...PRISMA_ENV, ...env },
      stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit",
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrExit(command, args, options) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`✖ ${command} ${args.join(" ")} failed (exit ${code})`);
    process.exit(code);
  }
}

/** sha256 over files and folders (recursively), by relative path and content. */
export function hashPaths(paths) {
  const hash = createHash("sha256");
  const visit = (target) => {
    if (!existsSync(target)) return;
    const stat = statSync(target);
    if (stat.isDirectory()) {
      for (const name of readdirSync(target).sort()) visit(path.join(target, name));
    } else {
      hash.update(path.relative(ROOT, target));
      hash.update(readFileSync(target));
    }
  };
  for (const p of paths) visit(path.join(ROOT, p));
  return hash.digest("hex");
}

function readStamp(file) {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return null;
  }
}

function writeStamp(file, value) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${value}\n`);
}

/** Installs dependencies when node_modules is missing or older than the lock file. */
export async function ensureDependencies() {
  const stampFile = path.join(ROOT, "node_modules", ".cme-install-stamp");
  const wanted = hashPaths(["package.json", "package-lock.json"]);
  if (readStamp(stampFile) === wanted) return;
  const fresh = !existsSync(path.join(ROOT, "node_modules"));
  say(fresh ? "Installing dependencies…" : "Dependencies changed: updating them…");
  // `npm install`, not `npm ci`: npm 11 leaves other platforms' optional
  // packages out of the lock file, which `npm ci` then rejects as out of sync.
  // The lock file still pins every version that is installed.
  await runOrExit("npm", ["install", "--no-audit", "--no-fund"]);
  writeStamp(stampFile, hashPaths(["package.json", "package-lock.json"]));
}

/** Generates the Prisma client when the schema (or Prisma itself) changed. */
export async function ensurePrismaClient({ force = false } = {}) {
  const stampFile = path.join(ROOT, "app", "generated", "prisma", ".cme-stamp");
  const wanted = hashPaths(["prisma/schema.prisma", "package-lock.json"]);
  if (!force && readStamp(stampFile) === wanted && existsSync(path.join(ROOT, "app/generated/prisma/client.ts"))) return;
  say("Generating the Prisma client…");
  await runOrExit(path.join(ROOT, "node_modules/.bin/prisma"), ["generate"], { quiet: true });
  writeStamp(stampFile, wanted);
}

const BUILD_INPUTS = ["app", "public", "vite.config.ts", "tsconfig.json", "package-lock.json"];

/** Builds the production bundle when its inputs changed (or always, with force). */
export async function ensureBuild({ force = false } = {}) {
  const stampFile = path.join(ROOT, "build", ".cme-stamp");
  const wanted = hashPaths(BUILD_INPUTS);
  if (!force && readStamp(stampFile) === wanted && existsSync(path.join(ROOT, "build/server/index.js"))) return;
  say("Building the production bundle…");
  await runOrExit(path.join(ROOT, "node_modules/.bin/remix"), ["vite:build"], { quiet: true });
  writeStamp(stampFile, wanted);
}

/** Applies migrations and loads content/ into the configured database. */
export async function prepareDatabase(env = {}) {
  const target = env.DATABASE_URL ?? process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "the embedded database";
  say(`Migrating and seeding ${target}…`);
  await runOrExit(path.join(ROOT, "node_modules/.bin/tsx"), ["scripts/db-migrate.ts"], { env });
  await runOrExit(path.join(ROOT, "node_modules/.bin/tsx"), ["prisma/seed.ts"], { env });
}

/**
 * The Node flags the server runs with under `npm start` and `npm run serve` (the heap limit, see
 * docs/decisions/0011-server-memory.md), read from package.json so the benchmark and the
 * end-to-end tests run the server exactly as those do.
 * @returns {string[]}
 */
export function serverNodeFlags() {
  const { scripts } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
  return scripts.start.split(/\s+/).filter((word) => word.startsWith("--max-old-space-size="));
}
