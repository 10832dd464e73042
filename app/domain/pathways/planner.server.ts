/**
 * The mock-activity planner: a member's private activity plans.
 *
 * Plans are seen and changed by their owner only: every read and write here
 * is keyed on the actor's user id, so anyone else finds nothing (404).
 *
 * The stored worksheet is the planner's worksheet (./planner) plus one
 * bookkeeping key, `stepId`: the pathway step the plan was started from, so
 * the editor can link back to it. It is set at creation and kept by saves.
 */
import type { Prisma } from "~/generated/prisma/client";
import { getMembership } from "~/domain/associations/memberships.server";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { PLAN_SECTIONS, readWorksheet, titleSchema, worksheetSchema, type PlanSectionId, type Worksheet } from "./planner";
import { canViewPathway } from "./policy";

/** At most this many plans are listed (a member keeps a handful). */
const LIST_LIMIT = 200;

/** The member's plans, most recently edited first (uses ActivityPlan(userId, updatedAt)). */
export async function listActivityPlans(userId: string): Promise<{ id: string; title: string; updatedAt: Date }[]> {
  return prisma.activityPlan.findMany({
    where: { userId },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { id: true, title: true, updatedAt: true },
    take: LIST_LIMIT,
  });
}

export type ActivityPlanView = {
  id: string;
  title: string;
  worksheet: Worksheet;
  /** The pathway step the plan was started from, if any. */
  stepId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function storedStepId(stored: unknown): string | null {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return null;
  const stepId = (stored as Record<string, unknown>).stepId;
  return typeof stepId === "string" && stepId.length > 0 && stepId.length <= 64 ? stepId : null;
}

const toStored = (worksheet: Worksheet, stepId: string | null): Prisma.InputJsonObject =>
  stepId ? { ...worksheet, stepId } : { ...worksheet };

/** The actor's own plan, or null (no such plan, or someone else's). */
export async function getActivityPlan(actor: Actor, id: string): Promise<ActivityPlanView | null> {
  if (actor.kind !== "member") return null;
  const row = await prisma.activityPlan.findFirst({
    where: { id, userId: actor.userId },
    select: { id: true, title: true, worksheet: true, createdAt: true, updatedAt: true },
  });
  if (!row) return null;
  return { ...row, worksheet: readWorksheet(row.worksheet), stepId: storedStepId(row.worksheet) };
}

/**
 * A pathway step the actor may see, with the address of its page, or null
 * (no such step, archived, or in a pathway the actor may not see).
 */
export async function findPlannerStep(
  actor: Actor,
  stepId: string,
): Promise<{ id: string; title: string; pathwayTitle: string; href: string } | null> {
  if (!stepId || stepId.length > 64) return null;
  const userId = actor.kind === "member" ? actor.userId : "";
  const step = await prisma.pathwayStep.findUnique({
    where: { id: stepId },
    select: {
      key: true,
      title: true,
      archivedAt: true,
      pathway: {
        select: {
          slug: true,
          title: true,
          status: true,
          associationId: true,
          enrolments: { where: { userId }, select: { id: true }, take: 1 },
        },
      },
    },
  });
  if (!step || step.archivedAt) return null;
  const { pathway } = step;
  const membership = pathway.status === "PUBLISHED" ? null : await getMembership(actor, pathway.associationId);
  if (!canViewPathway(actor, pathway, { membership, enrolled: pathway.enrolments.length > 0 })) return null;
  return {
    id: stepId,
    title: step.title,
    pathwayTitle: pathway.title,
    href: `/pathways/${pathway.slug}/steps/${step.key}`,
  };
}

/**
 * Starts an empty plan. A step id is remembered only when it names a step
 * the member may see; otherwise it is ignored.
 */
export async function createActivityPlan(
  actor: MemberActor,
  input: { title: string; stepId?: string | null },
): Promise<{ id: string }> {
  const title = titleSchema.parse(input.title);
  const step = input.stepId ? await findPlannerStep(actor, input.stepId) : null;
  return prisma.activityPlan.create({
    data: { userId: actor.userId, title, worksheet: toStored({}, step?.id ?? null) },
    select: { id: true },
  });
}

/**
 * Saves one section of the actor's own plan: its fields are replaced by
 * `input` (a field absent there is cleared), every other field, the title
 * unless the section has it, and the step the plan was started from are kept.
 * The row is locked while it is read and written, so two sections saved at
 * once (two tabs) both stick. Null when the plan is not the actor's.
 */
export async function saveActivityPlanSection(
  actor: MemberActor,
  id: string,
  sectionId: PlanSectionId,
  input: { title?: string; worksheet: Worksheet },
): Promise<{ updatedAt: Date } | null> {
  const fields: readonly string[] = PLAN_SECTIONS.find((section) => section.id === sectionId)!.fields;
  const name = fields.includes("title") ? titleSchema.parse(input.title) : undefined;
  const changes: Record<string, unknown> = worksheetSchema.parse(input.worksheet);
  return prisma.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ worksheet: unknown }[]>`
      SELECT worksheet FROM "ActivityPlan" WHERE id = ${id} AND "userId" = ${actor.userId} FOR UPDATE`;
    if (!current) return null;
    const worksheet: Record<string, unknown> = { ...readWorksheet(current.worksheet) };
    for (const field of fields) {
      if (field === "title") continue;
      if (changes[field] === undefined) delete worksheet[field];
      else worksheet[field] = changes[field];
    }
    return tx.activityPlan.update({
      where: { id },
      data: { ...(name === undefined ? {} : { title: name }), worksheet: toStored(worksheet, storedStepId(current.worksheet)) },
      select: { updatedAt: true },
    });
  });
}

/** Deletes the actor's own plan (a step completion it was attached to keeps its reflection). */
export async function deleteActivityPlan(actor: MemberActor, id: string): Promise<boolean> {
  const { count } = await prisma.activityPlan.deleteMany({ where: { id, userId: actor.userId } });
  return count > 0;
}
