// Who is told about a flag, a reviewer's rating, a suggested revision and a
// new co-authorship (in the app, and by email for those who chose an email
// for each notification), and who is not.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { seed } from "../../../prisma/seed";
import { acceptInvitation, inviteReviewer, saveRating, submitRating } from "~/domain/assessments/reviewer-ratings.server";
import { dismissFlags, flagPost } from "~/domain/discussions/flags.server";
import { jobHandlers } from "~/domain/email/handlers.server";
import { getAssociationPage } from "~/domain/pages/association-page.server";
import { addCoauthor, findCoauthorCandidates } from "~/domain/statements/statements.server";
import { suggest } from "~/domain/statements/suggestions.server";
import { prisma } from "~/utils/db.server";
import { siteOrigin } from "~/utils/email.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { NOTIFICATION_EMAIL_DELAY_MS } from "~/utils/notify.server";
import { expectOk } from "~/utils/result";
import { createAssociation, createCategory, createForum, createReply, createThread } from "../../../tests/fixtures/forum";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { listNotifications } from "./notifications.server";
import { notificationText } from "./targets";

const SITE = "http://localhost";
const run = `n${Math.random().toString(36).slice(2, 8)}`;
let count = 0;

beforeAll(async () => {
  await seed();
});

beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

async function memberWith(frequency: "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY", options: Parameters<typeof createTestMember>[0] = {}) {
  const member = await createTestMember(options);
  await prisma.user.update({ where: { id: member.userId }, data: { emailFrequency: frequency }, select: { id: true } });
  return member;
}

/** The member's notifications of one kind, as their list shows them (sentence and link). */
async function told(member: TestMember, kind: string) {
  const { items } = await listNotifications(member.actor, null);
  return items.filter((item) => item.kind === kind).map((item) => ({ text: notificationText(item), href: item.href }));
}

/** Runs every due job, as a worker would a few minutes from now (after the emails' short wait). */
const runJobsSoon = () =>
  runJobsUntilIdle({ handlers: jobHandlers, now: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS + 60_000) });

const emailsTo = (userId: string) =>
  prisma.outboxEmail.findMany({ where: { userId, kind: "notification" }, select: { subject: true, text: true } });

async function statement(author: TestMember, options: { associationId?: string; status?: "DRAFT" | "OPEN" } = {}) {
  count += 1;
  const text = "CME professionals design learning that changes practice.";
  const created = await prisma.statement.create({
    data: {
      title: `Who we are ${run} ${count}`,
      authorId: author.userId,
      associationId: options.associationId ?? null,
      status: options.status ?? "OPEN",
      versions: { create: { number: 1, text, textHtml: `<p>${text}</p>`, writtenById: author.userId } },
    },
    select: { id: true, title: true },
  });
  return created;
}

