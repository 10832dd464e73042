/**
 * Taking a self-assessment: one draft per member, one step per competency
 * area, saved as the member goes; submitting freezes it. The first submitted
 * assessment is the member's baseline.
 */
import { withheldAreaKeys } from "~/domain/competencies/withheld.server";
import { hiddenAreaName } from "~/domain/competencies/policy";
import { canReadVersionText, versionsForPerson } from "~/domain/competencies/rights.server";
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import type { StepInput } from "./schemas";

/** Said when a member with several versions to choose from did not choose one. */
export const CHOOSE_VERSION_MESSAGE = "Choose the framework this assessment uses.";

/**
 * The version a new assessment uses: the one the member chose, which must be
 * one of the versions they may use (`versionsForPerson`), or their only one.
 */
async function versionForNewAssessment(actor: MemberActor, chosenVersionId: string | null): Promise<Result<string>> {
  const versions = await versionsForPerson(actor);
  if (versions.length === 0) return fail("conflict", "No competency framework is published yet.");
  if (chosenVersionId) {
    if (!versions.some((version) => version.id === chosenVersionId)) {
      return fail("invalid", "That framework isn't one you can use. Choose one of those listed.");
    }
    return ok(chosenVersionId);
  }
  if (versions.length > 1) return fail("invalid", CHOOSE_VERSION_MESSAGE);
  return ok(versions[0]!.id);
}

/** The member's draft, if any: id, framework version and where they left off. */
export function findDraft(userId: string) {
  return prisma.assessment.findUnique({
    where: { draftOwnerId: userId },
    select: { id: true, versionId: true, currentStep: true, createdAt: true },
  });
}

type Draft = NonNullable<Awaited<ReturnType<typeof findDraft>>>;

/**
 * Resumes the member's draft, or starts one against the version they chose
 * (required when they may use more than one, see `versionsForPerson`).
 */
export async function startOrResumeDraft(actor: MemberActor, chosenVersionId: string | null = null): Promise<Result<Draft>> {
  const existing = await findDraft(actor.userId);
  if (existing) return ok(existing);
  const chosen = await versionForNewAssessment(actor, chosenVersionId);
  if (!chosen.ok) return chosen;
  const versionId = chosen.value;
  try {
    return ok(
      await prisma.assessment.create({
        data: { userId: actor.userId, versionId, draftOwnerId: actor.userId },
        select: { id: true, versionId: true, currentStep: true, createdAt: true },
      }),
    );
  } catch (error) {
    // Two tabs starting at once: the unique draft owner lets one win; resume it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const draft = await findDraft(actor.userId);
      if (draft) return ok(draft);
    }
    throw error;
  }
}

/** Everything one step shows: the area, its stage descriptors, the draft's answer and the previous one. */
export async function getStep(actor: MemberActor, step: number) {
  const draft = await findDraft(actor.userId);
  if (!draft) return null;
  const [areas, stages, readable] = await Promise.all([
    prisma.competencyArea.findMany({
      where: { versionId: draft.versionId },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        name: true,
        position: true,
        summaryHtml: true,
        descriptors: { select: { stageId: true, text: true } },
      },
    }),
    prisma.proficiencyStage.findMany({
      where: { versionId: draft.versionId },
      orderBy: { position: "asc" },
      select: { id: true, slug: true, name: true, position: true },
    }),
    // A member whose licence to the draft's version ended keeps their answers, without its text.
    canReadVersionText(actor, draft.versionId),
  ]);
  const area = areas[step - 1];
  if (!area) return null;
  const [answer, previous, answeredCount] = await Promise.all([
    prisma.assessmentAnswer.findUnique({
      where: { assessmentId_areaId: { assessmentId: draft.id, areaId: area.id } },
      select: { stage: { select: { slug: true } }, targetStage: { select: { slug: true } }, evidence: true, links: true },
    }),
    // The same area (by slug) in the member's latest submitted assessment, whatever its version.
    prisma.assessmentAnswer.findFirst({
      where: {
        area: { slug: area.slug },
        assessment: { userId: actor.userId, status: "SUBMITTED" },
      },
      orderBy: { assessment: { submittedAt: "desc" } },
      select: {
        stage: { select: { name: true } },
        targetStage: { select: { name: true, position: true } },
        evidence: true,
        evidenceHtml: true,
        links: true,
        assessment: { select: { submittedAt: true } },
      },
    }),
    prisma.assessmentAnswer.count({ where: { assessmentId: draft.id, stageId: { not: null } } }),
  ]);
  const descriptorByStage = new Map(readable ? area.descriptors.map((d) => [d.stageId, d.text]) : []);
  const withheld = readable ? new Map<string, string>() : await withheldAreaKeys([area.slug]);
  return {
    draftId: draft.id,
    step,
    stepCount: areas.length,
    answeredCount,
    textHidden: !readable,
    area: readable
      ? { slug: area.slug, name: area.name, position: area.position, summaryHtml: area.summaryHtml }
      : { slug: withheld.get(area.slug) ?? area.slug, name: hiddenAreaName(area.position), position: area.position, summaryHtml: "" },
    stages: stages.map((stage) => ({ ...stage, descriptor: descriptorByStage.get(stage.id) ?? "" })),
    answer: answer
      ? {
          stage: answer.stage?.slug ?? null,
          target: answer.targetStage?.slug ?? null,
          evidence: answer.evidence,
          links: answer.links,
        }
      : null,
    previous: previous
      ? {
          stage: previous.stage?.name ?? null,
          target: previous.targetStage?.name ?? null,
          evidenceHtml: previous.evidenceHtml,
          links: previous.links,
          submittedAt: previous.assessment.submittedAt,
        }
      : null,
    /**
     * Where a reassessment starts in an area not answered yet: the previous
     * assessment's evidence, links and target (the stage at the same position
     * in this version), for the member to keep, edit or replace. Never the stage.
     */
    prefill:
      !answer && previous
        ? {
            target: stages.find((stage) => stage.position === previous.targetStage?.position)?.slug ?? null,
            evidence: previous.evidence,
            links: previous.links,
          }
        : null,
  };
}

