// The first-load JavaScript budget (PRODUCT.md: ≤ 110 KB gzip on any page),
// checked on the production client build that `npm test` makes before it runs
// this suite. A page's first load is what its HTML loads or preloads: the
// client entry, the module and static imports of every route from the root
// down to the page (lazy `import()`s are not counted: they load after the page
// is usable), and the routes' part of the Remix manifest. With lazy route
// discovery (v3_lazyRouteDiscovery) the page does not load the whole manifest
// file: <Scripts> writes the matched routes' entries into the HTML, and the
// rest is fetched as links are followed. Their JSON is what is counted here.
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
/** The routes from `routeId` up to the root. */
function routeChain(manifest: Manifest, routeId: string): RouteEntry[] {
  const chain: RouteEntry[] = [];
  for (let route: RouteEntry | undefined = manifest.routes[routeId]; route; route = route.parentId ? manifest.routes[route.parentId] : undefined) {
    chain.push(route);
  }
  return chain;
}

export function firstLoadFiles(manifest: Manifest, routeId: string) {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (const route of routeChain(manifest, routeId)) {
    files.add(route.module);
    for (const file of route.imports ?? []) files.add(file);
  }
  return [...files];
}

/** The manifest as the page's HTML carries it: the entry and the matched routes' entries. */
function inlineManifestKb(manifest: Manifest, routeId: string) {
  const routes = Object.fromEntries(routeChain(manifest, routeId).map((route) => [route.id, route]));
  return gzipSync(JSON.stringify({ entry: manifest.entry, url: manifest.url, routes })).length / 1024;
}

describe.skipIf(!existsSync(assetsDir))("first-load JavaScript of the production build", () => {
  it(`is within ${BUDGET_KB} KB gzip on every page`, () => {
    const manifest = readManifest();
    // The count below leaves the manifest file out because the pages never load it with lazy route discovery on.
    expect(readFileSync(path.resolve("vite.config.ts"), "utf8")).toMatch(/v3_lazyRouteDiscovery: true/);
    // Pages: routes with a component (resource routes such as feeds and CSV downloads have none to load).
    const pages = Object.values(manifest.routes).filter((route) => route.id !== "root" && !/\[\.\](atom|csv)$|\[\.\]txt$/.test(route.id));
    expect(pages.length).toBeGreaterThan(40);
    const over = pages
      .map((route) => ({ route: route.id, kb: Math.round((firstLoadFiles(manifest, route.id).reduce((sum, url) => sum + gzipKb(url), 0) + inlineManifestKb(manifest, route.id)) * 10) / 10,
      }))
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
