/**
 * Secrets kept at rest (OpenID Connect client secrets), encrypted with
 * AES-256-GCM under SSO_ENCRYPTION_KEY: 32 random bytes, given as base64 or
 * hex (`openssl rand -base64 32`). Without the key nothing can be encrypted
 * or decrypted, and single sign-on is off (the admin page says so).
 *
 * Stored form: "v1.<iv>.<ciphertext and tag>", base64url. The 12-byte IV is
 * random per encryption; the GCM tag authenticates the ciphertext and the
 * `purpose` (additional data), so a value copied to another column or row
 * of another kind does not decrypt.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const ENCRYPTION_KEY_VARIABLE = "SSO_ENCRYPTION_KEY";

export type KeyState = { ok: true; key: Buffer } | { ok: false; problem: "unset" | "malformed" };

/** The key from the environment, or why there is none. */
export function encryptionKey(env: NodeJS.ProcessEnv = process.env): KeyState {
  const raw = env[ENCRYPTION_KEY_VARIABLE]?.trim();
  if (!raw) return { ok: false, problem: "unset" };
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : Buffer.from(raw, "base64");
  return key.length === 32 ? { ok: true, key } : { ok: false, problem: "malformed" };
}

export class MissingKeyError extends Error {
  constructor(problem: "unset" | "malformed") {
    super(`${ENCRYPTION_KEY_VARIABLE} is ${problem === "unset" ? "not set" : "not 32 bytes in base64 or hex"}`);
  }
}

function requireKey(): Buffer {
  const state = encryptionKey();
  if (!state.ok) throw new MissingKeyError(state.problem);
  return state.key;
}

export function encryptSecret(plaintext: string, purpose: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", requireKey(), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The plaintext, or null when the value was not encrypted under this key and purpose (or was altered). */
export function decryptSecret(stored: string, purpose: string): string | null {
  const [version, ivText, bodyText] = stored.split(".");
  if (version !== "v1" || !ivText || !bodyText) return null;
  const iv = Buffer.from(ivText, "base64url");
  const body = Buffer.from(bodyText, "base64url");
  if (iv.length !== 12 || body.length < 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", requireKey(), iv);
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch (error) {
    if (error instanceof MissingKeyError) throw error;
    return null;
  }
}