/**
 * Saves one step's answer and moves the resume point. The one place that
 * checks the chosen stages against the draft's framework version: the route
 * only maps the result. Reads the framework once (area ids and stages).
 */
export async function saveStep(
  actor: MemberActor,
  step: number,
  input: StepInput,
  nextStep: number,
): Promise<Result<{ stepCount: number }>> {
  const draft = await findDraft(actor.userId);
  if (!draft) return fail("not-found", "You have no assessment in progress.", { why: "no-draft" });
  const [areas, stages] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId: draft.versionId }, orderBy: { position: "asc" }, select: { id: true } }),
    prisma.proficiencyStage.findMany({ where: { versionId: draft.versionId }, select: { id: true, slug: true } }),
  ]);
  const area = areas[step - 1];
  if (!area) return fail("not-found", "That step does not exist.");
  const stageId = stages.find((s) => s.slug === input.stage)?.id;
  const targetStageId = input.target ? stages.find((s) => s.slug === input.target)?.id : null;
  if (!stageId || targetStageId === undefined) {
    return failFields({
      ...(stageId ? {} : { stage: ["Choose one of the stages shown"] }),
      ...(targetStageId === undefined ? { target: ["Choose one of the stages shown, or No target"] } : {}),
    });
  }
  const evidence = input.evidence?.trim() ?? "";
  const stepCount = areas.length;
  const writes = [
    prisma.assessmentAnswer.upsert({
      where: { assessmentId_areaId: { assessmentId: draft.id, areaId: area.id } },
      create: {
        assessmentId: draft.id,
        areaId: area.id,
        stageId,
        targetStageId,
        evidence,
        evidenceHtml: renderMarkdown(evidence),
        links: input.links,
      },
      update: { stageId, targetStageId, evidence, evidenceHtml: renderMarkdown(evidence), links: input.links },
      select: { id: true },
    }),
    prisma.assessment.update({
      where: { id: draft.id },
      data: { currentStep: Math.min(Math.max(nextStep, 1), stepCount) },
      select: { id: true },
    }),
  ] as const;
  try {
    await prisma.$transaction([...writes]);
  } catch (error) {
    // Submitted in another tab between the lookup and the write: the
    // database's immutability trigger refused the change.
    if (String(error).includes("cannot be changed")) {
      return fail("conflict", "This assessment was submitted in the meantime, so it can no longer change.");
    }
    throw error;
  }
  return ok({ stepCount });
}

/** The review page: every area with the draft's answer (or none yet). */
export async function getDraftReview(actor: MemberActor) {
  const draft = await findDraft(actor.userId);
  if (!draft) return null;
  const version = await prisma.frameworkVersion.findUniqueOrThrow({
    where: { id: draft.versionId },
    select: {
      version: true,
      framework: { select: { name: true } },
      areas: {
        orderBy: { position: "asc" },
        select: {
          slug: true,
          name: true,
          position: true,
          answers: {
            where: { assessmentId: draft.id },
            select: {
              stage: { select: { name: true, position: true } },
              targetStage: { select: { name: true, position: true } },
              evidenceHtml: true,
              links: true,
            },
          },
        },
      },
    },
  });
  const readable = await canReadVersionText(actor, draft.versionId);
  const withheld = readable ? new Map<string, string>() : await withheldAreaKeys(version.areas.map((area) => area.slug));
  const areas = version.areas.map(({ answers, ...area }) => ({
    ...area,
    slug: withheld.get(area.slug) ?? area.slug,
    name: readable ? area.name : hiddenAreaName(area.position),
    answer: answers[0] ?? null,
  }));
  return {
    framework: { name: version.framework.name, version: version.version },
    areas,
    complete: areas.every((area) => area.answer?.stage),
  };
}

/**
 * Submits the draft: it becomes an immutable snapshot with its submission
 * time (`now`; the demo seed dates its members' assessments). Refused while
 * any area has no stage.
 */
export async function submitDraft(actor: MemberActor, now = new Date()): Promise<Result<{ id: string; isBaseline: boolean }>> {
  return prisma.$transaction(async (tx) => {
    const draft = await tx.assessment.findUnique({ where: { draftOwnerId: actor.userId }, select: { id: true, versionId: true } });
    if (!draft) return fail("not-found", "You have no assessment in progress.");
    const [areaCount, answered, earlier] = await Promise.all([
      tx.competencyArea.count({ where: { versionId: draft.versionId } }),
      tx.assessmentAnswer.count({ where: { assessmentId: draft.id, stageId: { not: null } } }),
      tx.assessment.count({ where: { userId: actor.userId, status: "SUBMITTED" } }),
    ]);
    if (answered < areaCount) {
      return fail("invalid", `Rate every area before submitting (${areaCount - answered} still to go).`);
    }
    // The guard on status makes a double submit a no-op instead of a second snapshot.
    const updated = await tx.assessment.updateMany({
      where: { id: draft.id, status: "DRAFT" },
      data: { status: "SUBMITTED", submittedAt: now, draftOwnerId: null, isBaseline: earlier === 0 },
    });
    if (updated.count !== 1) return fail("conflict", "This assessment was already submitted.");
    return ok({ id: draft.id, isBaseline: earlier === 0 });
  });
}

export async function discardDraft(actor: MemberActor) {
  await prisma.assessment.deleteMany({ where: { draftOwnerId: actor.userId, status: "DRAFT" } });
}
