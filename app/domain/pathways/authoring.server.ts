/**
 * Authoring pathways in the app: create, edit details, add / edit / reorder /
 * remove steps, publish and unpublish, preview.
 *
 * Rules kept here:
 * - Members never lose progress through an edit. Steps are updated in place
 *   (same id, same key); reordering only changes positions; removing a step
 *   archives it (a step nobody could have started, in a pathway that was
 *   never published, is deleted outright). Enrolments' `completedAt` is kept
 *   in step with the current (non-archived) steps.
 * - Any change made here sets `contentHash` to null: from then on the app owns
 *   the pathway, and the content seeder must leave it alone.
 * - Who may author: `canAuthorPathway` (./policy). Every mutation takes an
 *   `AuthorisedPathway`, which only `authorizeAuthorablePathway` hands out.
 */
import { Prisma } from "~/generated/prisma/client";
import type { PathwayKind, PathwayStatus } from "~/generated/prisma/enums";
import { getMembership } from "~/domain/associations/memberships.server";
import { canModerateAssociation, type AssociationRoleName, type Membership } from "~/domain/associations/policy";
import { siteDefaultVersionIdSql } from "~/domain/competencies/rights.server";
import { fail, failFields, ok, type FieldErrors, type Result } from "~/utils/result";
import { isAdmin, type Actor, type MemberActor } from "~/domain/members/actor";
import { jsonColumn, prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { slugify } from "~/utils/slug";
import {
  RESERVED_SLUGS,
  SLUG_MAX,
  storedResourcesSchema,
  type PathwayDetailsInput,
  type Resource,
  type StepFormInput,
} from "./authoring-schemas";
import { syncEnrolmentCompletion } from "./pathways.server";
import { canAuthorPathway } from "./policy";

type Tx = Prisma.TransactionClient;

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

// ─── Who may author what ────────────────────────────────────────────────────

/** Where a new pathway goes: the site (admins) or an association (its owner and moderators). */
export type AuthoringTarget = { association: { id: string; slug: string; name: string } | null };

/**
 * The target for /pathways/new[?association=slug]: not found (no such
 * association), or forbidden (not allowed to author there).
 */
export async function authorizeAuthoringTarget(actor: MemberActor, associationSlug: string | null): Promise<Result<AuthoringTarget>> {
  if (!associationSlug) {
    if (!canAuthorPathway(actor, { associationId: null }, null)) return fail("forbidden", "Administrators only");
    return ok({ association: null });
  }
  const association = await prisma.association.findUnique({
    where: { slug: associationSlug.toLowerCase() },
    select: { id: true, slug: true, name: true },
  });
  if (!association) return fail("not-found", "There is no such association.");
  const membership = await getMembership(actor, association.id);
  if (!canAuthorPathway(actor, { associationId: association.id }, membership)) {
    return fail("forbidden", "Only the association's owner and moderators can author its pathways.");
  }
  return ok({ association });
}

const NO_SUCH_PATHWAY = fail("not-found", "There is no such pathway.");

export type AuthorisedPathway = {
  id: string;
  slug: string;
  title: string;
  status: PathwayStatus;
  associationId: string | null;
  publishedAt: Date | null;
  /** Marks a value that came from authorizeAuthorablePathway. */
  readonly authorised: true;
};

/**
 * The pathway at `slug` for an author: not found when the actor may not even
 * see it (a draft of someone else's), forbidden when they may see it
 * (published, or they are enrolled) but not author it.
 */
export async function authorizeAuthorablePathway(actor: MemberActor, slug: string): Promise<Result<AuthorisedPathway>> {
  // One round trip: the pathway (by its unique slug), the actor's membership of
  // its association (the input canAuthorPathway takes) and whether they are enrolled.
  const [row] = await prisma.$queryRaw<AccessRow[]>`
    SELECT p."id", p."slug", p."title", p."status"::text AS "status", p."associationId", p."publishedAt",
           m."role"::text AS "membershipRole",
           EXISTS (SELECT 1 FROM "PathwayEnrolment" e WHERE e."pathwayId" = p."id" AND e."userId" = ${actor.userId}) AS "enrolled"
      FROM "Pathway" p
      LEFT JOIN "AssociationMembership" m ON m."associationId" = p."associationId" AND m."userId" = ${actor.userId}
     WHERE p."slug" = ${slug.toLowerCase()}`;
  if (!row) return NO_SUCH_PATHWAY;
  const { membershipRole, enrolled, ...pathway } = row;
  const membership: Membership = membershipRole ? { role: membershipRole } : null;
  if (canAuthorPathway(actor, pathway, membership)) return ok({ ...pathway, authorised: true });
  return pathway.status === "PUBLISHED" || enrolled
    ? fail("forbidden", "Only this pathway's authors can change it.")
    : NO_SUCH_PATHWAY;
}

type AccessRow = Omit<AuthorisedPathway, "authorised"> & {
  membershipRole: AssociationRoleName | null;
  enrolled: boolean;
};

/** JSON columns built in SQL arrive parsed or as text, depending on the driver. */

// ─── The current framework's areas and stages ───────────────────────────────

export type FrameworkChoices = {
  areas: { slug: string; name: string }[];
  stages: { slug: string; name: string }[];
};

/** The areas and stages a step may name: those of the framework version in use. */
export async function getFrameworkChoices(): Promise<FrameworkChoices> {
  // One round trip; areas and stages by their (versionId, position) unique indexes.
  const [row] = await prisma.$queryRaw<{ areas: Choice[] | string; stages: Choice[] | string }[]>`
    SELECT
      COALESCE((SELECT json_agg(json_build_object('slug', a."slug", 'name', a."name") ORDER BY a."position")
                  FROM "CompetencyArea" a WHERE a."versionId" = s."id"), '[]'::json) AS "areas",
      COALESCE((SELECT json_agg(json_build_object('slug', st."slug", 'name', st."name") ORDER BY st."position")
                  FROM "ProficiencyStage" st WHERE st."versionId" = s."id"), '[]'::json) AS "stages"
      FROM (SELECT ${siteDefaultVersionIdSql} AS "id") s`;
  return row ? { areas: jsonColumn(row.areas), stages: jsonColumn(row.stages) } : { areas: [], stages: [] };
}

type Choice = { slug: string; name: string };

function areaProblems(areas: StepFormInput["areas"], choices: FrameworkChoices): FieldErrors | null {
  const areaSlugs = new Set(choices.areas.map((area) => area.slug));
  const stageSlugs = new Set(choices.stages.map((stage) => stage.slug));
  const bad = areas.some((area) => !areaSlugs.has(area.areaSlug) || !stageSlugs.has(area.stageSlug));
  return bad ? { areas: ["Choose areas and stages from the lists shown"] } : null;
}

// ─── Pathway details ────────────────────────────────────────────────────────

const slugTaken: FieldErrors = { slug: ["Another pathway already uses that address. Try adding a word."] };

function detailsData(input: PathwayDetailsInput) {
  return {
    title: input.title,
    summary: input.summary,
    summaryHtml: renderMarkdown(input.summary),
    kind: input.kind,
    roleArchetypes: input.roleArchetypes,
    backgrounds: input.backgrounds,
  };
}

function slugFromTitle(title: string): string {
  const base = slugify(title, SLUG_MAX);
  if (base.length < 3) return "pathway";
  return RESERVED_SLUGS.has(base) ? `${base}-pathway` : base;
}

/** `base`, or `base-2`, `base-3`… whichever no pathway uses yet. */
async function freeSlug(tx: Tx, base: string): Promise<string> {
  const taken = new Set(
    (await tx.pathway.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((p) => p.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base.slice(0, 55)}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** A second identical "Create" within this window returns the first draft instead of a copy. */
const DOUBLE_SUBMIT_MS = 2 * 60 * 1000;

/**
 * Creates a draft. The address is the one typed (a field error if taken) or,
 * left blank, one made from the title (made unique with a number).
 */
export async function createPathway(
  actor: MemberActor,
  target: AuthoringTarget,
  input: PathwayDetailsInput,
): Promise<Result<{ slug: string }>> {
  const associationId = target.association?.id ?? null;
  const attempt = () =>
    prisma.$transaction(async (tx): Promise<Result<{ slug: string }>> => {
      const twin = await tx.pathway.findFirst({
        where: {
          createdById: actor.userId,
          associationId,
          title: input.title,
          status: "DRAFT",
          createdAt: { gte: new Date(Date.now() - DOUBLE_SUBMIT_MS) },
          ...(input.slug ? { slug: input.slug } : {}),
        },
        select: { slug: true },
      });
      if (twin) return { ok: true, value: twin };
      let slug: string;
      if (input.slug) {
        if (await tx.pathway.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
          return failFields(slugTaken);
        }
        slug = input.slug;
      } else {
        slug = await freeSlug(tx, slugFromTitle(input.title));
      }
      const created = await tx.pathway.create({
        data: { ...detailsData(input), slug, status: "DRAFT", associationId, createdById: actor.userId },
        select: { slug: true },
      });
      return { ok: true, value: created };
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Someone took the address in the meantime: a typed one is a field error; a made-up one gets another number.
    if (input.slug) return failFields(slugTaken);
    return attempt();
  }
}

/** Saves the details form. Changing the address is allowed (old links stop working). */
export async function updatePathway(pathway: AuthorisedPathway, input: PathwayDetailsInput): Promise<Result<{ slug: string }>> {
  const slug = input.slug ?? pathway.slug;
  try {
    return await prisma.$transaction(async (tx) => {
      if (slug !== pathway.slug) {
        const holder = await tx.pathway.findUnique({ where: { slug }, select: { id: true } });
        if (holder && holder.id !== pathway.id) return failFields(slugTaken);
      }
      const saved = await tx.pathway.update({
        where: { id: pathway.id },
        data: { ...detailsData(input), slug, contentHash: null },
        select: { slug: true },
      });
      return { ok: true as const, value: saved };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return failFields(slugTaken);
    throw error;
  }
}

// ─── Steps ──────────────────────────────────────────────────────────────────

function stepData(input: StepFormInput) {
  return {
    title: input.title,
    body: input.body,
    bodyHtml: renderMarkdown(input.body),
    resources: input.resources satisfies Resource[],
    effortMinutes: input.effortMinutes,
  };
}

/** A key made from the title that no step of the pathway (archived ones included) has. */
async function freeStepKey(tx: Tx, pathwayId: string, title: string): Promise<string> {
  const base = slugify(title, 50) || "step";
  const taken = new Set(
    (await tx.pathwayStep.findMany({ where: { pathwayId, key: { startsWith: base } }, select: { key: true } })).map(
      (step) => step.key,
    ),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Adds a step at the end. Submitting the same step twice (a double click, a
 * resent form) returns the step already added instead of a copy.
 */
export async function addStep(pathway: AuthorisedPathway, input: StepFormInput): Promise<Result<{ stepId: string }>> {
  const problems = areaProblems(input.areas, await getFrameworkChoices());
  if (problems) return failFields(problems);
  const data = stepData(input);
  const attempt = () =>
    prisma.$transaction(async (tx) => {
      const twin = await tx.pathwayStep.findFirst({
        // The same step sent twice within two minutes is a double submit, not a second step.
        where: {
          pathwayId: pathway.id,
          archivedAt: null,
          title: data.title,
          body: data.body,
          createdAt: { gte: new Date(Date.now() - 2 * 60_000) },
        },
        select: { id: true },
      });
      if (twin) return { ok: true as const, value: { stepId: twin.id } };
      const last = await tx.pathwayStep.findFirst({
        where: { pathwayId: pathway.id, archivedAt: null },
        orderBy: { position: "desc" },
        select: { position: true },
      });
      const step = await tx.pathwayStep.create({
        data: {
          ...data,
          pathwayId: pathway.id,
          key: await freeStepKey(tx, pathway.id, data.title),
          position: (last?.position ?? 0) + 1,
          areas: { create: input.areas },
        },
        select: { id: true },
      });
      await tx.pathway.update({ where: { id: pathway.id }, data: { contentHash: null } });
      // Adding a step reopens a finished enrolment; removing the last open one finishes it.
      await syncEnrolmentCompletion(tx, { pathwayId: pathway.id });
      return { ok: true as const, value: { stepId: step.id } };
    });
  try {
    return await attempt();
  } catch (error) {
    // Two submissions racing for the same key: the second finds the first's step.
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}

/** Updates a step in place: same id and key, so completions stay attached. */
export async function updateStep(
  pathway: AuthorisedPathway,
  stepId: string,
  input: StepFormInput,
): Promise<Result<{ stepId: string }>> {
  const problems = areaProblems(input.areas, await getFrameworkChoices());
  if (problems) return failFields(problems);
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.pathwayStep.updateMany({
      where: { id: stepId, pathwayId: pathway.id, archivedAt: null },
      data: stepData(input),
    });
    if (count === 0) return fail("not-found", "This pathway has no such step.");
    await tx.pathwayStepArea.deleteMany({ where: { stepId } });
    await tx.pathwayStepArea.createMany({ data: input.areas.map((area) => ({ ...area, stepId })) });
    await tx.pathway.update({ where: { id: pathway.id }, data: { contentHash: null } });
    return { ok: true as const, value: { stepId } };
  });
}

/**
 * Moves a step one place up or down among the current steps. Only positions
 * change; the steps are renumbered 1…n so positions stay unique.
 * Returns false when there is no such step; moving the first step up is a no-op.
 */
export async function moveStep(pathway: AuthorisedPathway, stepId: string, direction: "up" | "down"): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const steps = await tx.pathwayStep.findMany({
      where: { pathwayId: pathway.id, archivedAt: null },
      orderBy: [{ position: "asc" }, { createdAt: "asc" }],
      select: { id: true, position: true },
    });
    const index = steps.findIndex((step) => step.id === stepId);
    if (index < 0) return false;
    const other = direction === "up" ? index - 1 : index + 1;
    if (other < 0 || other >= steps.length) return true;
    const order = steps.map((step) => step.id);
    [order[index], order[other]] = [order[other]!, order[index]!];
    const current = new Map(steps.map((step) => [step.id, step.position]));
    for (const [i, id] of order.entries()) {
      if (current.get(id) !== i + 1) await tx.pathwayStep.update({ where: { id }, data: { position: i + 1 } });
    }
    await tx.pathway.update({ where: { id: pathway.id }, data: { contentHash: null } });
    return true;
  });
}

/**
 * Removes a step from the pathway. It is archived (members who completed it
 * keep their record); it is deleted only when the pathway was never published
 * and nobody has completed it.
 */
export async function archiveStep(pathway: AuthorisedPathway, stepId: string): Promise<"archived" | "deleted" | null> {
  return prisma.$transaction(async (tx) => {
    const step = await tx.pathwayStep.findFirst({
      where: { id: stepId, pathwayId: pathway.id, archivedAt: null },
      select: { id: true, _count: { select: { completions: true } } },
    });
    if (!step) return null;
    const current = await tx.pathway.findUniqueOrThrow({ where: { id: pathway.id }, select: { publishedAt: true } });
    const disposable = current.publishedAt === null && step._count.completions === 0;
    if (disposable) await tx.pathwayStep.delete({ where: { id: step.id } });
    else await tx.pathwayStep.update({ where: { id: step.id }, data: { archivedAt: new Date() } });
    await tx.pathway.update({ where: { id: pathway.id }, data: { contentHash: null } });
    await syncEnrolmentCompletion(tx, { pathwayId: pathway.id });
    return disposable ? "deleted" : "archived";
  });
}

// ─── Publishing ─────────────────────────────────────────────────────────────

export const NO_STEPS_MESSAGE = "Add at least one step before publishing: members need something to do.";

/** Publishes a draft (it needs at least one step). `publishedAt` keeps the first publication date. */
export async function publishPathway(pathway: AuthorisedPathway): Promise<Result> {
  return prisma.$transaction(async (tx): Promise<Result> => {
    const steps = await tx.pathwayStep.count({ where: { pathwayId: pathway.id, archivedAt: null } });
    if (steps === 0) return fail("invalid", NO_STEPS_MESSAGE);
    const current = await tx.pathway.findUniqueOrThrow({ where: { id: pathway.id }, select: { publishedAt: true } });
    await tx.pathway.update({
      where: { id: pathway.id },
      data: { status: "PUBLISHED", publishedAt: current.publishedAt ?? new Date(), contentHash: null },
    });
    return ok(null);
  });
}

/** Back to draft: hidden from lists and new enrolments; enrolments and completions are kept. */
export async function unpublishPathway(pathway: AuthorisedPathway): Promise<void> {
  await prisma.pathway.update({ where: { id: pathway.id }, data: { status: "DRAFT", contentHash: null } });
}

// ─── Reading, for authors ───────────────────────────────────────────────────

/** Everything the edit page shows: details, the current steps in order, and counts. */
export async function getPathwayForEditing(pathway: AuthorisedPathway) {
  const row = await prisma.pathway.findUniqueOrThrow({
    where: { id: pathway.id },
    select: {
      slug: true,
      title: true,
      summary: true,
      kind: true,
      status: true,
      roleArchetypes: true,
      backgrounds: true,
      publishedAt: true,
      association: { select: { slug: true, name: true } },
      steps: {
        where: { archivedAt: null },
        orderBy: [{ position: "asc" }, { createdAt: "asc" }],
        select: { id: true, key: true, title: true, effortMinutes: true, _count: { select: { areas: true, completions: true } } },
      },
      _count: { select: { enrolments: true } },
    },
  });
  const { steps, _count, ...details } = row;
  return {
    ...details,
    enrolledCount: _count.enrolments,
    steps: steps.map(({ _count: counts, ...step }) => ({
      ...step,
      areaCount: counts.areas,
      completedCount: counts.completions,
    })),
  };
}

/** One current step of the pathway with its form values, or null. */
export async function getStepForEditing(pathway: AuthorisedPathway, stepId: string) {
  const step = await prisma.pathwayStep.findFirst({
    where: { id: stepId, pathwayId: pathway.id, archivedAt: null },
    select: {
      id: true,
      key: true,
      position: true,
      title: true,
      body: true,
      resources: true,
      effortMinutes: true,
      areas: { select: { areaSlug: true, stageSlug: true } },
    },
  });
  if (!step) return null;
  return { ...step, resources: storedResourcesSchema.parse(step.resources) };
}

/** The pathway as members will see it, with every current step in full. */
export async function getPathwayPreview(pathway: AuthorisedPathway) {
  const [[header], steps, choices] = await Promise.all([
    prisma.$queryRaw<PreviewHeader[]>`
      SELECT p."slug", p."title", p."summaryHtml", p."kind"::text AS "kind", p."status"::text AS "status",
             a."slug" AS "associationSlug", a."name" AS "associationName"
        FROM "Pathway" p
        LEFT JOIN "Association" a ON a."id" = p."associationId"
       WHERE p."id" = ${pathway.id}`,
    // The current steps in order (PathwayStep(pathwayId, position)) with their areas, in one round trip.
    prisma.$queryRaw<PreviewStepRow[]>`
      SELECT s."id", s."key", s."title", s."bodyHtml", s."resources", s."effortMinutes",
             COALESCE(json_agg(json_build_object('areaSlug', sa."areaSlug", 'stageSlug', sa."stageSlug"))
                        FILTER (WHERE sa."stepId" IS NOT NULL), '[]'::json) AS "areas"
        FROM "PathwayStep" s
        LEFT JOIN "PathwayStepArea" sa ON sa."stepId" = s."id"
       WHERE s."pathwayId" = ${pathway.id} AND s."archivedAt" IS NULL
       GROUP BY s."id"
       ORDER BY s."position", s."createdAt"`,
    getFrameworkChoices(),
  ]);
  // Deleted since it was authorised.
  if (!header) return NO_SUCH_PATHWAY;
  const areaNames = new Map(choices.areas.map((area) => [area.slug, area.name]));
  const stageNames = new Map(choices.stages.map((stage) => [stage.slug, stage.name]));
  const areaOrder = new Map(choices.areas.map((area, index) => [area.slug, index]));
  const { associationSlug, associationName, ...details } = header;
  return ok({
    ...details,
    association: associationSlug && associationName ? { slug: associationSlug, name: associationName } : null,
    totalMinutes: steps.reduce((sum, step) => sum + step.effortMinutes, 0),
    steps: steps.map((step) => ({
      ...step,
      resources: storedResourcesSchema.parse(jsonColumn(step.resources)),
      areas: jsonColumn(step.areas)
        .sort((a, b) => (areaOrder.get(a.areaSlug) ?? 99) - (areaOrder.get(b.areaSlug) ?? 99))
        .map((area) => ({
          slug: area.areaSlug,
          name: areaNames.get(area.areaSlug) ?? area.areaSlug,
          stage: stageNames.get(area.stageSlug) ?? area.stageSlug,
        })),
    })),
  });
}

type PreviewHeader = {
  slug: string;
  title: string;
  summaryHtml: string;
  kind: PathwayKind;
  status: PathwayStatus;
  associationSlug: string | null;
  associationName: string | null;
};

type PreviewStepRow = {
  id: string;
  key: string;
  title: string;
  bodyHtml: string;
  resources: unknown;
  effortMinutes: number;
  areas: { areaSlug: string; stageSlug: string }[] | string;
};

// ─── Lists ──────────────────────────────────────────────────────────────────

export const AUTHORING_PAGE_SIZE = 50;

export type AuthorablePathwayRow = {
  slug: string;
  title: string;
  kind: PathwayKind;
  status: PathwayStatus;
  association: { slug: string; name: string } | null;
  stepCount: number;
  enrolledCount: number;
};

/** Pathways the actor may author: every pathway for admins, their associations' for owners and moderators. */
function authorableWhere(actor: Actor): Prisma.PathwayWhereInput | null {
  if (actor.kind !== "member") return null;
  if (isAdmin(actor)) return {};
  return {
    association: { memberships: { some: { userId: actor.userId, role: { in: ["OWNER", "MODERATOR"] } } } },
  };
}

async function withEnrolledCounts<T extends { id: string }>(rows: T[]) {
  // One grouped query for the page (uses PathwayEnrolment's (pathwayId, completedAt) index).
  const counts = rows.length
    ? await prisma.pathwayEnrolment.groupBy({
        by: ["pathwayId"],
        where: { pathwayId: { in: rows.map((row) => row.id) } },
        _count: { _all: true },
      })
    : [];
  const byPathway = new Map(counts.map((count) => [count.pathwayId, count._count._all]));
  return rows.map((row) => ({ row, enrolledCount: byPathway.get(row.id) ?? 0 }));
}

const listSelect = {
  id: true,
  slug: true,
  title: true,
  kind: true,
  status: true,
  association: { select: { slug: true, name: true } },
  _count: { select: { steps: { where: { archivedAt: null } } } },
} as const;

/**
 * Every pathway the actor may author, drafts included, ordered by address
 * and keyset-paginated on it (`after` is the last slug of the previous page).
 */
export async function listAuthorablePathways(
  actor: Actor,
  options: { after?: string | null } = {},
): Promise<{ pathways: AuthorablePathwayRow[]; nextAfter: string | null }> {
  const where = authorableWhere(actor);
  if (!where) return { pathways: [], nextAfter: null };
  const rows = await prisma.pathway.findMany({
    where: { ...where, ...(options.after ? { slug: { gt: options.after } } : {}) },
    orderBy: { slug: "asc" },
    take: AUTHORING_PAGE_SIZE + 1,
    select: listSelect,
  });
  const page = rows.slice(0, AUTHORING_PAGE_SIZE);
  const pathways = (await withEnrolledCounts(page)).map(({ row, enrolledCount }) => ({
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    status: row.status,
    association: row.association,
    stepCount: row._count.steps,
    enrolledCount,
  }));
  return { pathways, nextAfter: rows.length > AUTHORING_PAGE_SIZE ? page.at(-1)!.slug : null };
}

/**
 * An association's pathways, drafts included, for its owner and moderators
 * (the caller checks `canModerateAssociation`; `actor` is checked again here).
 */
export async function listAssociationPathwaysForManagers(actor: Actor, associationId: string) {
  const membership = await getMembership(actor, associationId);
  if (!canModerateAssociation(actor, membership)) return [];
  const rows = await prisma.pathway.findMany({
    // Uses the (associationId, status) index.
    where: { associationId },
    orderBy: [{ status: "desc" }, { title: "asc" }],
    take: 200,
    select: listSelect,
  });
  return (await withEnrolledCounts(rows)).map(({ row, enrolledCount }) => ({
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    status: row.status,
    stepCount: row._count.steps,
    enrolledCount,
  }));
}
