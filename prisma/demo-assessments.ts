/**
 * Demo self-assessments for `npm run db:seed -- --demo`: every demo member
 * has a baseline and a reassessment about a year later, against the starter
 * framework, with evidence notes and target stages; one member (Sam Patel)
 * also has a submitted rating from his manager, with comments.
 *
 * The assessments go through the domain (startOrResumeDraft, saveStep,
 * submitDraft) as the member, dated `now` minus the days below; the rating
 * through the reviewer's side (acceptInvitation, submitRating). The
 * invitation itself is written here with a token the seed keeps, since the
 * real one only travels by email.
 *
 * The baselines were taken against the starter framework's previous edition
 * (DEMO_OLDER_EDITION, made here from the current one without its last area,
 * "Systems thinking", which the current edition added), the reassessments
 * against the current one: the profile shows one history across the two
 * editions of the same framework, matched area by area.
 *
 * The dates are chosen for insight (app/domain/insight): in the Great Lakes
 * network all seven members contribute today; five had assessed twelve months
 * ago, against the previous edition, so the comparison with a year ago shows
 * in every area but Systems thinking, which nobody could rate then.
 *
 * Idempotent: a member with a submitted assessment is skipped; the rating is
 * skipped when the invitation exists.
 */
import { startOrResumeDraft, saveStep, submitDraft } from "~/domain/assessments/assessments.server";
import { setCurrentFrameworkVersion } from "~/domain/competencies/import.server";
import { acceptInvitation, submitRating } from "~/domain/assessments/reviewer-ratings.server";
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { generateToken, hashToken } from "~/utils/session.server";
import { must, type DemoHandle } from "./demo-community";

const DAY_MS = 24 * 3600_000;

/** The starter framework's areas, in order (content/frameworks/cme-commons-starter/areas). */
const AREAS = [
  "adult-learning-principles",
  "educational-interventions",
  "measuring-performance",
  "collaboration",
  "administration",
  "leadership",
  "self-assessment-and-lifelong-learning",
  "systems-thinking",
] as const;
type AreaSlug = (typeof AREAS)[number];

/** Stages by position: 1 novice … 5 expert. */
const STAGES = ["novice", "advanced-beginner", "competent", "proficient", "expert"] as const;

type Snapshot = {
  daysAgo: number;
  /** Stage positions, one per area in AREAS order. */
  stages: number[];
  /** Target stage positions (0 = no target). */
  targets: number[];
  evidence: Partial<Record<AreaSlug, string>>;
  links?: Partial<Record<AreaSlug, string[]>>;
};

type DemoAssessments = { handle: DemoHandle; baseline: Snapshot; reassessment: Snapshot };

