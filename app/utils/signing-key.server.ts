/**
 * The site's one signing key, for everything the server signs or keys with a
 * secret (signed email links, the opaque keys of withheld framework areas).
 *
 * It comes from SESSION_SECRET when it is set; otherwise a random key is
 * generated once and kept in SiteSettings.signingKey, so that every app
 * instance (and every restart) agrees on it. Each use derives its own subkey
 * (`derivedKey(purpose)`), so no two uses ever share a key.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { decodeBase64, encodeBase64 } from "@oslojs/encoding";
import { prisma } from "~/utils/db.server";

const encoder = new TextEncoder();
let storedKey: Uint8Array | undefined;

/**
 * The key kept in the database, created on first use. Several instances may
 * race to create it: the single upsert keeps whichever key was stored first
 * (COALESCE), and everyone reads that one back.
 */
export async function loadStoredSigningKey(): Promise<Uint8Array> {
  const existing = await prisma.siteSettings.findUnique({ where: { id: 1 }, select: { signingKey: true } });
  if (existing?.signingKey) return decodeBase64(existing.signingKey);
  const fresh = encodeBase64(crypto.getRandomValues(new Uint8Array(32)));
  const [row] = await prisma.$queryRaw<{ signingKey: string }[]>`
    INSERT INTO "SiteSettings" ("id", "signingKey", "updatedAt") VALUES (1, ${fresh}, ${new Date()})
    ON CONFLICT ("id") DO UPDATE
      SET "signingKey" = COALESCE("SiteSettings"."signingKey", EXCLUDED."signingKey"),
          "updatedAt" = CASE WHEN "SiteSettings"."signingKey" IS NULL THEN EXCLUDED."updatedAt" ELSE "SiteSettings"."updatedAt" END
    RETURNING "signingKey"`;
  return decodeBase64(row!.signingKey);
}

/** The signed-links key (its derivation is kept as it was, so links already sent stay valid). */
export async function signingKey(): Promise<Uint8Array> {
  const secret = process.env.SESSION_SECRET;
  // Derived rather than used as is, so the secret itself never signs anything else's data.
  if (secret) return hmac(SHA256, encoder.encode(secret), encoder.encode("cme-commons signed links"));
  storedKey ??= await loadStoredSigningKey();
  return storedKey;
}

/** A key for one purpose only, derived from the signing key. */
export async function derivedKey(purpose: string): Promise<Uint8Array> {
  return hmac(SHA256, await signingKey(), encoder.encode(`cme-commons key:${purpose}`));
}

/** Forgets the key read from the database (tests). */
export function forgetSigningKey() {
  storedKey = undefined;
}
