/**
 * Reply and posting addresses: `reply+<token>@REPLY_DOMAIN` answers one
 * thread as one member, `post+<token>@REPLY_DOMAIN` starts a thread in one
 * category as one member (docs/decisions/0020-email-first-participation.md).
 *
 * A token is 20 bytes in lower-case base32 (32 characters, so the local part
 * is 38 characters, well under the 64 that mail allows, and mail systems that
 * change letter case cannot break it):
 *   member number (4 bytes) · thread or category number (4) · key version (2)
 *   · HMAC-SHA256 over kind, those 10 bytes (first 10 bytes of the MAC).
 * The numbers are the short `mailNumber`s of User, Thread and Category. The
 * key version is the member's `replyKeyVersion`: bumping it ("stop all my
 * reply addresses") makes every address they hold fail. The key is derived
 * from the site's signing key for this purpose only.
 *
 * Without REPLY_DOMAIN, email replies are off: no email carries an address
 * that nothing would receive.
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase32IgnorePadding, encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { prisma } from "~/utils/db.server";
import { derivedKey } from "~/utils/signing-key.server";

export type AddressKind = "reply" | "post";

const PAYLOAD_BYTES = 10;
const MAC_BYTES = 10;
const TOKEN_LENGTH = 32;
const encoder = new TextEncoder();

/** The domain reply and posting addresses use (REPLY_DOMAIN), or null when email replies are off. */
export function replyDomain(): string | null {
  const domain = process.env.REPLY_DOMAIN?.trim().toLowerCase().replace(/^@/, "");
  return domain || null;
}

function payload(member: number, target: number, version: number): Uint8Array {
  const bytes = new Uint8Array(PAYLOAD_BYTES);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, member);
  view.setUint32(4, target);
  view.setUint16(8, version & 0xffff);
  return bytes;
}

function mac(key: Uint8Array, kind: AddressKind, data: Uint8Array): Uint8Array {
  const message = new Uint8Array([...encoder.encode(`${kind}:`), ...data]);
  return hmac(SHA256, key, message).slice(0, MAC_BYTES);
}

/** Loads the key once; the returned function signs without touching the database (usable inside a transaction). */
export async function addressSigner() {
  const key = await derivedKey("email reply addresses");
  const domain = replyDomain();
  return {
    /** The address, or null when REPLY_DOMAIN is not set. */
    address(kind: AddressKind, member: { mailNumber: number; replyKeyVersion: number }, targetNumber: number): string | null {
      if (!domain) return null;
      const data = payload(member.mailNumber, targetNumber, member.replyKeyVersion);
      const token = encodeBase32LowerCaseNoPadding(new Uint8Array([...data, ...mac(key, kind, data)]));
      return `${kind}+${token}@${domain}`;
    },
    key,
  };
}

export type AddressSigner = Awaited<ReturnType<typeof addressSigner>>;

export type ReadAddress =
  | { ok: true; kind: AddressKind; memberNumber: number; targetNumber: number; version: number }
  | { ok: false; why: "not-ours" | "tampered" };

/**
 * Reads a recipient address: whose it is and what for, when its MAC is right.
 * The key version is checked against the member's by the caller (a revoked
 * address is told apart from a forged one).
 */
export function readAddress(address: string, key: Uint8Array): ReadAddress {
  const domain = replyDomain();
  const match = /^(reply|post)\+([a-z2-7]+)@(.+)$/i.exec(address.trim());
  if (!domain || !match || match[3]!.toLowerCase() !== domain) return { ok: false, why: "not-ours" };
  const token = match[2]!;
  if (token.length !== TOKEN_LENGTH) return { ok: false, why: "tampered" };
  let bytes: Uint8Array;
  try {
    bytes = decodeBase32IgnorePadding(token.toUpperCase());
  } catch {
    return { ok: false, why: "tampered" };
  }
  const kind = match[1]!.toLowerCase() as AddressKind;
  const data = bytes.slice(0, PAYLOAD_BYTES);
  if (!constantTimeEqual(mac(key, kind, data), bytes.slice(PAYLOAD_BYTES))) return { ok: false, why: "tampered" };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return { ok: true, kind, memberNumber: view.getUint32(0), targetNumber: view.getUint32(4), version: view.getUint16(8) };
}

/** Whether an address is at REPLY_DOMAIN (the SMTP listener takes mail for nothing else). */
export function isReplyDomainAddress(address: string): boolean {
  const domain = replyDomain();
  return Boolean(domain) && address.trim().toLowerCase().endsWith(`@${domain}`);
}

/**
 * "Stop all my reply addresses": a new key version, so every reply and
 * posting address the member was sent fails from now on (new emails carry
 * new ones). False when the account no longer exists.
 */
export async function stopReplyAddresses(userId: string): Promise<boolean> {
  const changed = await prisma.user.updateMany({ where: { id: userId }, data: { replyKeyVersion: { increment: 1 } } });
  return changed.count === 1;
}

/**
 * A member's personal posting address for a category, or null when email
 * replies are off. The caller has checked that they may start threads there.
 */
export async function postingAddress(userId: string, categoryId: string): Promise<string | null> {
  if (!replyDomain()) return null;
  const [user, category] = await Promise.all([
    prisma.user.findUnique({ where: { id: userId }, select: { mailNumber: true, replyKeyVersion: true } }),
    prisma.category.findUnique({ where: { id: categoryId }, select: { mailNumber: true } }),
  ]);
  if (!user || !category) return null;
  return (await addressSigner()).address("post", user, category.mailNumber);
}
