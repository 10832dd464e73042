/**
 * Everything the site holds about a member, for them to download (Settings →
 * Account): their account and email settings, profile, memberships,
 * assessments, reviewer ratings, share links, pathways, plans, threads and
 * posts, statements (written, co-written, versions, suggestions, signals and
 * endorsements), reactions, flags, watches and notifications. One query per
 * kind of record, each selecting the member's own rows only; other members
 * appear by their public name and handle at most.
 */
import { prisma } from "~/utils/db.server";

export type MemberData = Awaited<ReturnType<typeof collectMemberData>>;

export async function collectMemberData(userId: string, now = new Date()) {
  const name = { select: { profile: { select: { displayName: true, handle: true } } } } as const;
  const [
    account,
    memberships,
    joinRequests,
    assessments,
    ratingsReceived,
    ratingsGiven,
    shareLinks,
    enrolments,
    stepCompletions,
    plans,
    threads,
    posts,
    statements,
    coauthored,
    versions,
    suggestions,
    signals,
    endorsements,
    reactions,
    flags,
    watches,
    notifications,
  ] = await Promise.all([
    prisma.user.findUnique({
      where: { id: userId },
      select: {
        email: true,
        role: true,
        createdAt: true,
        emailConfirmedAt: true,
        onboardedAt: true,
        emailFrequency: true,
        emailVisibleToOwners: true,
        profile: {
          select: {
            handle: true,
            displayName: true,
            jobTitle: true,
            organization: true,
            organizationType: true,
            roleArchetype: true,
            careerLevel: true,
            professionalVisibility: true,
            background: true,
            yearsInField: true,
            credentials: true,
            accreditationSystem: true,
            backgroundVisibility: true,
            bio: true,
            bioVisibility: true,
            competencyVisibility: true,
            countInInsight: true,
            photoHash: true,
            photoVisibility: true,
            featuredStatement: { select: { title: true } },
            createdAt: true,
            updatedAt: true,
          },
        },
      },
    }),
    prisma.associationMembership.findMany({
      where: { userId },
      orderBy: { joinedAt: "asc" },
      select: { role: true, joinedAt: true, externalId: true, memberSince: true, association: { select: { name: true, slug: true } } },
    }),
    prisma.associationJoinRequest.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { status: true, createdAt: true, decidedAt: true, association: { select: { name: true } } },
    }),
    prisma.assessment.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        status: true,
        isBaseline: true,
        submittedAt: true,
        createdAt: true,
        version: { select: { version: true, framework: { select: { name: true } } } },
        answers: {
          orderBy: { area: { position: "asc" } },
          select: {
            area: { select: { name: true } },
            stage: { select: { position: true, name: true } },
            targetStage: { select: { position: true, name: true } },
            evidence: true,
            links: true,
          },
        },
      },
    }),
    prisma.reviewerRating.findMany({
      where: { revieweeId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        reviewerName: true,
        submittedAt: true,
        answers: { select: { area: { select: { name: true } }, stage: { select: { position: true, name: true } }, comment: true } },
      },
    }),
    prisma.reviewerRating.findMany({
      where: { reviewerId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        submittedAt: true,
        reviewee: name,
        answers: { select: { area: { select: { name: true } }, stage: { select: { position: true, name: true } }, comment: true } },
      },
    }),
    prisma.competencyShareLink.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { label: true, createdAt: true, expiresAt: true, revokedAt: true },
    }),
    prisma.pathwayEnrolment.findMany({
      where: { userId },
      orderBy: { enrolledAt: "asc" },
      select: { enrolledAt: true, completedAt: true, pathway: { select: { title: true } } },
    }),
    prisma.stepCompletion.findMany({
      where: { userId },
      orderBy: { completedAt: "asc" },
      select: { completedAt: true, reflection: true, evidenceUrl: true, step: { select: { title: true, pathway: { select: { title: true } } } } },
    }),
    prisma.activityPlan.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { title: true, worksheet: true, createdAt: true, updatedAt: true },
    }),
    prisma.thread.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { title: true, kind: true, tags: true, createdAt: true, deletedAt: true, category: { select: { name: true } } },
    }),
    prisma.post.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { number: true, body: true, createdAt: true, editedAt: true, deletedAt: true, thread: { select: { title: true } } },
    }),
    prisma.statement.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { title: true, rationale: true, status: true, createdAt: true },
    }),
    prisma.statementCoauthor.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, statement: { select: { title: true } } },
    }),
    prisma.statementVersion.findMany({
      where: { writtenById: userId },
      orderBy: { createdAt: "asc" },
      select: { number: true, text: true, note: true, createdAt: true, statement: { select: { title: true } } },
    }),
    prisma.statementSuggestion.findMany({
      where: { authorId: userId },
      orderBy: { createdAt: "asc" },
      select: { text: true, note: true, status: true, createdAt: true, statement: { select: { title: true } } },
    }),
    prisma.statementSignal.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, version: true, updatedAt: true, statement: { select: { title: true } } },
    }),
    prisma.statementEndorsement.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { version: true, note: true, createdAt: true, statement: { select: { title: true } } },
    }),
    prisma.postReaction.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, post: { select: { number: true, thread: { select: { title: true } } } } },
    }),
    prisma.postFlag.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { reason: true, note: true, createdAt: true, resolvedAt: true, post: { select: { number: true, thread: { select: { title: true } } } } },
    }),
    prisma.categoryWatch.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, category: { select: { name: true } } },
    }),
    prisma.notification.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, data: true, createdAt: true, readAt: true },
    }),
  ]);
  if (!account) return null;
  const { profile, ...user } = account;
  const person = (who: { profile: { displayName: string; handle: string } | null } | null) =>
    who?.profile ? `${who.profile.displayName} (@${who.profile.handle})` : "a former member";
  const at = (post: { number: number; thread: { title: string } }) => `${post.thread.title}, post #${post.number}`;
  return {
    exportedAt: now.toISOString(),
    account: user,
    emailSettings: { frequency: user.emailFrequency, visibleToAssociationOwners: user.emailVisibleToOwners },
    profile: profile ? { ...profile, featuredStatement: profile.featuredStatement?.title ?? null } : null,
    memberships: memberships.map(({ association, ...membership }) => ({ association: association.name, ...membership })),
    joinRequests: joinRequests.map(({ association, ...request }) => ({ association: association.name, ...request })),
    assessments: assessments.map(({ version, answers, ...assessment }) => ({
      framework: `${version.framework.name} ${version.version}`,
      ...assessment,
      areas: answers.map((answer) => ({
        area: answer.area.name,
        stage: answer.stage ? `${answer.stage.position}. ${answer.stage.name}` : null,
        target: answer.targetStage ? `${answer.targetStage.position}. ${answer.targetStage.name}` : null,
        evidence: answer.evidence,
        links: answer.links,
      })),
    })),
    reviewerRatingsReceived: ratingsReceived.map((rating) => ({
      reviewer: rating.reviewerName,
      submittedAt: rating.submittedAt,
      areas: rating.answers.map((answer) => ({ area: answer.area.name, stage: answer.stage?.name ?? "Not observed", comment: answer.comment })),
    })),
    reviewerRatingsGiven: ratingsGiven.map((rating) => ({
      for: person(rating.reviewee),
      submittedAt: rating.submittedAt,
      areas: rating.answers.map((answer) => ({ area: answer.area.name, stage: answer.stage?.name ?? "Not observed", comment: answer.comment })),
    })),
    shareLinks,
    pathways: enrolments.map(({ pathway, ...enrolment }) => ({ pathway: pathway.title, ...enrolment })),
    stepsCompleted: stepCompletions.map(({ step, ...completion }) => ({ pathway: step.pathway.title, step: step.title, ...completion })),
    plans,
    threadsStarted: threads.map(({ category, ...thread }) => ({ category: category.name, ...thread })),
    posts: posts.map(({ thread, ...post }) => ({ thread: thread.title, ...post })),
    statementsProposed: statements,
    statementsCoauthored: coauthored.map((row) => ({ statement: row.statement.title, since: row.createdAt })),
    statementVersionsWritten: versions.map(({ statement, ...version }) => ({ statement: statement.title, ...version })),
    statementSuggestions: suggestions.map(({ statement, ...suggestion }) => ({ statement: statement.title, ...suggestion })),
    statementSignals: signals.map(({ statement, ...signal }) => ({ statement: statement.title, ...signal })),
    endorsements: endorsements.map(({ statement, ...endorsement }) => ({ statement: statement.title, ...endorsement })),
    helpfulReactions: reactions.map((reaction) => ({ post: at(reaction.post), at: reaction.createdAt })),
    flagsRaised: flags.map(({ post, ...flag }) => ({ post: at(post), ...flag })),
    categoriesWatched: watches.map((watch) => ({ category: watch.category.name, since: watch.createdAt })),
    notifications,
  };
}
