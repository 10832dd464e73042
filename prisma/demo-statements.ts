/**
 * Demo identity statements and moderation for `npm run db:seed -- --demo`:
 * four statements in the Great Lakes network, one at each stage of the
 * lifecycle (a draft, an open one with signals and signatures, one adopted
 * when it reached its signature threshold, and one its author archived after
 * members had signalled and signed), and a flagged reply waiting in the
 * network's moderation queue.
 *
 * Everything goes through the statements and flags domain as the members.
 * Idempotent: a statement is skipped when its author already has one with
 * that title; flagging the same post again changes nothing.
 */
import { flagPost } from "~/domain/discussions/flags.server";
import type { MemberActor } from "~/domain/members/actor";
import { archiveStatement, createStatement, endorse, openStatement, setSignal } from "~/domain/statements/statements.server";
import type { SignalKindName } from "~/domain/statements/schemas";
import { prisma } from "~/utils/db.server";
import { must, type DemoHandle } from "./demo-community";

const SCOPE = "great-lakes-hospital-cme";

type DemoStatement = {
  by: DemoHandle;
  stage: "DRAFT" | "OPEN" | "ADOPTED" | "ARCHIVED";
  title: string;
  text: string;
  rationale: string;
  areas: string[];
  threshold?: number;
  signals: Partial<Record<DemoHandle, SignalKindName>>;
  signatures: DemoHandle[];
};

export const DEMO_STATEMENTS: DemoStatement[] = [
  {
    by: "daniel-reyes",
    stage: "DRAFT",
    title: "What a regularly scheduled series owes its learners",
    text: "A regularly scheduled series in our hospitals should be more than a standing time slot. Each year its planners name the practice gaps it addresses, check that sessions still match them, and tell learners what changed because of their feedback.",
    rationale: "A first draft for the network to react to once it is open. Comments welcome from anyone who runs grand rounds or case conferences.",
    areas: ["educational-interventions"],
    signals: {},
    signatures: [],
  },
  {
    by: "amara-okafor",
    stage: "OPEN",
    title: "Financial relationships are reviewed before planning starts",
    text: "Before a planning committee meets for the first time, everyone on it has disclosed their financial relationships with ineligible companies, and any relevant relationship has been mitigated. The review is the first item of the first meeting, recorded with who decided and when.",
    rationale: "Several of us found that relationships were reviewed the week before the activity, long after the planners had chosen topics and faculty. This statement sets the order we want to work in.",
    areas: ["administration", "leadership"],
    signals: {
      "grace-mensah": "AGREE",
      "sam-patel": "AGREE",
      "priya-natarajan": "AGREE",
      "hannah-brooks": "AGREE",
      "tomas-alvarez": "UNSURE",
      "daniel-reyes": "DISAGREE",
    },
    signatures: ["grace-mensah", "priya-natarajan"],
  },
  {
    by: "grace-mensah",
    stage: "ADOPTED",
    title: "Education in our hospitals starts from a practice gap",
    text: "Every accredited activity our members plan starts from a practice gap described in a sentence or two: what clinicians do now, what they should be doing, and the evidence for both. Topics, formats and speakers are chosen after that, not before.",
    rationale: "The quality data our hospitals already collect are the best source of gaps. Naming the gap first also tells us what to measure afterwards.",
    areas: ["educational-interventions", "measuring-performance"],
    threshold: 3,
    signals: {
      "amara-okafor": "AGREE",
      "sam-patel": "AGREE",
      "priya-natarajan": "AGREE",
      "daniel-reyes": "AGREE",
      "tomas-alvarez": "UNSURE",
    },
    signatures: ["amara-okafor", "sam-patel", "priya-natarajan"],
  },
  {
    by: "sam-patel",
    stage: "ARCHIVED",
    title: "Satisfaction forms are not outcome measures",
    text: "A form asking whether learners liked the speaker tells us about the session, not about practice. Our network reports outcomes only from measures of competence or performance, and labels satisfaction results as such.",
    rationale: "Archived by its author: the practice-gap statement covers what to measure, and a separate statement on outcome reporting will follow.",
    areas: ["measuring-performance"],
    signals: {
      "amara-okafor": "AGREE",
      "grace-mensah": "AGREE",
      "priya-natarajan": "UNSURE",
      "tomas-alvarez": "AGREE",
      "hannah-brooks": "DISAGREE",
    },
    signatures: ["amara-okafor"],
  },
];

/** The reply that names a patient, flagged by a member for the network's moderators. */
export const DEMO_FLAG = {
  thread: "Our M&M conference moved to noon and attendance halved: what worked for you?",
  postNumber: 2,
  by: "sam-patel" as DemoHandle,
  note: "This reply names a patient, his room and his admission date. Could a moderator remove those details?",
};

async function seedStatement(spec: DemoStatement, actors: Map<DemoHandle, MemberActor>): Promise<boolean> {
  const author = actors.get(spec.by)!;
  const existing = await prisma.statement.findFirst({ where: { authorId: author.userId, title: spec.title }, select: { id: true } });
  if (existing) return false;
  const { id } = must(
    await createStatement(author, {
      scope: SCOPE,
      title: spec.title,
      text: spec.text,
      rationale: spec.rationale,
      areaSlugs: spec.areas,
      endorsementThreshold: spec.threshold,
    }),
    `statement “${spec.title}”`,
  );
  if (spec.stage === "DRAFT") return true;
  must(await openStatement(author, id), `opening “${spec.title}”`);
  for (const [handle, kind] of Object.entries(spec.signals)) {
    must(await setSignal(actors.get(handle as DemoHandle)!, id, kind), `${handle} signalling on “${spec.title}”`);
  }
  for (const handle of spec.signatures) {
    must(await endorse(actors.get(handle)!, id, ""), `${handle} signing “${spec.title}”`);
  }
  if (spec.stage === "ARCHIVED") must(await archiveStatement(author, id), `archiving “${spec.title}”`);
  return true;
}

/** Seeds the demo statements and the waiting flag; returns report lines. */
export async function seedDemoStatements(actors: Map<DemoHandle, MemberActor>): Promise<string[]> {
  let added = 0;
  for (const spec of DEMO_STATEMENTS) {
    if (await seedStatement(spec, actors)) added++;
  }
  const post = await prisma.post.findFirst({
    where: { number: DEMO_FLAG.postNumber, thread: { title: DEMO_FLAG.thread, forum: { slug: SCOPE } } },
    select: { id: true },
  });
  const flagged = post
    ? must(await flagPost(actors.get(DEMO_FLAG.by)!, { postId: post.id, reason: "OTHER", note: DEMO_FLAG.note }), "flagging the demo reply")
    : null;
  return [
    `demo: ${added} statement(s) added, ${DEMO_STATEMENTS.length - added} already there`,
    flagged ? "demo: a flagged reply waits for the Great Lakes moderators" : "demo: flag skipped (its thread is missing)",
  ];
}
