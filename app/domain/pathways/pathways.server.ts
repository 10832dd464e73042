/**
 * Pathways for members: the catalogue, a pathway and a step with the member's
 * progress, enrolling and leaving, completing a step (with a reflection and
 * optional evidence) and undoing it, progress for the home page, and
 * completed steps as evidence for the competency profile.
 *
 * Progress counts only current (non-archived) steps. An enrolment is complete
 * when every current step is completed; `syncEnrolmentCompletion` keeps
 * `completedAt` true to that after every change.
 *
 * Reads are a fixed number of round trips whatever the number of pathways,
 * steps or completions: the structure of pathways comes from one joined query.
 */
import { getMembership } from "~/domain/associations/memberships.server";
import { siteDefaultVersionIdSql } from "~/domain/competencies/rights.server";
import { readerTimeZone, type Actor, type MemberActor } from "~/domain/members/actor";
import { Prisma, type PrismaClient } from "~/generated/prisma/client";
import type { Background, PathwayKind, PathwayStatus, RoleArchetype } from "~/generated/prisma/enums";
import { jsonColumn, prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { canAuthorPathway, canEnrol, canViewPathway } from "./policy";
import { readResources, type CompletionInput, type Resource } from "./schemas";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { fail, ok, type Result } from "~/utils/result";

const NO_SUCH_PATHWAY = fail("not-found", "There is no such pathway.");
const NO_SUCH_STEP = fail("not-found", "This pathway has no such step.");
const NOT_OPEN = fail("forbidden", "This pathway is not open for enrolment.");

/** "November 23, 2026", in UTC so server and browser agree. */

// ─── Structure: pathways, their current steps and the areas each builds ──────

export interface StepArea {
  areaSlug: string;
  /** From the current framework version (the slug, readable, if the area is not in it). */
  areaName: string;
  stageSlug: string;
  stageName: string;
  /** Position of the stage in the current framework version (null if unknown). */
  stagePosition: number | null;
}

export interface CatalogueStep {
  id: string;
  key: string;
  title: string;
  position: number;
  effortMinutes: number;
  areas: StepArea[];
}

export interface CataloguePathway {
  id: string;
  slug: string;
  title: string;
  kind: PathwayKind;
  status: PathwayStatus;
  associationId: string | null;
  summaryHtml: string;
  roleArchetypes: RoleArchetype[];
  backgrounds: Background[];
  /** Current steps, in order. */
  steps: CatalogueStep[];
}

type StructureRow = {
  pathwayId: string;
  slug: string;
  title: string;
  kind: PathwayKind;
  status: PathwayStatus;
  associationId: string | null;
  summaryHtml: string;
  roleArchetypes: RoleArchetype[] | null;
  backgrounds: Background[] | null;
  stepId: string | null;
  key: string | null;
  stepTitle: string | null;
  position: number | null;
  effortMinutes: number | null;
  areas: { areaSlug: string; stageSlug: string; areaName: string | null; stageName: string | null; stagePosition: number | null }[];
};

const readable = (slug: string) => slug.charAt(0).toUpperCase() + slug.slice(1).replace(/-/g, " ");

/** Pathways matching `where` (SQL on alias p) with their current steps and areas, in one round trip. */
async function findStructure(where: Prisma.Sql): Promise<CataloguePathway[]> {
  const rows = await prisma.$queryRaw<StructureRow[]>`
    SELECT p."id" AS "pathwayId", p."slug", p."title", p."kind"::text AS "kind", p."status"::text AS "status",
           p."associationId", p."summaryHtml",
           p."roleArchetypes"::text[] AS "roleArchetypes", p."backgrounds"::text[] AS "backgrounds",
           s."id" AS "stepId", s."key", s."title" AS "stepTitle", s."position", s."effortMinutes",
           COALESCE(
             json_agg(json_build_object(
               'areaSlug', a."areaSlug", 'stageSlug', a."stageSlug",
               'areaName', ca."name", 'stageName', ps."name", 'stagePosition', ps."position"
             ) ORDER BY ca."position", a."areaSlug") FILTER (WHERE a."stepId" IS NOT NULL),
             '[]'
           ) AS "areas"
      FROM "Pathway" p
      LEFT JOIN "PathwayStep" s ON s."pathwayId" = p."id" AND s."archivedAt" IS NULL
      LEFT JOIN "PathwayStepArea" a ON a."stepId" = s."id"
      LEFT JOIN "CompetencyArea" ca ON ca."versionId" = ${siteDefaultVersionIdSql} AND ca."slug" = a."areaSlug"
      LEFT JOIN "ProficiencyStage" ps ON ps."versionId" = ${siteDefaultVersionIdSql} AND ps."slug" = a."stageSlug"
     WHERE ${where}
     GROUP BY p."id", s."id"
     ORDER BY p."kind", p."title", p."id", s."position", s."id"`;
  const byId = new Map<string, CataloguePathway>();
  for (const row of rows) {
    let pathway = byId.get(row.pathwayId);
    if (!pathway) {
      pathway = {
        id: row.pathwayId,
        slug: row.slug,
        title: row.title,
        kind: row.kind,
        status: row.status,
        associationId: row.associationId,
        summaryHtml: row.summaryHtml,
        roleArchetypes: row.roleArchetypes ?? [],
        backgrounds: row.backgrounds ?? [],
        steps: [],
      };
      byId.set(row.pathwayId, pathway);
    }
    if (row.stepId === null || row.key === null) continue;
    pathway.steps.push({
      id: row.stepId,
      key: row.key,
      title: row.stepTitle ?? "",
      position: row.position ?? 0,
      effortMinutes: row.effortMinutes ?? 0,
      areas: jsonColumn(row.areas).map((area) => ({
        areaSlug: area.areaSlug,
        areaName: area.areaName ?? readable(area.areaSlug),
        stageSlug: area.stageSlug,
        stageName: area.stageName ?? readable(area.stageSlug),
        stagePosition: area.stagePosition,
      })),
    });
  }
  return [...byId.values()];
}

/**
 * Published pathways (the ones every list may show, see `listedPathwaysWhere`),
 * plus, for a member, unpublished ones they are enrolled in (they keep access).
 */
export function loadCatalogue(userId: string | null): Promise<CataloguePathway[]> {
  // Uses Pathway(status, kind); the enrolment subquery uses PathwayEnrolment(userId, pathwayId).
  return findStructure(
    userId
      ? Prisma.sql`(p."status" = 'PUBLISHED' OR p."id" IN (SELECT e."pathwayId" FROM "PathwayEnrolment" e WHERE e."userId" = ${userId}))`
      : Prisma.sql`p."status" = 'PUBLISHED'`,
  );
}

// ─── The member's state: enrolments, completions, role and background ────────

export interface MemberPathwayState {
  roleArchetype: RoleArchetype | null;
  background: Background | null;
  /** The credentials on the member's profile (CHCP, PMP…): home suggests CHCP preparation only to those without it. */
  credentials: string[];
  enrolments: Map<string, { completedAt: Date | null }>;
  /** Completed step ids (archived steps included), with their pathway. */
  completions: Map<string, string>;
}

type StateRow = {
  roleArchetype: RoleArchetype | null;
  background: Background | null;
  credentials: string[] | null;
  enrolments: { pathwayId: string; completedAt: string | null }[] | string;
  completions: { stepId: string; pathwayId: string }[] | string;
};


/** One round trip: the member's profile facts, enrolments and completed steps. */
export async function loadMemberState(userId: string): Promise<MemberPathwayState> {
  // Enrolments by PathwayEnrolment(userId, pathwayId); completions by StepCompletion(userId, stepId).
  const [row] = await prisma.$queryRaw<StateRow[]>`
    SELECT pr."roleArchetype"::text AS "roleArchetype", pr."background"::text AS "background", pr."credentials",
           COALESCE((SELECT json_agg(json_build_object('pathwayId', e."pathwayId", 'completedAt', e."completedAt"))
                       FROM "PathwayEnrolment" e WHERE e."userId" = pr."userId"), '[]') AS "enrolments",
           COALESCE((SELECT json_agg(json_build_object('stepId', c."stepId", 'pathwayId', s."pathwayId"))
                       FROM "StepCompletion" c JOIN "PathwayStep" s ON s."id" = c."stepId"
                      WHERE c."userId" = pr."userId"), '[]') AS "completions"
      FROM "Profile" pr
     WHERE pr."userId" = ${userId}`;
  return {
    roleArchetype: row?.roleArchetype ?? null,
    background: row?.background ?? null,
    credentials: row?.credentials ?? [],
    enrolments: new Map(
      jsonColumn(row?.enrolments ?? []).map((e) => [e.pathwayId, { completedAt: e.completedAt ? new Date(e.completedAt) : null }]),
    ),
    completions: new Map(jsonColumn(row?.completions ?? []).map((c) => [c.stepId, c.pathwayId])),
  };
}

export interface Progress {
  completed: number;
  total: number;
}

export function progressOf(pathway: CataloguePathway, completions: Map<string, string>): Progress {
  return { completed: pathway.steps.filter((step) => completions.has(step.id)).length, total: pathway.steps.length };
}

const totalEffort = (pathway: CataloguePathway) => pathway.steps.reduce((sum, step) => sum + step.effortMinutes, 0);

// ─── Lists ───────────────────────────────────────────────────────────────────

export interface ListedPathway {
  slug: string;
  title: string;
  kind: PathwayKind;
  summaryHtml: string;
  stepCount: number;
  effortMinutes: number;
  /** For members: their progress, and whether they are enrolled. */
  progress: (Progress & { enrolled: boolean; finished: boolean }) | null;
}

/** /pathways: published pathways, with the member's progress when signed in. */
export async function listPathways(actor: Actor): Promise<ListedPathway[]> {
  if (actor.kind !== "member") return (await loadCatalogue(null)).map((pathway) => toListedPathway(pathway, null));
  const [catalogue, state] = await Promise.all([loadCatalogue(actor.userId), loadMemberState(actor.userId)]);
  return listedOnly(catalogue).map((pathway) => toListedPathway(pathway, state));
}

/** The pathways lists show: published ones only (the catalogue also has a member's unpublished enrolments). */
export const listedOnly = (catalogue: CataloguePathway[]) => catalogue.filter((pathway) => pathway.status === "PUBLISHED");

export function toListedPathway(pathway: CataloguePathway, state: MemberPathwayState | null): ListedPathway {
  const enrolment = state?.enrolments.get(pathway.id);
  return {
    slug: pathway.slug,
    title: pathway.title,
    kind: pathway.kind,
    summaryHtml: pathway.summaryHtml,
    stepCount: pathway.steps.length,
    effortMinutes: totalEffort(pathway),
    progress: state
      ? { ...progressOf(pathway, state.completions), enrolled: enrolment !== undefined, finished: Boolean(enrolment?.completedAt) }
      : null,
  };
}

export interface EnrolledPathway extends Progress {
  slug: string;
  title: string;
  finished: boolean;
  /** The first step not completed yet, in order. */
  next: { key: string; title: string } | null;
}

/** The member's enrolled pathways with progress, unfinished first (for the home page). */
export function summariseEnrolled(catalogue: CataloguePathway[], state: MemberPathwayState): EnrolledPathway[] {
  return catalogue
    .filter((pathway) => state.enrolments.has(pathway.id))
    .map((pathway) => {
      const next = pathway.steps.find((step) => !state.completions.has(step.id));
      return {
        slug: pathway.slug,
        title: pathway.title,
        ...progressOf(pathway, state.completions),
        finished: Boolean(state.enrolments.get(pathway.id)?.completedAt),
        next: next ? { key: next.key, title: next.title } : null,
      };
    })
    .sort((a, b) => Number(a.finished) - Number(b.finished));
}

/** The member's pathways with progress (two round trips). */
export async function getEnrolledPathways(userId: string): Promise<EnrolledPathway[]> {
  const [catalogue, state] = await Promise.all([loadCatalogue(userId), loadMemberState(userId)]);
  return summariseEnrolled(catalogue, state);
}

// ─── One pathway, one step ───────────────────────────────────────────────────

/** The pathway with this slug (unpublished included), or null. */
async function findPathway(slug: string): Promise<CataloguePathway | null> {
  // Uses the unique index on Pathway(slug).
  const [pathway] = await findStructure(Prisma.sql`p."slug" = ${slug}`);
  return pathway ?? null;
}

type MemberProgressRow = { enrolledAt: Date | null; completedAt: Date | null; completions: { stepId: string; completedAt: string }[] | string };

async function findMemberProgress(userId: string, pathwayId: string) {
  const [row] = await prisma.$queryRaw<MemberProgressRow[]>`
    SELECT e."enrolledAt", e."completedAt",
           COALESCE((SELECT json_agg(json_build_object('stepId', c."stepId", 'completedAt', c."completedAt"))
                       FROM "StepCompletion" c JOIN "PathwayStep" s ON s."id" = c."stepId"
                      WHERE c."userId" = ${userId} AND s."pathwayId" = ${pathwayId}), '[]') AS "completions"
      FROM (SELECT 1) one
      LEFT JOIN "PathwayEnrolment" e ON e."userId" = ${userId} AND e."pathwayId" = ${pathwayId}`;
  return {
    enrolment: row?.enrolledAt ? { enrolledAt: row.enrolledAt, completedAt: row.completedAt } : null,
    completions: new Map(jsonColumn(row?.completions ?? []).map((c) => [c.stepId, new Date(c.completedAt)])),
  };
}

/** The pathway if the actor may see it (404 otherwise), with the member's progress. */
async function requireVisiblePathway(actor: Actor, slug: string) {
  const pathway = await findPathway(slug);
  if (!pathway) return NO_SUCH_PATHWAY;
  const [membership, progress] = await Promise.all([
    getMembership(actor, pathway.associationId),
    actor.kind === "member" ? findMemberProgress(actor.userId, pathway.id) : Promise.resolve(null),
  ]);
  const enrolled = progress?.enrolment != null;
  if (!canViewPathway(actor, pathway, { membership, enrolled })) return NO_SUCH_PATHWAY;
  return ok({ pathway, progress, canEdit: canAuthorPathway(actor, pathway, membership) });
}

export interface PathwayDetail {
  pathway: { slug: string; title: string; kind: PathwayKind; summaryHtml: string; published: boolean; effortMinutes: number };
  steps: (CatalogueStep & { completedOn: string | null })[];
  progress: Progress;
  enrolment: { enrolledOn: string; finishedOn: string | null } | null;
  canEnrol: boolean;
  /** Authors (admins, or the association's owner and moderators) get a link to the editor. */
  canEdit: boolean;
}

/** /pathways/:slug. Not found when the actor may not see it. */
export async function getPathwayDetail(actor: Actor, slug: string): Promise<Result<PathwayDetail>> {
  const visible = await requireVisiblePathway(actor, slug);
  if (!visible.ok) return visible;
  const { pathway, progress, canEdit } = visible.value;
  const completions = progress?.completions ?? new Map<string, Date>();
  const steps = pathway.steps.map((step) => {
    const at = completions.get(step.id);
    return { ...step, completedOn: at ? formatLongDateIn(at, readerTimeZone(actor)) : null };
  });
  return ok({
    pathway: {
      slug: pathway.slug,
      title: pathway.title,
      kind: pathway.kind,
      summaryHtml: pathway.summaryHtml,
      published: pathway.status === "PUBLISHED",
      effortMinutes: totalEffort(pathway),
    },
    steps,
    progress: { completed: steps.filter((step) => step.completedOn).length, total: steps.length },
    enrolment: progress?.enrolment
      ? {
          enrolledOn: formatLongDateIn(progress.enrolment.enrolledAt, readerTimeZone(actor)),
          finishedOn: progress.enrolment.completedAt ? formatLongDateIn(progress.enrolment.completedAt, readerTimeZone(actor)) : null,
        }
      : null,
    canEnrol: canEnrol(actor, pathway),
    canEdit,
  });
}

export interface StepDetail {
  pathway: { slug: string; title: string; published: boolean };
  step: {
    id: string;
    key: string;
    title: string;
    position: number;
    bodyHtml: string;
    resources: Resource[];
    effortMinutes: number;
    tool: "ACTIVITY_PLANNER" | null;
    areas: StepArea[];
    archived: boolean;
  };
  /** "Step 2 of 5" (null for an archived step). */
  number: number | null;
  total: number;
  previous: { key: string; title: string } | null;
  next: { key: string; title: string } | null;
  completion: {
    id: string;
    completedOn: string;
    completedAt: string;
    reflection: string;
    reflectionHtml: string;
    evidenceUrl: string | null;
    activityPlanId: string | null;
  } | null;
  enrolled: boolean;
  progress: Progress;
  /** May complete it: a member, on a current step of a pathway they may enrol in or are enrolled in. */
  canComplete: boolean;
}

/** /pathways/:slug/steps/:key. Archived steps stay readable (members may have completed them). */
export async function getStepDetail(actor: Actor, slug: string, key: string): Promise<Result<StepDetail>> {
  const visible = await requireVisiblePathway(actor, slug);
  if (!visible.ok) return visible;
  const { pathway, progress } = visible.value;
  const step = await prisma.pathwayStep.findUnique({
    where: { pathwayId_key: { pathwayId: pathway.id, key } },
    select: {
      id: true,
      key: true,
      title: true,
      position: true,
      bodyHtml: true,
      resources: true,
      effortMinutes: true,
      tool: true,
      archivedAt: true,
      completions: actor.kind === "member"
        ? {
            where: { userId: actor.userId },
            select: {
              id: true,
              completedAt: true,
              reflection: true,
              reflectionHtml: true,
              evidenceUrl: true,
              activityPlanId: true,
            },
          }
        : false,
    },
  });
  if (!step) return NO_SUCH_STEP;
  const index = pathway.steps.findIndex((s) => s.id === step.id);
  const current = index >= 0 ? pathway.steps[index]! : null;
  const link = (s: CatalogueStep | undefined) => (s ? { key: s.key, title: s.title } : null);
  const completion = (step.completions ?? [])[0] ?? null;
  const enrolled = progress?.enrolment != null;
  const completions = progress?.completions ?? new Map<string, Date>();
  return ok({
    pathway: { slug: pathway.slug, title: pathway.title, published: pathway.status === "PUBLISHED" },
    step: {
      id: step.id,
      key: step.key,
      title: step.title,
      position: step.position,
      bodyHtml: step.bodyHtml,
      resources: readResources(step.resources),
      effortMinutes: step.effortMinutes,
      tool: step.tool,
      // Archived steps are not in the structure: their areas are not shown.
      areas: current?.areas ?? [],
      archived: step.archivedAt !== null,
    },
    number: current ? index + 1 : null,
    total: pathway.steps.length,
    previous: current ? link(pathway.steps[index - 1]) : null,
    next: current ? link(pathway.steps[index + 1]) : null,
    completion: completion
      ? {
          id: completion.id,
          completedOn: formatLongDateIn(completion.completedAt, readerTimeZone(actor)),
          completedAt: completion.completedAt.toISOString(),
          reflection: completion.reflection,
          reflectionHtml: completion.reflectionHtml,
          evidenceUrl: completion.evidenceUrl,
          activityPlanId: completion.activityPlanId,
        }
      : null,
    enrolled,
    progress: { completed: pathway.steps.filter((s) => completions.has(s.id)).length, total: pathway.steps.length },
    canComplete: actor.kind === "member" && current !== null && (enrolled || canEnrol(actor, pathway)),
  });
}

// ─── Changes ─────────────────────────────────────────────────────────────────

type Client = Prisma.TransactionClient | PrismaClient;

/**
 * Sets or clears `completedAt` on the pathway's enrolments (one member's, or
 * everyone's) so that it is set exactly when every current step is completed.
 */
export async function syncEnrolmentCompletion(client: Client, scope: { pathwayId: string; userId?: string }) {
  const userFilter = scope.userId ? Prisma.sql`AND en."userId" = ${scope.userId}` : Prisma.empty;
  await client.$executeRaw`
    UPDATE "PathwayEnrolment" e
       SET "completedAt" = CASE WHEN x."done" THEN COALESCE(e."completedAt", now()) ELSE NULL END,
           "updatedAt" = now()
      FROM (
        SELECT en."id",
               EXISTS (SELECT 1 FROM "PathwayStep" s WHERE s."pathwayId" = en."pathwayId" AND s."archivedAt" IS NULL)
               AND NOT EXISTS (
                 SELECT 1 FROM "PathwayStep" s
                  WHERE s."pathwayId" = en."pathwayId" AND s."archivedAt" IS NULL
                    AND NOT EXISTS (SELECT 1 FROM "StepCompletion" c WHERE c."stepId" = s."id" AND c."userId" = en."userId")
               ) AS "done"
          FROM "PathwayEnrolment" en
         WHERE en."pathwayId" = ${scope.pathwayId} ${userFilter}
      ) x
     WHERE e."id" = x."id" AND (e."completedAt" IS NOT NULL) <> x."done"`;
}

/** The pathway an action is about, re-fetched and authorised. */
async function requireActionPathway(actor: MemberActor, slug: string) {
  const pathway = await prisma.pathway.findUnique({
    where: { slug },
    select: { id: true, status: true, associationId: true, enrolments: { where: { userId: actor.userId }, select: { id: true } } },
  });
  if (!pathway) return NO_SUCH_PATHWAY;
  const enrolled = pathway.enrolments.length > 0;
  const membership = await getMembership(actor, pathway.associationId);
  if (!canViewPathway(actor, pathway, { membership, enrolled })) return NO_SUCH_PATHWAY;
  return ok({ pathway, enrolled });
}

/** Enrols the member (nothing happens if they already are). Earlier completions count again. */
export async function enrol(actor: MemberActor, slug: string): Promise<Result> {
  const target = await requireActionPathway(actor, slug);
  if (!target.ok) return target;
  const { pathway, enrolled } = target.value;
  if (enrolled) return ok(null);
  if (!canEnrol(actor, pathway)) return NOT_OPEN;
  await prisma.$transaction(async (tx) => {
    await tx.pathwayEnrolment.createMany({ data: [{ userId: actor.userId, pathwayId: pathway.id }], skipDuplicates: true });
    await syncEnrolmentCompletion(tx, { pathwayId: pathway.id, userId: actor.userId });
  });
  return ok(null);
}

/** Leaves the pathway. Completed steps are kept, so enrolling again restores the progress. */
export async function leave(actor: MemberActor, slug: string): Promise<Result> {
  const target = await requireActionPathway(actor, slug);
  if (!target.ok) return target;
  await prisma.pathwayEnrolment.deleteMany({ where: { userId: actor.userId, pathwayId: target.value.pathway.id } });
  return ok(null);
}


/**
 * Completes a current step with a reflection (and optional evidence link and
 * activity plan of the member's own), enrolling the member in its pathway if
 * needed, in one transaction. Completing again updates the reflection, so a
 * double submit is harmless.
 */
export async function completeStep(
  actor: MemberActor,
  target: { slug: string; key: string },
  input: Pick<CompletionInput, "reflection" | "evidenceUrl" | "activityPlanId">,
): Promise<Result> {
  const found = await requireActionPathway(actor, target.slug);
  if (!found.ok) return found;
  const { pathway, enrolled } = found.value;
  const step = await prisma.pathwayStep.findUnique({
    where: { pathwayId_key: { pathwayId: pathway.id, key: target.key } },
    select: { id: true, archivedAt: true, tool: true },
  });
  if (!step) return NO_SUCH_STEP;
  if (step.archivedAt) return fail("conflict", "This step has been retired from the pathway and can no longer be completed.");
  if (!enrolled && !canEnrol(actor, pathway)) return NOT_OPEN;

  const activityPlanId = step.tool === "ACTIVITY_PLANNER" && input.activityPlanId ? input.activityPlanId : null;
  const fields = {
    reflection: input.reflection,
    reflectionHtml: renderMarkdown(input.reflection),
    evidenceUrl: input.evidenceUrl ?? null,
    activityPlanId,
  };
  return prisma.$transaction(async (tx): Promise<Result> => {
    if (activityPlanId) {
      // Only a plan of the member's own may be attached.
      const plan = await tx.activityPlan.findFirst({ where: { id: activityPlanId, userId: actor.userId }, select: { id: true } });
      if (!plan) {
        return fail("invalid", "Choose one of your own plans", { fieldErrors: { activityPlanId: ["Choose one of your own plans"] } });
      }
    }
    await tx.pathwayEnrolment.createMany({ data: [{ userId: actor.userId, pathwayId: pathway.id }], skipDuplicates: true });
    await tx.$executeRaw`
      INSERT INTO "StepCompletion" ("id", "userId", "stepId", "reflection", "reflectionHtml", "evidenceUrl", "activityPlanId", "completedAt", "createdAt", "updatedAt")
      VALUES (${newId()}, ${actor.userId}, ${step.id}, ${fields.reflection}, ${fields.reflectionHtml}, ${fields.evidenceUrl}, ${fields.activityPlanId}, now(), now(), now())
      ON CONFLICT ("userId", "stepId") DO UPDATE
         SET "reflection" = EXCLUDED."reflection", "reflectionHtml" = EXCLUDED."reflectionHtml",
             "evidenceUrl" = EXCLUDED."evidenceUrl", "activityPlanId" = EXCLUDED."activityPlanId", "updatedAt" = now()`;
    await syncEnrolmentCompletion(tx, { pathwayId: pathway.id, userId: actor.userId });
    return ok(null);
  });
}

/** A collision-free id for rows inserted with raw SQL (Prisma's cuid default applies only to its own inserts). */
function newId(): string {
  return `c${crypto.randomUUID().replace(/-/g, "")}`;
}

/** Undoes the member's completion of a step (nothing happens if there is none); the pathway is no longer finished. */
export async function undoCompletion(actor: MemberActor, target: { slug: string; key: string }): Promise<Result> {
  const found = await requireActionPathway(actor, target.slug);
  if (!found.ok) return found;
  const { pathway } = found.value;
  const step = await prisma.pathwayStep.findUnique({
    where: { pathwayId_key: { pathwayId: pathway.id, key: target.key } },
    select: { id: true },
  });
  if (!step) return NO_SUCH_STEP;
  await prisma.$transaction(async (tx) => {
    await tx.stepCompletion.deleteMany({ where: { userId: actor.userId, stepId: step.id } });
    await syncEnrolmentCompletion(tx, { pathwayId: pathway.id, userId: actor.userId });
  });
  return ok(null);
}

// ─── Completed steps as evidence ─────────────────────────────────────────────

