// The first-load JavaScript budget (PRODUCT.md: ≤ 110 KB gzip on any page),
// checked on the production client build that `npm test` makes before it runs
// this suite. A page's first load is what its HTML loads or preloads: the
// Remix manifest, the client entry, and the module and static imports of
// every route from the root down to the page (lazy `import()`s are not
// counted: they load after the page is usable).
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const BUDGET_KB = 110;
const clientDir = path.resolve(process.env.BUILD_DIR || "build", "client");
const assetsDir = path.join(clientDir, "assets");

type RouteEntry = { id: string; parentId?: string; module: string; imports?: string[]; hasLoader: boolean; path?: string; index?: boolean };
type Manifest = { url: string; entry: { module: string; imports: string[] }; routes: Record<string, RouteEntry> };

function readManifest(): Manifest {
  const file = readdirSync(assetsDir).find((name) => /^manifest-[\w-]+\.js$/.test(name));
  if (!file) throw new Error(`No Remix manifest in ${assetsDir}`);
  const source = readFileSync(path.join(assetsDir, file), "utf8");
  const json = source.slice(source.indexOf("=") + 1).replace(/;\s*$/, "");
  return { ...(JSON.parse(json) as Omit<Manifest, "url">), url: `/assets/${file}` };
}

const gzipSizes = new Map<string, number>();
function gzipKb(url: string) {
  let size = gzipSizes.get(url);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(clientDir, url))).length;
    gzipSizes.set(url, size);
  }
  return size / 1024;
}

/** The scripts a page served by `routeId` loads first. */
export function firstLoadFiles(manifest: Manifest, routeId: string) {
  const files = new Set([manifest.url, manifest.entry.module, ...manifest.entry.imports]);
  for (let route: RouteEntry | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

describe.skipIf(!existsSync(assetsDir))("first-load JavaScript of the production build", () => {
  it(`is within ${BUDGET_KB} KB gzip on every page`, () => {
    const manifest = readManifest();
    // Pages: routes with a component (resource routes such as feeds and CSV downloads have none to load).
    const pages = Object.values(manifest.routes).filter((route) => route.id !== "root" && !/\[\.\](atom|csv)$|\[\.\]txt$/.test(route.id));
    expect(pages.length).toBeGreaterThan(40);
    const over = pages
      .map((route) => ({ route: route.id, kb: Math.round(firstLoadFiles(manifest, route.id).reduce((sum, url) => sum + gzipKb(url), 0) * 10) / 10 }))
      .filter(({ kb }) => kb > BUDGET_KB);
    expect(over).toEqual([]);
  });

  it("keeps zod and Conform's zod adapter out of every page's first load", () => {
    const manifest = readManifest();
    const withZod = Object.keys(manifest.routes).filter((id) =>
      firstLoadFiles(manifest, id).some((url) => /ZodError|\$ZodType|_zod/.test(readFileSync(path.join(clientDir, url), "utf8"))),
    );
    expect(withZod).toEqual([]);
  });
});