describe("a flagged post", () => {
  it("tells the association's owner and moderators when it enters the queue and when flags hide it, never the flagger, and counts it on their association page", async () => {
    const [owner, moderator, author, member, second, third] = await Promise.all([
      memberWith("IMMEDIATE"),
      memberWith("NONE"),
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember(),
    ]);
    const association = await createAssociation([
      { userId: owner.userId, role: "OWNER" },
      { userId: moderator.userId, role: "MODERATOR" },
      { userId: author.userId },
      { userId: member.userId },
      { userId: second.userId },
      { userId: third.userId },
    ]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: member.userId, title: `Outcomes ${run}` });
    const reply = await createReply(thread, { authorId: author.userId, body: "Buy cheap credits now" });

    // The moderator flags it first: the owner hears of it, the moderator who acted does not.
    expectOk(await flagPost(moderator.actor, { postId: reply.id, reason: "SPAM", note: "" }));
    expect(await told(owner, "POST_FLAGGED")).toEqual([
      { text: `${moderator.displayName} flagged post #2 in “Outcomes ${run}”: it waits in the moderation queue`, href: "/moderation" },
    ]);
    expect(await told(moderator, "POST_FLAGGED")).toEqual([]);
    // A second flag on a post already waiting tells nobody again.
    expectOk(await flagPost(second.actor, { postId: reply.id, reason: "SPAM", note: "" }));
    expect(await told(owner, "POST_FLAGGED")).toHaveLength(1);
    // The third hides it: both moderators are told, the members and the author are not.
    expect(await flagPost(third.actor, { postId: reply.id, reason: "SPAM", note: "" })).toEqual({ ok: true, value: { hidden: true } });
    expect((await told(owner, "POST_FLAGGED"))[0]).toEqual({
      text: `Members flagged post #2 in “Outcomes ${run}” until it was hidden: it waits for a moderator's review`,
      href: "/moderation",
    });
    expect(await told(moderator, "POST_FLAGGED")).toHaveLength(1);
    for (const bystander of [author, member, second, third]) expect(await told(bystander, "POST_FLAGGED")).toEqual([]);

    // The association page counts the post for those who can act on it, and for nobody else.
    expect((await getAssociationPage(owner.actor, association.slug))?.moderationWaiting).toBe(1);
    expect((await getAssociationPage(moderator.actor, association.slug))?.moderationWaiting).toBe(1);
    expect((await getAssociationPage(member.actor, association.slug))?.moderationWaiting).toBeNull();

    // Immediate emails as each chose: the owner gets both, linking to the queue; the moderator none.
    await runJobsSoon();
    const ownerEmails = await emailsTo(owner.userId);
    expect(ownerEmails).toHaveLength(2);
    for (const email of ownerEmails) expect(email.text).toContain(`${siteOrigin()}/moderation`);
    expect(await emailsTo(moderator.userId)).toEqual([]);
  });

  it("in a forum outside any association, tells the site administrators", async () => {
    const [admin, author, flagger] = await Promise.all([
      createTestMember({ role: "ADMIN" }),
      createTestMember(),
      createTestMember(),
    ]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: flagger.userId });
    const reply = await createReply(thread, { authorId: author.userId, body: "Off topic" });
    expectOk(await flagPost(flagger.actor, { postId: reply.id, reason: "OFF_TOPIC", note: "" }));
    expect(await told(admin, "POST_FLAGGED")).toHaveLength(1);
    expect(await told(author, "POST_FLAGGED")).toEqual([]);
  });

  it("is not emailed once a moderator has dealt with it", async () => {
    const [owner, author, flagger] = await Promise.all([memberWith("IMMEDIATE"), createTestMember(), createTestMember()]);
    const association = await createAssociation([
      { userId: owner.userId, role: "OWNER" },
      { userId: author.userId },
      { userId: flagger.userId },
    ]);
    const thread = await createThread(await createCategory(association, "ASSOCIATION"), { authorId: author.userId });
    expectOk(await flagPost(flagger.actor, { postId: thread.openingPostId, reason: "SPAM", note: "" }));
    expect(await told(owner, "POST_FLAGGED")).toHaveLength(1);
    expectOk(await dismissFlags(owner.actor, thread.openingPostId));
    await runJobsSoon();
    expect(await emailsTo(owner.userId)).toEqual([]);
  });
});

describe("a reviewer's rating", () => {
  it("tells the member who asked for it when it is sent, not while it is a draft, and never the reviewer", async () => {
    const [reviewee, reviewer] = await Promise.all([memberWith("IMMEDIATE"), createTestMember()]);
    expectOk(await inviteReviewer(reviewee.actor, { email: reviewer.email, message: "" }, SITE));
    const sent = await prisma.outboxEmail.findFirstOrThrow({
      where: { to: reviewer.email },
      orderBy: { createdAt: "desc" },
      select: { text: true },
    });
    const token = /\/review\/([a-z2-7]{32})/.exec(sent.text)![1]!;
    const { ratingId } = expectOk(await acceptInvitation(reviewer.actor, token));
    const rating = await prisma.reviewerRating.findUniqueOrThrow({ where: { id: ratingId }, select: { versionId: true } });
    const [areas, stage] = await Promise.all([
      prisma.competencyArea.findMany({ where: { versionId: rating.versionId }, select: { slug: true } }),
      prisma.proficiencyStage.findFirstOrThrow({ where: { versionId: rating.versionId }, select: { slug: true } }),
    ]);
    const answers = areas.map((area) => ({ areaSlug: area.slug, stage: stage.slug, comment: "" }));

    expectOk(await saveRating(reviewer.actor, ratingId, answers.slice(0, 1)));
    expect(await told(reviewee, "REVIEWER_RATING")).toEqual([]);
    expectOk(await submitRating(reviewer.actor, ratingId, answers));
    expect(await told(reviewee, "REVIEWER_RATING")).toEqual([
      { text: `${reviewer.displayName} sent their rating of your competencies`, href: "/me/competencies" },
    ]);
    expect(await told(reviewer, "REVIEWER_RATING")).toEqual([]);
    await runJobsSoon();
    const emails = await emailsTo(reviewee.userId);
    expect(emails.map((email) => email.subject)).toEqual([`${reviewer.displayName} sent their rating of your competencies`]);
    expect(emails[0]!.text).toContain(`${siteOrigin()}/me/competencies`);
  });
});

