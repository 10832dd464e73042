/**
 * Contexts import one way (docs/architecture.md): walks the imports of
 * app/domain and app/utils and fails on any import against the documented
 * order of the contexts, and on any import circle between files, naming the
 * file and the import. The order is read from docs/architecture.md, so the
 * document and the check cannot drift apart.
 *
 * Pure file reading: no database (it still runs under the project's global
 * setup, like every test).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** Request and job glue in app/utils: may import any context; nothing in the domain or utils may import them. */
const GLUE = new Set(["app/utils/auth.server.ts", "app/utils/maintenance.server.ts"]);

/** The numbered list under "## Dependency order": the first backticked name of each item, bottom first. */
function documentedOrder(): string[] {
  const text = readFileSync(path.join(ROOT, "docs/architecture.md"), "utf8");
  const section = text.split(/^## /m).find((part) => part.startsWith("Dependency order"));
  if (!section) throw new Error('docs/architecture.md has no "## Dependency order" section');
  return [...section.matchAll(/^\d+\.\s+`([a-z-]+)`/gm)].map((match) => match[1]!);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [file] : [];
  });
}

/** Every import, export-from and import() specifier of a file (comments and strings are not mistaken for them). */
function specifiers(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles.map((ref) => ref.fileName);
}

/** The file a specifier names ("~/" is app/), or null for packages and generated code. */
function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("~/")) base = path.join(ROOT, "app", specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  if (rel(base).startsWith("app/generated/")) return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  throw new Error(`${rel(from)}: cannot resolve "${specifier}"`);
}

type Layer = { name: string; rank: number };

function layerOf(file: string, order: string[]): Layer | null {
  const name = rel(file);
  if (GLUE.has(name)) return { name: "glue (app/utils/auth.server.ts, maintenance.server.ts)", rank: order.length };
  if (name.startsWith("app/utils/")) return { name: "utils", rank: order.indexOf("utils") };
  const context = /^app\/domain\/([^/]+)\//.exec(name)?.[1];
  if (!context) return null;
  return { name: context, rank: order.indexOf(context) };
}

function buildGraph() {
  const order = documentedOrder();
  const files = [...sourceFiles(path.join(ROOT, "app/domain")), ...sourceFiles(path.join(ROOT, "app/utils"))];
  const edges = new Map<string, { target: string; specifier: string }[]>();
  for (const file of files) {
    edges.set(
      file,
      specifiers(file).flatMap((specifier) => {
        const target = resolve(file, specifier);
        return target ? [{ target, specifier }] : [];
      }),
    );
  }
  return { order, files, edges };
}

/** Imports against the documented order, as "file imports "specifier": a → b". */
export function orderViolations({ order, edges }: ReturnType<typeof buildGraph>): string[] {
  const problems: string[] = [];
  for (const [file, imports] of edges) {
    const from = layerOf(file, order)!;
    if (from.rank < 0) {
      problems.push(`${rel(file)}: context "${from.name}" is not in docs/architecture.md's dependency order`);
      continue;
    }
    for (const { target, specifier } of imports) {
      const to = layerOf(target, order);
      const where = `${rel(file)} imports "${specifier}"`;
      if (!to) {
        problems.push(`${where}: app/domain and app/utils import only app/domain, app/utils and packages (${rel(target)})`);
      } else if (to.name !== from.name && to.rank >= from.rank) {
        problems.push(`${where}: ${from.name} may not import ${to.name} (docs/architecture.md)`);
      }
    }
  }
  return problems;
}

/** Every import circle between files, each as the files around it. */
export function circles({ files, edges }: ReturnType<typeof buildGraph>): string[][] {
  // Tarjan's strongly connected components: a component of two or more files (or a file importing itself) is a circle.
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const { target } of edges.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      const selfImport = (edges.get(file) ?? []).some(({ target }) => target === file);
      if (component.length > 1 || selfImport) found.push(component.map(rel).sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe("the import graph of app/domain and app/utils", () => {
  const graph = buildGraph();

  it("reads the documented order", () => {
    expect(graph.order[0]).toBe("utils");
    const contexts = readdirSync(path.join(ROOT, "app/domain")).filter((name) =>
      statSync(path.join(ROOT, "app/domain", name)).isDirectory(),
    );
    expect([...contexts].sort()).toEqual(graph.order.filter((name) => name !== "utils").sort());
  });

  it("has no import against the documented order of the contexts", () => {
    expect(orderViolations(graph)).toEqual([]);
  });

  it("has no import circle", () => {
    const found = circles(graph).map((component) => {
      const inside = new Set(component);
      const imports = component.flatMap((file) =>
        (graph.edges.get(path.join(ROOT, file)) ?? [])
          .filter(({ target }) => inside.has(rel(target)))
          .map(({ specifier }) => `${file} imports "${specifier}"`),
      );
      return `circle of ${component.length}: ${imports.join("; ")}`;
    });
    expect(found).toEqual([]);
  });

  it("would catch an import running back up, and a circle", () => {
    const a = path.join(ROOT, "app/domain/members/a.ts");
    const b = path.join(ROOT, "app/domain/members/b.ts");
    const up = path.join(ROOT, "app/domain/pages/p.ts");
    const edges = new Map([
      [a, [{ target: b, specifier: "./b" }, { target: up, specifier: "~/domain/pages/p" }]],
      [b, [{ target: a, specifier: "./a" }]],
      [up, []],
    ]);
    const fake = { order: graph.order, files: [a, b, up], edges };
    expect(orderViolations(fake)).toEqual([
      'app/domain/members/a.ts imports "~/domain/pages/p": members may not import pages (docs/architecture.md)',
    ]);
    expect(circles(fake)).toEqual([["app/domain/members/a.ts", "app/domain/members/b.ts"]]);
  });
});
