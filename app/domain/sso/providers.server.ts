/**
 * Site administrators' OpenID Connect providers: add, list, remove. The client
 * secret is encrypted before it is written and decrypted only to talk to
 * the provider (app/utils/secret-box.server.ts).
 */
import { Prisma } from "~/generated/prisma/client";
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { decryptSecret, encryptionKey, encryptSecret } from "~/utils/secret-box.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { slugify } from "~/utils/slug";
import { configuration, forgetConfigurations, issuerAllowed, type ClientSettings } from "./oidc.server";
import { RESERVED_PROVIDER_SLUGS, type ProviderInput } from "./schemas";

/** The additional data the secret is encrypted with: a secret works for its own provider row only. */
const secretPurpose = (providerId: string) => `sso-client-secret:${providerId}`;

/** Whether single sign-on can work here: the encryption key is set and well formed. */
export function ssoKeyState(): "ready" | "unset" | "malformed" {
  const state = encryptionKey();
  return state.ok ? "ready" : state.problem;
}

const adminOnly = (actor: MemberActor) => actor.role === "ADMIN";

/** Every provider, for the admin page (never the secret). */
export async function listProvidersForAdmin(actor: MemberActor) {
  if (!adminOnly(actor)) return [];
  const rows = await prisma.ssoProvider.findMany({
    orderBy: [{ displayName: "asc" }, { id: "asc" }],
    select: {
      id: true,
      slug: true,
      displayName: true,
      issuerUrl: true,
      clientId: true,
      createdAt: true,
      association: { select: { slug: true, name: true } },
      _count: { select: { identities: true } },
    },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, members: _count.identities }));
}

/** The providers shown on the login page: none while the key is missing. */
export async function listSignInProviders(): Promise<{ slug: string; displayName: string }[]> {
  if (ssoKeyState() !== "ready") return [];
  return prisma.ssoProvider.findMany({ orderBy: [{ displayName: "asc" }, { id: "asc" }], select: { slug: true, displayName: true } });
}

export type ProviderRecord = {
  id: string;
  slug: string;
  displayName: string;
  associationId: string | null;
  settings: ClientSettings;
};

/** A provider by slug with its decrypted settings, or null when unknown or its secret cannot be read. */
export async function findProvider(where: { slug: string } | { id: string }): Promise<ProviderRecord | null> {
  if (ssoKeyState() !== "ready") return null;
  const row = await prisma.ssoProvider.findUnique({
    where,
    select: { id: true, slug: true, displayName: true, associationId: true, issuerUrl: true, clientId: true, clientSecretEncrypted: true },
  });
  if (!row) return null;
  const clientSecret = decryptSecret(row.clientSecretEncrypted, secretPurpose(row.id));
  if (clientSecret === null) return null;
  return {
    id: row.id,
    slug: row.slug,
    displayName: row.displayName,
    associationId: row.associationId,
    settings: { issuerUrl: row.issuerUrl, clientId: row.clientId, clientSecret },
  };
}

async function availableSlug(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = slugify(name, 40) || "provider";
  const taken = new Set(
    (await tx.ssoProvider.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug),
  );
  for (const slug of RESERVED_PROVIDER_SLUGS) taken.add(slug);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Adds a provider after checking that discovery works with its issuer URL
 * (so a typo is caught now, not by the first member who tries). The secret
 * is stored encrypted.
 */
export async function createProvider(actor: MemberActor, input: ProviderInput): Promise<Result<{ slug: string }>> {
  if (!adminOnly(actor)) return fail("forbidden", "Only site administrators configure single sign-on.");
  const key = ssoKeyState();
  if (key !== "ready") return fail("conflict", "Single sign-on is off: set SSO_ENCRYPTION_KEY on the server first.");
  const issuerUrl = input.issuerUrl.replace(/\/+$/, "");
  if (!issuerAllowed(issuerUrl)) return failFields({ issuerUrl: ["The issuer URL must start with https://"] });
  let associationId: string | null = null;
  if (input.associationSlug) {
    const association = await prisma.association.findUnique({ where: { slug: input.associationSlug }, select: { id: true } });
    if (!association) return failFields({ associationSlug: ["There is no association with that address."] });
    associationId = association.id;
  }
  try {
    await configuration({ issuerUrl, clientId: input.clientId, clientSecret: input.clientSecret });
  } catch {
    return failFields({
      issuerUrl: [`No OpenID Connect provider answered at ${issuerUrl}/.well-known/openid-configuration. Check the URL.`],
    });
  }
  const slug = await prisma.$transaction(async (tx) => {
    const id = crypto.randomUUID();
    const slug = await availableSlug(tx, input.displayName);
    await tx.ssoProvider.create({
      data: {
        id,
        slug,
        displayName: input.displayName,
        issuerUrl,
        clientId: input.clientId,
        clientSecretEncrypted: encryptSecret(input.clientSecret, secretPurpose(id)),
        associationId,
      },
      select: { id: true },
    });
    return slug;
  });
  return ok({ slug });
}

/**
 * Removes a provider and every identity linked through it. Refused while a
 * member has no other way to sign in (no password, no other provider).
 */
export async function removeProvider(actor: MemberActor, providerId: string): Promise<Result<{ displayName: string }>> {
  if (!adminOnly(actor)) return fail("forbidden", "Only site administrators configure single sign-on.");
  const provider = await prisma.ssoProvider.findUnique({ where: { id: providerId }, select: { id: true, displayName: true } });
  if (!provider) return fail("not-found", "That provider was already removed.");
  const stranded = await prisma.user.count({
    where: {
      passwordHash: null,
      ssoIdentities: { some: { providerId }, none: { providerId: { not: providerId } } },
    },
  });
  if (stranded > 0) {
    return fail(
      "conflict",
      `${stranded} ${stranded === 1 ? "member signs" : "members sign"} in only with ${provider.displayName}. They would be locked out: ask them to set a password first (Settings → Password).`,
    );
  }
  await prisma.ssoProvider.delete({ where: { id: providerId }, select: { id: true } });
  forgetConfigurations();
  return ok({ displayName: provider.displayName });
}