export const DEMO_ASSESSMENTS: DemoAssessments[] = [
  {
    handle: "amara-okafor",
    baseline: {
      daysAgo: 410,
      stages: [4, 4, 3, 4, 4, 3, 4, 3],
      targets: [4, 5, 4, 4, 4, 4, 4, 4],
      evidence: {
        "measuring-performance": "Our evaluations stop at satisfaction and a self-reported intent to change. I want at least two series a year measured at the level of performance.",
        leadership: "Lead a team of six; still too often the person who fixes every problem rather than the one who sets direction.",
      },
    },
    reassessment: {
      daysAgo: 45,
      stages: [4, 4, 4, 4, 4, 4, 4, 3],
      targets: [5, 5, 4, 4, 4, 5, 4, 4],
      evidence: {
        "measuring-performance": "Sepsis grand rounds measured against bundle compliance data from quality, before and three months after; the summary went to the board.",
        leadership: "Delegated the regularly scheduled series to two coordinators with their own budgets; I now run a monthly planning review instead.",
      },
      links: { "measuring-performance": ["https://example.org/demo/sepsis-series-outcomes"] },
    },
  },
  {
    handle: "grace-mensah",
    baseline: {
      daysAgo: 395,
      stages: [4, 4, 4, 5, 4, 5, 4, 4],
      targets: [4, 4, 5, 5, 4, 5, 4, 5],
      evidence: {
        leadership: "Education and quality improvement report to different vice presidents here; our projects overlap without a shared plan.",
        collaboration: "Co-chair the joint education and quality council with the chief quality officer.",
      },
    },
    reassessment: {
      daysAgo: 30,
      stages: [4, 4, 4, 5, 4, 5, 4, 5],
      targets: [4, 4, 5, 5, 4, 5, 5, 5],
      evidence: {
        "systems-thinking": "One annual plan now links the education calendar to the top five quality priorities; three series were redesigned around them.",
        "self-assessment-and-lifelong-learning": "Started a leadership coaching programme; I want to model the reflective practice I ask of my team.",
      },
    },
  },
  {
    handle: "sam-patel",
    baseline: {
      daysAgo: 380,
      stages: [3, 3, 3, 2, 2, 2, 3, 2],
      targets: [3, 4, 4, 3, 3, 3, 3, 3],
      evidence: {
        "measuring-performance": "Can build pre/post knowledge questions; have not yet linked an activity to practice data.",
        collaboration: "Work mostly alone on the data; faculty see the results only in the final report.",
      },
    },
    reassessment: {
      daysAgo: 20,
      stages: [3, 4, 4, 3, 3, 2, 3, 3],
      targets: [4, 4, 5, 4, 3, 3, 4, 3],
      evidence: {
        "measuring-performance": "Heart-failure workshop: matched case questions before and after, plus an eight-week follow-up on what learners changed in practice.",
        collaboration: "Faculty now review the case questions with me before launch, and see interim results.",
      },
      links: { "measuring-performance": ["https://example.org/demo/outcomes-summary"] },
    },
  },
  {
    handle: "priya-natarajan",
    baseline: {
      daysAgo: 372,
      stages: [3, 3, 2, 3, 4, 3, 3, 2],
      targets: [3, 4, 3, 3, 4, 4, 3, 3],
      evidence: {
        administration: "Our state-accredited program passed its last survey with no findings in documentation or disclosure.",
        "measuring-performance": "Evaluation is a paper form after each session; nobody reads the results.",
      },
    },
    reassessment: {
      daysAgo: 12,
      stages: [3, 4, 3, 3, 4, 3, 3, 3],
      targets: [4, 4, 4, 4, 5, 4, 3, 3],
      evidence: {
        "educational-interventions": "Redesigned hospital medicine day around four case workshops instead of eight lectures.",
        "measuring-performance": "Moved evaluation online with two case questions per session; the committee now reviews results each quarter.",
      },
    },
  },
  {
    handle: "daniel-reyes",
    baseline: {
      daysAgo: 368,
      stages: [1, 2, 1, 2, 3, 1, 2, 1],
      targets: [2, 3, 2, 3, 3, 2, 3, 2],
      evidence: {
        administration: "Ten years of conference logistics: venues, budgets, speakers' travel and registration.",
        "educational-interventions": "Still learning the difference between a practice gap and an educational need.",
      },
    },
    reassessment: {
      daysAgo: 5,
      stages: [2, 2, 2, 2, 3, 1, 2, 2],
      targets: [3, 3, 3, 3, 4, 2, 3, 2],
      evidence: {
        "educational-interventions": "Drafted the needs assessment for the relaunched grand rounds from quality data (sepsis bundle, medication reconciliation).",
        "measuring-performance": "Added matched case questions to two sessions, using a template shared in the community forum.",
      },
    },
  },
  {
    handle: "tomas-alvarez",
    baseline: {
      daysAgo: 358,
      stages: [2, 2, 1, 3, 3, 2, 2, 2],
      targets: [3, 3, 2, 3, 4, 2, 3, 2],
      evidence: {
        collaboration: "Work closely with the simulation centre and three clinical departments on skills days.",
        "measuring-performance": "We only count attendance; I would like to measure something about what people do afterwards.",
      },
    },
    reassessment: {
      daysAgo: 8,
      stages: [2, 3, 2, 3, 3, 2, 3, 2],
      targets: [3, 3, 3, 4, 4, 3, 3, 3],
      evidence: {
        "educational-interventions": "Rewrote the objectives of the central line skills day so each one names an observable behaviour.",
        "self-assessment-and-lifelong-learning": "Finished the newcomer pathway here and keep a monthly learning log.",
      },
    },
  },
  {
    handle: "hannah-brooks",
    baseline: {
      daysAgo: 350,
      stages: [2, 2, 2, 2, 1, 1, 3, 2],
      targets: [3, 3, 3, 3, 2, 2, 3, 3],
      evidence: {
        "adult-learning-principles": "Precepted pharmacy students for five years; new to designing education for practising clinicians.",
        administration: "Have not yet handled disclosure collection or the records an accreditor expects.",
      },
    },
    reassessment: {
      daysAgo: 3,
      stages: [3, 3, 2, 3, 2, 2, 3, 2],
      targets: [4, 3, 3, 4, 3, 2, 4, 3],
      evidence: {
        collaboration: "Co-planned the interprofessional anticoagulation series with a nurse educator and a hospitalist.",
        administration: "Ran the disclosure review for the anticoagulation series, with mitigation recorded before the first planning meeting.",
      },
    },
  },
  {
    handle: "ingrid-larsen",
    baseline: {
      daysAgo: 400,
      stages: [3, 3, 3, 3, 4, 3, 3, 3],
      targets: [3, 3, 4, 4, 5, 4, 3, 3],
      evidence: {
        administration: "Own the society's accreditation files and the annual activity reporting.",
        collaboration: "The joint meeting with our European partners needs two credit systems in one programme.",
      },
    },
    reassessment: {
      daysAgo: 35,
      stages: [3, 3, 3, 4, 5, 3, 3, 3],
      targets: [4, 3, 4, 4, 5, 4, 4, 3],
      evidence: {
        administration: "Audited two activity files against the first three standards and changed how we record mitigation.",
        collaboration: "Agreed one planning timeline with our European partners, with each side's credit rules written into it.",
      },
    },
  },
  {
    handle: "wei-chen",
    baseline: {
      daysAgo: 385,
      stages: [3, 3, 3, 3, 2, 2, 3, 3],
      targets: [3, 4, 4, 3, 3, 3, 3, 4],
      evidence: {
        "measuring-performance": "Our platform records completions, not what learners answered; outcome reports are assembled by hand.",
        leadership: "Lead a team of two developers; no budget responsibility yet.",
      },
    },
    reassessment: {
      daysAgo: 25,
      stages: [3, 3, 4, 3, 3, 3, 3, 4],
      targets: [4, 4, 4, 4, 3, 4, 3, 4],
      evidence: {
        "measuring-performance": "Case answers and confidence ratings are now stored per learner, so pre/post reports come straight from the platform.",
        "systems-thinking": "Connected the disclosure form to a review queue with the reviewer's decision and date kept for audits.",
      },
    },
  },
];

