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
    goals,
    commitments,
    chcpCredential,
    chcpEntries,
    mentoringPreference,
    mentorships,
    signInIdentities,
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
        mailingListMode: true,
        reminderEmails: true,
        timeZone: true,
        goalsForReviewers: true,
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
            commitmentsInInsight: true,
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
      select: {
        role: true,
        joinedAt: true,
        externalId: true,
        memberSince: true,
        association: { select: { name: true, slug: true } },
        // Taking part in the association's mentoring program (null: not taking part).
        mentoringProgram: { select: { asMentor: true, asMentee: true, joinedAt: true } },
      },
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
    prisma.goal.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        title: true,
        outcome: true,
        dueOn: true,
        areaSlugs: true,
        status: true,
        endedAt: true,
        reflection: true,
        createdAt: true,
        links: { orderBy: { createdAt: "asc" }, select: { kind: true, label: true, url: true, createdAt: true } },
        notes: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true } },
        comments: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true, reviewerName: true } },
      },
    }),
    prisma.commitment.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: {
        text: true,
        madeOn: true,
        goal: { select: { title: true } },
        step: { select: { title: true, pathway: { select: { title: true } } } },
        checkIns: { orderBy: { afterDays: "asc" }, select: { afterDays: true, dueOn: true, answer: true, obstacle: true, answeredAt: true } },
      },
    }),
    prisma.chcpCredential.findUnique({ where: { userId }, select: { earnedOn: true, cycleStartOn: true, expiresOn: true } }),
    prisma.chcpEntry.findMany({
      where: { userId },
      orderBy: { occurredOn: "asc" },
      select: { kind: true, occurredOn: true, hours: true, years: true, description: true, evidence: true },
    }),
    prisma.mentoringPreference.findUnique({
      where: { userId },
      select: {
        offering: true,
        offerAreas: true,
        capacity: true,
        offerNote: true,
        offerPausedAt: true,
        seeking: true,
        seekAreas: true,
        hopes: true,
        seekPausedAt: true,
      },
    }),
    // The conversations the member took part in, with every message in them (both people's).
    prisma.mentorship.findMany({
      where: { OR: [{ mentorId: userId }, { menteeId: userId }] },
      orderBy: { createdAt: "asc" },
      select: {
        mentorId: true,
        mentor: name,
        mentee: name,
        status: true,
        areas: true,
        message: true,
        decisionNote: true,
        schedule: true,
        nextMeetingOn: true,
        endedAt: true,
        mentorReflection: true,
        menteeReflection: true,
        createdAt: true,
        messages: { orderBy: { createdAt: "asc" }, select: { body: true, createdAt: true, author: name } },
        // The member's own goals they shared with the space (the other member's are theirs).
        sharedGoals: { where: { goal: { userId } }, orderBy: { sharedAt: "asc" }, select: { sharedAt: true, goal: { select: { title: true } } } },
      },
    }),
    prisma.ssoIdentity.findMany({
      where: { userId },
      orderBy: { createdAt: "asc" },
      select: { email: true, createdAt: true, provider: { select: { displayName: true } } },
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
    emailSettings: {
      frequency: user.emailFrequency,
      mailingListMode: user.mailingListMode,
      reminders: user.reminderEmails,
      visibleToAssociationOwners: user.emailVisibleToOwners,
    },
    signInWith: signInIdentities.map((identity) => ({ provider: identity.provider.displayName, email: identity.email, since: identity.createdAt })),
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
    goals: goals.map(({ comments, ...goal }) => ({
      ...goal,
      reviewersComments: comments.map((comment) => ({ from: comment.reviewerName, body: comment.body, at: comment.createdAt })),
    })),
    commitments: commitments.map(({ goal, step, ...commitment }) => ({
      after: step ? `${step.pathway.title}: ${step.title}` : goal ? `Goal: ${goal.title}` : null,
      ...commitment,
    })),
    chcpLog: chcpCredential ? { ...chcpCredential, entries: chcpEntries } : null,
    mentoringSettings: mentoringPreference,
    mentorships: mentorships.map(({ mentorId, mentor, mentee, messages, sharedGoals, ...mentorship }) => ({
      yourRole: mentorId === userId ? "mentor" : "mentee",
      mentor: person(mentor),
      mentee: person(mentee),
      ...mentorship,
      goalsYouShared: sharedGoals.map((share) => ({ goal: share.goal.title, sharedAt: share.sharedAt })),
      messages: messages.map((message) => ({ from: person(message.author), body: message.body, at: message.createdAt })),
    })),
  };
}
