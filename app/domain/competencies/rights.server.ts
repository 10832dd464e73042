/**
 * Framework rights: which versions a person may use for assessments, and who
 * may read a version's text. `canReadFrameworkText` (policy.ts) is the rule;
 * here are its where-builders, one for Prisma and one for SQL, used by every
 * query that shows area names or descriptors to someone (assessment steps,
 * profiles, share links, review packs, reviewer ratings, public profiles,
 * insight), so that pages, lists and downloads cannot disagree.
 *
 * Competencies sit below associations (docs/architecture.md): memberships and
 * licences are read here from their tables, without the associations code.
 */
import type { Actor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { ReaderMemberships, VersionRights } from "./policy";

/** Framework versions whose text `actor` may read: exactly `canReadFrameworkText`. */
export function readableFrameworkVersionsWhere(actor: Actor): Prisma.FrameworkVersionWhereInput {
  if (actor.kind !== "member") return { rights: "OPEN" };
  if (actor.role === "ADMIN") return {};
  return {
    OR: [
      { rights: "OPEN" },
      { licences: { some: { association: { memberships: { some: { userId: actor.userId } } } } } },
    ],
  };
}

/**
 * The same rule as a SQL boolean on a framework version id column, for raw
 * queries: `CASE WHEN ${frameworkTextVisibleSql(actor, Prisma.sql`v."id"`)} THEN ar."name" … END`.
 * Uses FrameworkLicence (frameworkVersionId, associationId) and the
 * membership primary key (associationId, userId).
 */
export function frameworkTextVisibleSql(actor: Actor, versionIdColumn: Prisma.Sql): Prisma.Sql {
  if (actor.kind === "member" && actor.role === "ADMIN") return Prisma.sql`TRUE`;
  const userId = actor.kind === "member" ? actor.userId : null;
  return Prisma.sql`EXISTS (
    SELECT 1 FROM "FrameworkVersion" rv
     WHERE rv."id" = ${versionIdColumn}
       AND (rv."rights" = 'OPEN'
            OR EXISTS (SELECT 1 FROM "FrameworkLicence" rl
                         JOIN "AssociationMembership" rm ON rm."associationId" = rl."associationId" AND rm."userId" = ${userId}
                        WHERE rl."frameworkVersionId" = rv."id")))`;
}

/** Of `versionIds`, those whose text `actor` may read (one query, the where-builder). */
export async function readableVersionIds(actor: Actor, versionIds: readonly string[]): Promise<Set<string>> {
  const unique = [...new Set(versionIds)];
  if (unique.length === 0) return new Set();
  const rows = await prisma.frameworkVersion.findMany({
    where: { AND: [{ id: { in: unique } }, readableFrameworkVersionsWhere(actor)] },
    select: { id: true },
  });
  return new Set(rows.map((row) => row.id));
}

/** Whether `actor` may read one version's text. */
export async function canReadVersionText(actor: Actor, versionId: string): Promise<boolean> {
  return (await readableVersionIds(actor, [versionId])).has(versionId);
}

/** The associations the actor belongs to and owns, for the pure predicates. */
export async function readerMemberships(actor: Actor): Promise<ReaderMemberships> {
  if (actor.kind !== "member") return { memberOf: [], ownerOf: [] };
  // AssociationMembership (userId, associationId).
  const rows = await prisma.associationMembership.findMany({
    where: { userId: actor.userId },
    select: { associationId: true, role: true },
  });
  return {
    memberOf: rows.map((row) => row.associationId),
    ownerOf: rows.filter((row) => row.role === "OWNER").map((row) => row.associationId),
  };
}

/** A version's rights and licensees, or null when it doesn't exist. */
export async function getVersionRights(versionId: string): Promise<(VersionRights & { licensees: { id: string; name: string; slug: string }[] }) | null> {
  const version = await prisma.frameworkVersion.findUnique({
    where: { id: versionId },
    select: {
      rights: true,
      licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { id: true, name: true, slug: true } } } },
    },
  });
  if (!version) return null;
  const licensees = version.licences.map((licence) => licence.association);
  return { rights: version.rights, licenseeIds: licensees.map((licensee) => licensee.id), licensees };
}

// ─── The framework versions a person may use ────────────────────────────────

/**
 * The site's default version (SiteSettings row 1) when it is published and
 * open, else null. A licensed version is never the default: it would be
 * everyone's. Queries that need it inside their own round trip use
 * `siteDefaultVersionIdSql` instead of joining SiteSettings themselves.
 */
export async function siteDefaultVersionId(
  client: Pick<Prisma.TransactionClient, "siteSettings"> = prisma,
): Promise<string | null> {
  const settings = await client.siteSettings.findUnique({
    where: { id: 1 },
    select: { currentFrameworkVersion: { select: { id: true, rights: true } } },
  });
  const version = settings?.currentFrameworkVersion;
  return version && version.rights === "OPEN" ? version.id : null;
}

