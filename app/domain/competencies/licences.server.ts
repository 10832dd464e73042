/**
 * Setting a framework version's rights and licensees (site administrators),
 * and an association's choice of version (its owners). Associations sit above
 * competencies (docs/architecture.md), so their rows are read and written
 * here through their tables, not through the associations code; who may call
 * these is checked by the routes and, again, by the callers' domain policies.
 */
import type { MemberActor } from "~/domain/members/actor";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { fail, failFields, ok, type FieldErrors, type Result } from "~/utils/result";
import type { RightsFormInput } from "./schemas";

/**
 * Inside a transaction: gives the version `input`'s rights and exactly its
 * licensees. An association whose licence ends and which assessed against
 * this version goes back to the site default; its members keep their
 * answers, shown without the licensed text. Refuses a licensed version that
 * is the site default (it would be everyone's), and unknown associations.
 */
export async function applyRights(
  tx: Prisma.TransactionClient,
  versionId: string,
  input: RightsFormInput,
  confirmedBy: MemberActor,
  now = new Date(),
): Promise<FieldErrors | null> {
  if (input.rights === "OPEN") {
    await tx.frameworkLicence.deleteMany({ where: { frameworkVersionId: versionId } });
    await tx.frameworkVersion.update({
      where: { id: versionId },
      data: { rights: "OPEN", rightsAttribution: null, rightsConfirmedById: null, rightsConfirmedAt: null },
    });
    return null;
  }
  const [associations, settings] = await Promise.all([
    tx.association.findMany({ where: { id: { in: input.licenseeIds } }, select: { id: true } }),
    tx.siteSettings.findUnique({ where: { id: 1 }, select: { currentFrameworkVersionId: true } }),
  ]);
  if (associations.length !== new Set(input.licenseeIds).size) {
    return { licenseeIds: ["One of the chosen associations no longer exists. Choose again."] };
  }
  if (settings?.currentFrameworkVersionId === versionId) {
    return { rights: ["This version is the site's default, which everyone sees. Choose another default first."] };
  }
  const licenseeIds = associations.map((association) => association.id);
  await tx.frameworkLicence.deleteMany({ where: { frameworkVersionId: versionId, associationId: { notIn: licenseeIds } } });
  await tx.association.updateMany({
    where: { frameworkVersionId: versionId, id: { notIn: licenseeIds } },
    data: { frameworkVersionId: null },
  });
  await tx.frameworkLicence.createMany({
    data: licenseeIds.map((associationId) => ({ frameworkVersionId: versionId, associationId })),
    skipDuplicates: true,
  });
  await tx.frameworkVersion.update({
    where: { id: versionId },
    data: { rights: "LICENSED", rightsAttribution: input.rightsAttribution, rightsConfirmedById: confirmedBy.userId, rightsConfirmedAt: now },
  });
  return null;
}

/** Changes an existing version's rights (the version page). */
export async function setFrameworkRights(admin: MemberActor, versionId: string, input: RightsFormInput): Promise<Result> {
  return prisma.$transaction(async (tx) => {
    const version = await tx.frameworkVersion.findUnique({ where: { id: versionId }, select: { id: true } });
    if (!version) return fail("not-found", "Framework version not found");
    const fieldErrors = await applyRights(tx, versionId, input, admin);
    return fieldErrors ? failFields(fieldErrors) : ok(null);
  });
}

/** How many associations the rights form lists at once; a search narrows them. */
export const LICENSEE_CHOICES = 200;

/**
 * Associations an administrator can choose as licensees, by name: those whose
 * name contains `search` (all when empty), at most LICENSEE_CHOICES of them,
 * and always the version's current licensees, so saving the form never drops
 * a licensee the list did not show. `total` is how many matched the search.
 */
export async function listLicenseeChoices(options: { search?: string; versionId?: string } = {}) {
  const search = (options.search ?? "").trim().slice(0, 100);
  const where = search ? { name: { contains: search, mode: "insensitive" as const } } : {};
  const select = { id: true, name: true } as const;
  const [matches, total, current] = await Promise.all([
    prisma.association.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: LICENSEE_CHOICES, select }),
    prisma.association.count({ where }),
    options.versionId
      ? prisma.association.findMany({ where: { frameworkLicences: { some: { frameworkVersionId: options.versionId } } }, select })
      : Promise.resolve([]),
  ]);
  const byId = new Map([...current, ...matches].map((association) => [association.id, association]));
  const associations = [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  return { associations, search, total, shown: matches.length };
}

/** A version's rights for the admin pages: rights, notice, licensees, who confirmed and when. */
export async function getRightsDetails(versionId: string) {
  return prisma.frameworkVersion.findUnique({
    where: { id: versionId },
    select: {
      rights: true,
      rightsAttribution: true,
      rightsConfirmedAt: true,
      rightsConfirmedBy: { select: { profile: { select: { displayName: true } } } },
      licences: { orderBy: { association: { name: "asc" } }, select: { association: { select: { id: true, name: true, slug: true } } } },
    },
  });
}

// ─── An association's framework ──────────────────────────────────────────────

/**
 * The versions an association may assess against: published, and open or
 * licensed to it. The site default is offered as "no choice" (null).
 */
export async function frameworkChoicesFor(associationId: string) {
  const [versions, association] = await Promise.all([
    prisma.frameworkVersion.findMany({
      where: {
        status: "PUBLISHED",
        OR: [{ rights: "OPEN" }, { licences: { some: { associationId } } }],
      },
      orderBy: [{ framework: { name: "asc" } }, { createdAt: "desc" }],
      select: { id: true, version: true, rights: true, framework: { select: { name: true } } },
    }),
    prisma.association.findUnique({ where: { id: associationId }, select: { frameworkVersionId: true } }),
  ]);
  return {
    chosenId: association?.frameworkVersionId ?? null,
    versions: versions.map((version) => ({
      id: version.id,
      label: `${version.framework.name}, version ${version.version}`,
      licensed: version.rights === "LICENSED",
    })),
  };
}

/**
 * Sets the version an association's members assess against (null: the site
 * default). The version must be published and open or licensed to it.
 * Assessments already started keep their version.
 */
export async function setAssociationFramework(associationId: string, versionId: string | null): Promise<FieldErrors | null> {
  if (versionId) {
    const usable = await prisma.frameworkVersion.count({
      where: { id: versionId, status: "PUBLISHED", OR: [{ rights: "OPEN" }, { licences: { some: { associationId } } }] },
    });
    if (usable !== 1) return { frameworkVersionId: ["Choose one of the frameworks listed."] };
  }
  await prisma.association.update({ where: { id: associationId }, data: { frameworkVersionId: versionId } });
  return null;
}
