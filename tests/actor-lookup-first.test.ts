// A page's root loader and route loader run at once, each with its own copy
// of the Request; they share one session query only while the first lookup is
// still in flight (app/utils/auth.server.ts). A route loader that awaits
// something else before it asks for the actor starts its lookup late, after
// the root's has answered, and makes a second session query on some requests
// and not on others (the share link page did: the round-trip test failed on
// PostgreSQL only). This walks every route's loader, so a new page is covered
// without anyone remembering: the first thing a loader awaits must be the
// actor (getActor, require…), or a Promise.all that includes it.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Loaders allowed to await something first, and why. */
const ALLOWED: Record<string, string> = {
  // A redirect with no page: nothing else reads the session at the same time.
  "app/routes/accounts/sso.$slug.callback.ts": "a redirect, no root loader beside it",
};

const ACTOR = /\bgetActor(?:AndCookie)?\(|\brequire[A-Z]\w*\(/;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The loader's first awaited line, when the loader reads the actor at all but awaits something else first. */
export function lateActorLookup(source: string): string | null {
  const start = /export async function loader\([^)]*\)[^{]*\{/.exec(source);
  if (!start) return null;
  const rest = source.slice(start.index + start[0].length);
  const end = rest.search(/\n\}\n/);
  const body = end === -1 ? rest : rest.slice(0, end);
  if (!ACTOR.test(body)) return null;
  const first = body.split("\n").find((line) => /\bawait\s/.test(line));
  if (!first || ACTOR.test(first) || /Promise\.all\(/.test(first)) return null;
  return first.trim();
}

describe("route loaders look the actor up first", () => {
  const files = routeFiles("app/routes").map((file) => file.split(path.sep).join("/"));

  it("walks the routes", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain("app/routes/competencies/shared.$token.tsx");
  });

  it("no loader awaits something else before the actor", () => {
    const late = files
      .filter((file) => !(file in ALLOWED))
      .flatMap((file) => {
        const line = lateActorLookup(readFileSync(file, "utf8"));
        return line ? [`${file}: ${line}`] : [];
      });
    expect(late, "Start the actor lookup first, or in the same Promise.all").toEqual([]);
  });

  it("every allowlisted file still needs its entry", () => {
    for (const file of Object.keys(ALLOWED)) expect(lateActorLookup(readFileSync(file, "utf8")), file).not.toBeNull();
  });

  it("tells a late lookup from an early one", () => {
    const late = `export async function loader({ request }: LoaderFunctionArgs) {\n  const link = await resolveShareLink(token);\n  const reader = await getActor(request);\n}\n`;
    const early = `export async function loader({ request }: LoaderFunctionArgs) {\n  const [link, reader] = await Promise.all([resolveShareLink(token), getActor(request)]);\n}\n`;
    const first = `export async function loader({ request }: LoaderFunctionArgs) {\n  const actor = await requireMember(request);\n  const rows = await list(actor);\n}\n`;
    expect(lateActorLookup(late)).toBe("const link = await resolveShareLink(token);");
    expect(lateActorLookup(early)).toBeNull();
    expect(lateActorLookup(first)).toBeNull();
  });
});