/** The manager's rating of Sam Patel, given after his reassessment. */
const DEMO_RATING = {
  reviewee: "sam-patel" as DemoHandle,
  reviewer: "wei-chen" as DemoHandle,
  email: "wei.chen@demo.cme-commons.org",
  daysAgo: 14,
  message: "Could you rate me before our annual review? The same areas I rated myself on.",
  stages: [3, 4, 4, 3, 3, 2, 4, 3],
  comments: {
    "educational-interventions": "Designed the case-based format of the heart-failure workshop with faculty, not just its evaluation.",
    "measuring-performance": "The eight-week follow-up is the best outcomes work our team has produced; ready to teach others how to do it.",
    leadership: "Next step: lead a project end to end, including the conversation with the grant's funder.",
    "self-assessment-and-lifelong-learning": "Asks for feedback early and acts on it; rates himself lower than I would.",
  } as Partial<Record<AreaSlug, string>>,
};

/** A fixed time of day for dated events (the seed is deterministic apart from `now`). */
function at(now: Date, daysAgo: number) {
  const date = new Date(now.getTime() - daysAgo * DAY_MS);
  date.setUTCHours(15, 0, 0, 0);
  return date;
}

/** The edition the baselines were taken against: the current one without its last area. */
export const DEMO_OLDER_EDITION = { version: "2025.1", without: "systems-thinking" as AreaSlug };