/** `siteDefaultVersionId` as a SQL scalar subquery (null when none), for raw queries. */
export const siteDefaultVersionIdSql = Prisma.sql`(SELECT sdv."id" FROM "SiteSettings" sds
    JOIN "FrameworkVersion" sdv ON sdv."id" = sds."currentFrameworkVersionId" AND sdv."rights" = 'OPEN'
   WHERE sds."id" = 1)`;

export interface UsableVersion {
  id: string;
  frameworkName: string;
  version: string;
  rights: "OPEN" | "LICENSED";
  areaCount: number;
  stageCount: number;
  /** Names of the person's associations that assess against it (empty for the site default alone). */
  via: string[];
  isSiteDefault: boolean;
}

/**
 * The framework versions this person may take assessments against: each of
 * their associations' chosen version (when it is published and open, or
 * licensed to that association), and the site's default for an association
 * without a choice, or for someone in no association. Site default first,
 * then by framework name. Empty before any version is published.
 */
export async function versionsForPerson(actor: Actor): Promise<UsableVersion[]> {
  const [defaultId, memberships] = await Promise.all([
    siteDefaultVersionId(),
    actor.kind === "member"
      ? prisma.associationMembership.findMany({
          where: { userId: actor.userId },
          select: {
            association: {
              select: {
                id: true,
                name: true,
                frameworkVersion: {
                  select: {
                    id: true,
                    status: true,
                    rights: true,
                    licences: { where: { association: { memberships: { some: { userId: actor.userId } } } }, select: { associationId: true } },
                  },
                },
              },
            },
          },
        })
      : Promise.resolve([]),
  ]);
  const via = new Map<string, string[]>();
  const add = (id: string, name: string | null) => {
    const names = via.get(id) ?? [];
    if (name) names.push(name);
    via.set(id, names);
  };
  if (memberships.length === 0 && defaultId) add(defaultId, null);
  for (const { association } of memberships) {
    const chosen = association.frameworkVersion;
    const usable =
      chosen &&
      chosen.status === "PUBLISHED" &&
      (chosen.rights === "OPEN" || chosen.licences.some((licence) => licence.associationId === association.id));
    if (usable) add(chosen.id, association.name);
    else if (defaultId) add(defaultId, association.name);
  }
  if (via.size === 0) return [];
  const versions = await prisma.frameworkVersion.findMany({
    where: { id: { in: [...via.keys()] } },
    select: { id: true, version: true, rights: true, framework: { select: { name: true } }, _count: { select: { areas: true, stages: true } } },
  });
  return versions
    .map((version) => ({
      id: version.id,
      frameworkName: version.framework.name,
      version: version.version,
      rights: version.rights,
      areaCount: version._count.areas,
      stageCount: version._count.stages,
      via: (via.get(version.id) ?? []).sort((a, b) => a.localeCompare(b)),
      isSiteDefault: version.id === defaultId,
    }))
    .sort((a, b) => Number(b.isSiteDefault) - Number(a.isSiteDefault) || a.frameworkName.localeCompare(b.frameworkName));
}

/**
 * The version an association's members assess against, as a SQL scalar on an
 * association id: its chosen version when published and open or licensed to
 * it, else the site default (`siteDefaultVersionIdSql`). The same rule as
 * `versionsForPerson`, for queries about one association (insight).
 */
export function associationVersionIdSql(associationId: string): Prisma.Sql {
  return Prisma.sql`COALESCE(
    (SELECT av."id" FROM "Association" asn
       JOIN "FrameworkVersion" av ON av."id" = asn."frameworkVersionId" AND av."status" = 'PUBLISHED'
      WHERE asn."id" = ${associationId}
        AND (av."rights" = 'OPEN'
             OR EXISTS (SELECT 1 FROM "FrameworkLicence" al WHERE al."frameworkVersionId" = av."id" AND al."associationId" = asn."id"))),
    ${siteDefaultVersionIdSql})`;
}

/**
 * Published licensed versions as anyone may see them: the framework's name,
 * the version, and who holds the licence — never their text. For the public
 * /competencies page, the same for every reader.
 */
export async function listLicensedVersions() {
  const versions = await prisma.frameworkVersion.findMany({
    where: { rights: "LICENSED", status: "PUBLISHED" },
    orderBy: [{ framework: { name: "asc" } }, { createdAt: "desc" }],
    take: 50,
    select: {
      id: true,
      version: true,
      framework: { select: { name: true, publisher: true } },
      licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { name: true, slug: true } } } },
    },
  });
  return versions.map((version) => ({
    id: version.id,
    name: version.framework.name,
    publisher: version.framework.publisher,
    version: version.version,
    licensees: version.licences.map((licence) => licence.association),
  }));
}