describe("statements", () => {
  it("a suggested revision tells the author and co-authors, linking to the suggestions, not the suggester or anyone else", async () => {
    const [author, coauthor, suggester, bystander] = await Promise.all([
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember(),
    ]);
    const { id, title } = await statement(author);
    await prisma.statementCoauthor.create({ data: { statementId: id, userId: coauthor.userId } });
    expectOk(await suggest(suggester.actor, id, { baseVersion: 1, text: "CME professionals design learning that improves care." }));
    const expected = [{ text: `${suggester.displayName} suggested a revision of the statement “${title}”`, href: `/statements/${id}/suggestions` }];
    expect(await told(author, "STATEMENT_SUGGESTION_MADE")).toEqual(expected);
    expect(await told(coauthor, "STATEMENT_SUGGESTION_MADE")).toEqual(expected);
    expect(await told(suggester, "STATEMENT_SUGGESTION_MADE")).toEqual([]);
    expect(await told(bystander, "STATEMENT_SUGGESTION_MADE")).toEqual([]);
  });

  it("being made a co-author is told once, to the new co-author only, linking to the statement", async () => {
    const [author, coauthor] = await Promise.all([createTestMember(), createTestMember()]);
    const { id, title } = await statement(author, { status: "DRAFT" });
    expectOk(await addCoauthor(author.actor, id, coauthor.handle));
    expectOk(await addCoauthor(author.actor, id, coauthor.handle));
    expect(await told(coauthor, "STATEMENT_COAUTHOR_ADDED")).toEqual([
      { text: `${author.displayName} made you a co-author of the statement “${title}”`, href: `/statements/${id}` },
    ]);
    expect(await told(author, "STATEMENT_COAUTHOR_ADDED")).toEqual([]);
  });

  it("finds co-authors by part of a name or handle, among the people the author may add", async () => {
    const name = (last: string) => ({ profile: { displayName: `Zelda ${run} ${last}` } });
    const [author, quokka, outsider, already] = await Promise.all([
      createTestMember(),
      createTestMember(name("Quokka")),
      createTestMember(name("Outsider")),
      createTestMember(name("Already")),
    ]);
    const association = await createAssociation([
      { userId: author.userId, role: "OWNER" },
      { userId: quokka.userId },
      { userId: already.userId },
    ]);
    const { id } = await statement(author, { associationId: association.id, status: "DRAFT" });
    expectOk(await addCoauthor(author.actor, id, already.handle));

    // The outsider is not a member, the co-author is one already: only Quokka is offered.
    const names = async (query: string) => expectOk(await findCoauthorCandidates(author.actor, id, query)).map((p) => p.displayName);
    expect(await names(`zelda ${run}`)).toEqual([`Zelda ${run} Quokka`]);
    expect(await names(`${run} quok`)).toEqual([`Zelda ${run} Quokka`]);
    expect(await names(`@${quokka.handle}`)).toEqual([`Zelda ${run} Quokka`]);
    expect(await names("z")).toEqual([]);
    // Only the author looks for co-authors.
    expect(await findCoauthorCandidates(quokka.actor, id, "zelda")).toMatchObject({ ok: false, reason: "not-found" });
    expect(await findCoauthorCandidates(already.actor, id, "zelda")).toMatchObject({ ok: false, reason: "forbidden" });
  });
});
