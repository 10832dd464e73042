/**
 * Area slugs are written by whoever imports a framework and usually spell the
 * area's name ("needs-assessment"). For a reader who may not read a licensed
 * version (`canReadFrameworkText`), the pages already say "Area 3" instead of
 * the name; the slugs must not travel either, in the HTML (anchors, field
 * names) or in the `.data` a page's loader returns.
 *
 * So a withheld area goes by an opaque key: `area-` and an HMAC of its slug
 * under the site's signing key. The same slug always gets the same key, on
 * every page and every instance, so areas still match across the versions of
 * a framework (by slug, then keyed); nobody without the key can test a guess.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { derivedKey } from "~/utils/signing-key.server";

const encoder = new TextEncoder();
let keyPromise: Promise<Uint8Array> | undefined;

/** Slug → opaque key for each of `slugs` (one key derivation, cached). */
export async function withheldAreaKeys(slugs: Iterable<string>): Promise<Map<string, string>> {
  const unique = new Set(slugs);
  if (unique.size === 0) return new Map();
  keyPromise ??= derivedKey("withheld framework areas").catch((error: unknown) => {
    keyPromise = undefined;
    throw error;
  });
  const key = await keyPromise;
  // 10 bytes: 16 base32 characters, far beyond any framework's number of areas.
  return new Map([...unique].map((slug) => [slug, `area-${encodeBase32LowerCaseNoPadding(hmac(SHA256, key, encoder.encode(slug)).slice(0, 10))}`]));
}

/** Forgets the derived key (tests that change SESSION_SECRET). */
export function forgetWithheldAreaKey() {
  keyPromise = undefined;
}

/** Properties that hold an area slug, or a list of them, wherever they appear. */
const SLUG_PROPERTIES = new Set(["slug", "areaSlug", "areaSlugs"]);

/**
 * `value` with every withheld slug replaced by its key: in the slug
 * properties (`slug`, `areaSlug`, `areaSlugs`) and as the keys of records
 * keyed by area slug, at any depth. Plain data only (what loaders return);
 * nothing else is changed, and `value` itself is left as it was.
 */
export function withholdAreaSlugs<T>(value: T, keys: ReadonlyMap<string, string>): T {
  if (keys.size === 0) return value;
  const walk = (node: unknown, slugField: boolean): unknown => {
    if (typeof node === "string") return slugField ? (keys.get(node) ?? node) : node;
    if (Array.isArray(node)) return node.map((item) => walk(item, slugField));
    if (node === null || typeof node !== "object" || node instanceof Date) return node;
    return Object.fromEntries(
      Object.entries(node).map(([name, item]) => [keys.get(name) ?? name, walk(item, SLUG_PROPERTIES.has(name))]),
    );
  };
  return walk(value, false) as T;
}
