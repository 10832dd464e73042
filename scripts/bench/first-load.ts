/**
 * First-load JavaScript of a page: every script file its HTML loads or
 * preloads (entry, manifest, route modules and their imports), read from the
 * client build and gzipped at zlib's default level (the server sends gzip at
 * level 4, or brotli: server/compression.mjs). Inline scripts (the loader data) are not counted.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type FirstLoad = { kb: number; files: number };

export function scriptUrls(html: string): string[] {
  const urls = new Set<string>();
  for (const match of html.matchAll(/(?:src|href)="([^"]+\.js)"/g)) urls.add(match[1]!);
  // The module script that boots Remix imports the entry and manifest by URL.
  for (const match of html.matchAll(/import\s*(?:[^"']*from\s*)?["']([^"']+\.js)["']/g)) urls.add(match[1]!);
  return [...urls].filter((url) => url.startsWith("/"));
}

export function firstLoadJs(html: string, clientDir: string): FirstLoad {
  let bytes = 0;
  let files = 0;
  for (const url of scriptUrls(html)) {
    const file = path.join(clientDir, url.split("?")[0]!);
    if (!existsSync(file)) continue;
    bytes += gzipSync(readFileSync(file)).length;
    files++;
  }
  return { kb: Math.round((bytes / 1024) * 10) / 10, files };
}