/**
 * The starter framework's previous edition, as a copy of the current version
 * (stages, areas, descriptors) without DEMO_OLDER_EDITION.without. Null when
 * the current version is not the starter framework's or already has that name.
 */
async function ensureOlderEdition(): Promise<{ id: string; currentId: string } | null> {
  const settings = await prisma.siteSettings.findUnique({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  if (!settings?.currentFrameworkVersionId) return null;
  const current = await prisma.frameworkVersion.findUniqueOrThrow({
    where: { id: settings.currentFrameworkVersionId },
    select: {
      id: true,
      frameworkId: true,
      version: true,
      introduction: true,
      introductionHtml: true,
      attribution: true,
      sourceUrl: true,
      stages: { orderBy: { position: "asc" }, select: { id: true, position: true, slug: true, name: true, summary: true } },
      areas: {
        orderBy: { position: "asc" },
        select: { slug: true, name: true, position: true, summary: true, summaryHtml: true, descriptors: { select: { stageId: true, text: true } } },
      },
    },
  });
  const slugs = current.areas.map((area) => area.slug);
  if (current.version === DEMO_OLDER_EDITION.version || slugs.join() !== AREAS.join()) return null;
  const existing = await prisma.frameworkVersion.findUnique({
    where: { frameworkId_version: { frameworkId: current.frameworkId, version: DEMO_OLDER_EDITION.version } },
    select: { id: true },
  });
  if (existing) return { id: existing.id, currentId: current.id };
  return prisma.$transaction(async (tx) => {
    const older = await tx.frameworkVersion.create({
      data: {
        frameworkId: current.frameworkId,
        version: DEMO_OLDER_EDITION.version,
        status: "PUBLISHED",
        introduction: current.introduction,
        introductionHtml: current.introductionHtml,
        attribution: current.attribution,
        sourceUrl: current.sourceUrl,
        contentHash: "demo-previous-edition",
        stages: { create: current.stages.map(({ id: _id, ...stage }) => stage) },
      },
      select: { id: true, stages: { select: { id: true, position: true } } },
    });
    const stageAt = new Map(older.stages.map((stage) => [stage.position, stage.id]));
    const positionOf = new Map(current.stages.map((stage) => [stage.id, stage.position]));
    for (const area of current.areas.filter((area) => area.slug !== DEMO_OLDER_EDITION.without)) {
      await tx.competencyArea.create({
        data: {
          versionId: older.id,
          slug: area.slug,
          name: area.name,
          position: area.position,
          summary: area.summary,
          summaryHtml: area.summaryHtml,
          descriptors: {
            create: area.descriptors.map((descriptor) => ({ stageId: stageAt.get(positionOf.get(descriptor.stageId)!)!, text: descriptor.text })),
          },
        },
        select: { id: true },
      });
    }
    return { id: older.id, currentId: current.id };
  });
}

/** Setting the site's default version (its refusals carry problems, not one message). */
function mustSwitch(outcome: Awaited<ReturnType<typeof setCurrentFrameworkVersion>>, what: string) {
  if (!outcome.ok) throw new Error(`${what}: ${JSON.stringify(outcome)}`);
}

async function submitSnapshot(actor: MemberActor, snapshot: Snapshot, now: Date, areas: readonly AreaSlug[] = AREAS) {
  const submittedAt = at(now, snapshot.daysAgo);
  const draft = must(await startOrResumeDraft(actor), `${actor.handle} starting an assessment`);
  for (const [index, area] of areas.entries()) {
    const target = snapshot.targets[index]!;
    const evidence = snapshot.evidence[area] ?? "";
    must(
      await saveStep(
        actor,
        index + 1,
        {
          intent: "save",
          stage: STAGES[snapshot.stages[index]! - 1]!,
          ...(target > 0 ? { target: STAGES[target - 1]! } : {}),
          evidence,
          links: snapshot.links?.[area] ?? [],
        },
        index + 2,
      ),
      `${actor.handle} rating ${area}`,
    );
  }
  // Started the evening before it was submitted (a draft's dates may still change).
  await prisma.assessment.update({
    where: { id: draft.id },
    data: { createdAt: new Date(submittedAt.getTime() - DAY_MS) },
    select: { id: true },
  });
  must(await submitDraft(actor, submittedAt), `${actor.handle} submitting an assessment`);
}

/** Seeds the demo assessments and the rating; returns report lines. */
export async function seedDemoAssessments(actors: Map<DemoHandle, MemberActor>, now: Date): Promise<string[]> {
  const submitted = await prisma.assessment.groupBy({
    by: ["userId"],
    where: { userId: { in: [...actors.values()].map((actor) => actor.userId) }, status: "SUBMITTED" },
    _count: { _all: true },
  });
  const already = new Set(submitted.map((row) => row.userId));
  const todo = DEMO_ASSESSMENTS.filter((entry) => !already.has(actors.get(entry.handle)!.userId));
  if (todo.length === 0) return ["demo: assessments already there", await seedDemoRating(actors, now)];
  // The baselines against the previous edition: it is the site's default while they are taken, then retired.
  const older = await ensureOlderEdition();
  if (older) mustSwitch(await setCurrentFrameworkVersion(older.id), "using the previous edition");
  try {
    for (const entry of todo) {
      await submitSnapshot(actors.get(entry.handle)!, entry.baseline, now, older ? AREAS.filter((area) => area !== DEMO_OLDER_EDITION.without) : AREAS);
    }
  } finally {
    if (older) {
      mustSwitch(await setCurrentFrameworkVersion(older.currentId), "back to the current edition");
      await prisma.frameworkVersion.update({ where: { id: older.id }, data: { status: "RETIRED" }, select: { id: true } });
    }
  }
  for (const entry of todo) await submitSnapshot(actors.get(entry.handle)!, entry.reassessment, now);
  return [`demo: ${todo.length * 2} assessment(s) added`, await seedDemoRating(actors, now)];
}

async function seedDemoRating(actors: Map<DemoHandle, MemberActor>, now: Date): Promise<string> {
  const reviewee = actors.get(DEMO_RATING.reviewee)!;
  const reviewer = actors.get(DEMO_RATING.reviewer)!;
  const existing = await prisma.reviewerInvitation.findFirst({
    where: { revieweeId: reviewee.userId, email: DEMO_RATING.email },
    select: { id: true },
  });
  if (existing) return "demo: reviewer rating already there";
  const sentAt = at(now, DEMO_RATING.daysAgo);
  const ratedAt = new Date(sentAt.getTime() + 2 * DAY_MS);
  const token = generateToken();
  await prisma.reviewerInvitation.create({
    data: {
      id: hashToken(token),
      revieweeId: reviewee.userId,
      email: DEMO_RATING.email,
      message: DEMO_RATING.message,
      createdAt: sentAt,
      expiresAt: new Date(sentAt.getTime() + 14 * DAY_MS),
    },
    select: { id: true },
  });
  const { ratingId } = must(await acceptInvitation(reviewer, token, new Date(sentAt.getTime() + DAY_MS)), "accepting the demo rating");
  must(
    await submitRating(
      reviewer,
      ratingId,
      AREAS.map((area, index) => ({ areaSlug: area, stage: STAGES[DEMO_RATING.stages[index]! - 1]!, comment: DEMO_RATING.comments[area] ?? "" })),
      ratedAt,
    ),
    "submitting the demo rating",
  );
  return "demo: 1 reviewer rating added";
}
