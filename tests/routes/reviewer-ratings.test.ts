import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { getStep, saveStep, startOrResumeDraft, submitDraft } from "~/domain/assessments/assessments.server";
import { getReviewerRatingsForProfile } from "~/domain/assessments/reviewer-ratings.server";
import type { MemberActor } from "~/domain/members/actor";
import { createTestMember, signUpConfirmed } from "../fixtures/members";
import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/session.server";
import { loader as profileLoader } from "~/routes/competencies/me.competencies._index";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";
import { action as reviewersAction, loader as reviewersLoader } from "~/routes/competencies/me.competencies.reviewers";
import { loader as reviewLinkLoader } from "~/routes/competencies/review.$token";
import { action as rateAction, loader as rateLoader } from "~/routes/competencies/review.rate.$ratingId";

let areaSlugs: string[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  areaSlugs = (
    await prisma.competencyArea.findMany({
      where: { versionId: settings.currentFrameworkVersionId! },
      orderBy: { position: "asc" },
      select: { slug: true },
    })
  ).map((area) => area.slug);
});

async function member(name: string) {
  const email = `${crypto.randomUUID()}@example.org`;
  const result = await signUpConfirmed({ email, password: "quiet orchard morning", displayName: name });
  if (!result.ok) throw new Error("sign-up failed");
  const { handle } = await prisma.profile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { handle: true } });
  const actor: MemberActor = { kind: "member", userId: result.value.userId, sessionId: "t", role: "MEMBER", handle, displayName: name, onboarded: true, confirmed: true };
  return { actor, email, cookie: `cme_session=${result.value.token}` };
}

async function submitAssessment(actor: MemberActor, evidence: string) {
  await startOrResumeDraft(actor);
  const { stepCount } = (await getStep(actor, 1))!;
  for (let step = 1; step <= stepCount; step++) {
    await saveStep(actor, step, { intent: "save", stage: "competent", target: "expert", evidence, links: [] }, step + 1);
  }
  await submitDraft(actor);
}

/** Invites through the route and returns the token from the emailed link. */
async function invite(cookie: string, email: string, message = "") {
  const response = await reviewersAction(routeArgs("/me/competencies/reviewers", { cookie, form: { intent: "invite", email, message } }));
  expect(response).toBeInstanceOf(Response);
  expect((response as Response).status).toBe(302);
  const sent = await prisma.outboxEmail.findFirstOrThrow({
    where: { to: email.toLowerCase() },
    orderBy: { createdAt: "desc" },
    select: { text: true, html: true, subject: true },
  });
  const token = /\/review\/([a-z2-7]{32})/.exec(sent.text)?.[1];
  expect(token).toBeDefined();
  return { token: token!, email: sent };
}

/** The loader's thrown or returned Response (or its data). */
const openLink = (token: string, cookie: string) =>
  reviewLinkLoader(routeArgs(`/review/${token}`, { params: { token }, cookie })).catch((error: unknown) => error) as Promise<Response>;
const openForm = (ratingId: string, cookie: string) =>
  rateLoader(routeArgs(`/review/rate/${ratingId}`, { params: { ratingId }, cookie })).catch((error: unknown) => error);

function ratingForm(stage: string | null, skip: string[] = []) {
  const form: Record<string, string> = {};
  for (const slug of areaSlugs) {
    if (stage && !skip.includes(slug)) form[`stage-${slug}`] = stage;
    form[`comment-${slug}`] = `Seen on the ward (${slug})`;
  }
  return form;
}

describe("reviewer ratings", () => {
  it("lets a reviewer whose address is not confirmed open the form, but not save or send a rating", async () => {
    const reviewee = await member("Uma Unrated");
    const pending = await createTestMember({ confirmed: false });
    const { token } = await invite(reviewee.cookie, pending.email);
    const accepted = await openLink(token, pending.cookie);
    const ratingId = /^\/review\/rate\/(\w+)$/.exec(accepted.headers.get("Location") ?? "")?.[1];
    expect(ratingId).toBeDefined();
    expect(await openForm(ratingId!, pending.cookie)).toMatchObject({ mustConfirmEmail: true });
    const refused = await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId: ratingId! }, cookie: pending.cookie, form: { intent: "submit", ...ratingForm("expert") } }),
    ).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(403);
    expect(await prisma.reviewerRating.findUniqueOrThrow({ where: { id: ratingId! }, select: { submittedAt: true } })).toEqual({ submittedAt: null });
  });

  it("invite → email link → another member rates → shown beside the self-ratings, labelled, not averaged; the link is single-use", async () => {
    const reviewee = await member("Rowan Reviewee");
    const reviewer = await member("Rita Reviewer");
    const third = await member("Theo Third");
    await submitAssessment(reviewee.actor, "SELF-EVIDENCE-PRIVATE");

    const { token, email } = await invite(reviewee.cookie, reviewer.email.toUpperCase(), "Before my appraisal");
    expect(email.subject).toContain("Rowan Reviewee");
    expect(email.text).toContain("Before my appraisal");
    expect(email.html).toContain(`/review/${token}`);
    // Only the hash is stored, and the address is lowercased.
    const stored = await prisma.reviewerInvitation.findUniqueOrThrow({ where: { id: hashToken(token) }, select: { email: true } });
    expect(stored.email).toBe(reviewer.email);
    expect(await prisma.reviewerInvitation.count({ where: { id: token } })).toBe(0);

    // A visitor is first told who asks, with their message and what rating means, and offered to sign in or up
    // and come back; nothing is claimed, and nothing of the reviewee's assessment is shown.
    const visitor = (await openLink(token, "")) as unknown as Awaited<ReturnType<typeof reviewLinkLoader>>;
    expect(visitor).not.toBeInstanceOf(Response);
    expect(visitor).toMatchObject({
      preview: { revieweeName: "Rowan Reviewee", message: "Before my appraisal", framework: { areaCount: areaSlugs.length } },
      back: encodeURIComponent(`/review/${token}`),
    });
    expect(JSON.stringify(visitor)).not.toContain("SELF-EVIDENCE-PRIVATE");
    expect((await prisma.reviewerInvitation.findUniqueOrThrow({ where: { id: hashToken(token) } })).acceptedAt).toBeNull();
    // A link that does not work says so to visitors as well, without a name.
    const broken = await openLink("a".repeat(32), "");
    expect(broken.status).toBe(410);
    expect(await broken.text()).not.toContain("Rowan");

    // The reviewee cannot accept their own invitation (and doing so does not use it up).
    const own = await openLink(token, reviewee.cookie);
    expect(own.status).toBe(403);

    // The reviewer accepts and lands on the rating form.
    const accepted = await openLink(token, reviewer.cookie);
    expect(accepted.status).toBe(302);
    const ratingId = /^\/review\/rate\/(\w+)$/.exec(accepted.headers.get("Location") ?? "")?.[1];
    expect(ratingId).toBeDefined();
    const form = (await openForm(ratingId!, reviewer.cookie)) as Awaited<ReturnType<typeof rateLoader>>;
    expect(form.rating.revieweeName).toBe("Rowan Reviewee");
    expect(form.rating.areas.map((area) => area.slug)).toEqual(areaSlugs);
    expect(form.rating.stages.length).toBeGreaterThan(1);
    // The reviewer never sees the reviewee's self-ratings or evidence.
    expect(JSON.stringify(form)).not.toContain("SELF-EVIDENCE-PRIVATE");
    expect(form.rating.areas.every((area) => area.stage === null)).toBe(true);

    // Single use: a third member opening the same link gets 410 and no data.
    const reused = await openLink(token, third.cookie);
    expect(reused.status).toBe(410);
    const reusedBody = await reused.text();
    expect(reusedBody).not.toContain("Rowan");
    expect(reusedBody).not.toContain(ratingId);
    // It says why, for the page's wording: used, not expired or withdrawn.
    expect(JSON.parse(reusedBody)).toMatchObject({ why: "used", message: expect.stringMatching(/works once/) });

    // Sending with an area unrated is refused per field, keeping what was typed.
    const incomplete = (await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId: ratingId! }, cookie: reviewer.cookie, form: { intent: "submit", ...ratingForm("expert", [areaSlugs[2]!]) } }),
    )) as unknown as { init: { status: number }; data: { errors: Record<string, string[]>; values: Record<string, string> } };
    expect(incomplete.init.status).toBe(400);
    expect(Object.keys(incomplete.data.errors)).toEqual([`stage-${areaSlugs[2]}`]);
    expect(incomplete.data.values[`comment-${areaSlugs[0]}`]).toBe(`Seen on the ward (${areaSlugs[0]})`);

    const sent = (await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId: ratingId! }, cookie: reviewer.cookie, form: { intent: "submit", ...ratingForm("expert") } }),
    )) as Response;
    expect(sent.status).toBe(302);

    // After sending it is read-only: another post changes nothing.
    await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId: ratingId! }, cookie: reviewer.cookie, form: { intent: "submit", ...ratingForm("novice") } }),
    );
    const readOnly = (await openForm(ratingId!, reviewer.cookie)) as Awaited<ReturnType<typeof rateLoader>>;
    expect(readOnly.rating.submittedOn).not.toBeNull();
    expect(readOnly.rating.areas.every((area) => area.stage === "expert")).toBe(true);

    // The reviewee's profile: the rating is its own labelled column; the self-ratings are unchanged.
    const profile = await profileLoader(routeArgs("/me/competencies", { cookie: reviewee.cookie }));
    expect(profile.reviewerRatings).toHaveLength(1);
    const [column] = profile.reviewerRatings;
    expect(column!.reviewerName).toBe("Rita Reviewer");
    expect(column!.label).toBe(`Rita Reviewer, ${column!.submittedOn}`);
    expect(Object.values(column!.stages).map((stage) => stage.name)).toEqual(areaSlugs.map(() => "Expert"));
    if (profile.profile.kind !== "profile") throw new Error("expected a profile");
    expect(profile.profile.areas.every((area) => area.latest?.name === "Competent")).toBe(true);
    // Nothing combines the two: no averaged field, and no stage between "Competent" (3) and "Expert" (5) anywhere.
    expect(JSON.stringify(profile)).not.toMatch(/average|"name":"Proficient"/i);

    // …and in the pack, with the same column.
    const pack = await packLoader(routeArgs("/me/competencies/pack", { cookie: reviewee.cookie }));
    expect(pack.reviewerRatings.map((rating) => rating.label)).toEqual([column!.label]);

    // The invitation list shows it as rated, with the reviewer's name.
    const { invitations } = await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: reviewee.cookie }));
    expect(invitations).toMatchObject([{ state: "rated", reviewerName: "Rita Reviewer", email: reviewer.email }]);
  });

  it("a reviewer may say they haven't observed an area; the member sees comments beside their own stage, and where the stages differ", async () => {
    const reviewee = await member("Noor Reviewee");
    const reviewer = await member("Nils Reviewer");
    await submitAssessment(reviewee.actor, "Own evidence");
    const { token } = await invite(reviewee.cookie, reviewer.email);
    const ratingId = (await openLink(token, reviewer.cookie)).headers.get("Location")!.split("/").pop()!;
    const post = (form: Record<string, string>) =>
      rateAction(routeArgs(`/review/rate/${ratingId}`, { params: { ratingId }, cookie: reviewer.cookie, form })).catch((e: unknown) => e);
    const [first, second, ...rest] = areaSlugs;

    // A comment without a choice is not silently dropped on saving: the reviewer is asked to choose, and keeps the text.
    const unchosen = (await post({ intent: "save", [`comment-${first}`]: "Chairs the planning committee well" })) as {
      init: { status: number };
      data: { errors: Record<string, string[]>; values: Record<string, string> };
    };
    expect(unchosen.init.status).toBe(400);
    expect(unchosen.data.errors[`stage-${first}`]![0]).toMatch(/haven’t observed it, so that your comment is kept/);
    expect(unchosen.data.values[`comment-${first}`]).toBe("Chairs the planning committee well");

    // Saved and come back to: "not observed" is kept as an answer, and the rating can be sent with it.
    const answers = {
      [`stage-${first}`]: "proficient",
      [`comment-${first}`]: "Chairs the planning committee well",
      [`stage-${second}`]: "not-observed",
      [`comment-${second}`]: "We have not worked on outcomes together",
      ...Object.fromEntries(rest.map((slug) => [`stage-${slug}`, "competent"])),
    };
    expect(((await post({ intent: "save", ...answers })) as Response).status).toBe(302);
    const saved = (await openForm(ratingId, reviewer.cookie)) as Awaited<ReturnType<typeof rateLoader>>;
    expect(saved.rating.areas.map((area) => area.stage)).toEqual(["proficient", "not-observed", ...rest.map(() => "competent")]);
    expect(((await post({ intent: "submit", ...answers })) as Response).status).toBe(302);

    const { reviewerRatings: [column] } = await profileLoader(routeArgs("/me/competencies", { cookie: reviewee.cookie }));
    expect(column!.stages[first!]).toMatchObject({ name: "Proficient" });
    expect(column!.stages[second!]).toBeUndefined();
    expect(column!.notObserved).toEqual([second]);
    expect(column!.comments).toEqual({ [first!]: "Chairs the planning committee well", [second!]: "We have not worked on outcomes together" });
    expect(column!.areas.map((area) => area.slug)).toEqual(areaSlugs);
  });

  it("another member cannot open the rating form, post to it, or see the rating", async () => {
    const reviewee = await member("Private Person");
    const reviewer = await member("Trusted Reviewer");
    const third = await member("Nosy Neighbour");
    await submitAssessment(reviewee.actor, "Evidence");
    const { token } = await invite(reviewee.cookie, reviewer.email);
    const ratingId = (await openLink(token, reviewer.cookie)).headers.get("Location")!.split("/").pop()!;

    // The reviewee cannot open the reviewer's form either (they see only submitted ratings, on their profile).
    for (const cookie of [third.cookie, reviewee.cookie]) {
      const denied = await openForm(ratingId, cookie);
      expect(denied).toBeInstanceOf(Response);
      expect((denied as Response).status).toBe(404);
    }
    const posted = await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId }, cookie: third.cookie, form: { intent: "submit", ...ratingForm("novice") } }),
    ).catch((error: unknown) => error);
    expect((posted as Response).status).toBe(404);
    expect(await prisma.reviewerRatingAnswer.count({ where: { ratingId } })).toBe(0);

    await rateAction(
      routeArgs(`/review/rate/${ratingId}`, { params: { ratingId }, cookie: reviewer.cookie, form: { intent: "submit", ...ratingForm("proficient") } }),
    );
    // A draft is not shown; the submitted rating is, to the reviewee only.
    expect(await getReviewerRatingsForProfile(reviewee.actor)).toHaveLength(1);
    const theirs = await profileLoader(routeArgs("/me/competencies", { cookie: third.cookie }));
    expect(theirs.reviewerRatings).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain("Trusted Reviewer");
    const theirPack = await packLoader(routeArgs("/me/competencies/pack", { cookie: third.cookie }));
    expect(theirPack.reviewerRatings).toEqual([]);
    const theirList = await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: third.cookie }));
    expect(theirList.invitations).toEqual([]);
  });

  it("a revoked invitation's link shows nothing, and another member cannot revoke someone's invitation", async () => {
    const reviewee = await member("Revoker");
    const reviewer = await member("Too Late");
    const third = await member("Meddler");
    const { token } = await invite(reviewee.cookie, reviewer.email);
    const { invitations } = await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: reviewee.cookie }));
    expect(invitations).toMatchObject([{ state: "pending" }]);

    await reviewersAction(routeArgs("/me/competencies/reviewers", { cookie: third.cookie, form: { intent: "revoke", invitationId: invitations[0]!.id } }));
    expect((await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: reviewee.cookie }))).invitations[0]!.state).toBe("pending");

    await reviewersAction(routeArgs("/me/competencies/reviewers", { cookie: reviewee.cookie, form: { intent: "revoke", invitationId: invitations[0]!.id } }));
    expect((await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: reviewee.cookie }))).invitations[0]!.state).toBe("revoked");

    const gone = await openLink(token, reviewer.cookie);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ why: "revoked" });
    expect(await prisma.reviewerRating.count({ where: { revieweeId: reviewee.actor.userId } })).toBe(0);

    // A made-up link is just as unusable.
    expect((await openLink("a".repeat(32), reviewer.cookie)).status).toBe(410);
  });

  it("keeps the typed values with a field error for an invalid address or your own", async () => {
    type Refused = { init: { status: number }; data: { errors: Record<string, string[]>; values: { email: string; message: string } } };
    const { cookie, email } = await member("Validator");
    const invalid = (await reviewersAction(
      routeArgs("/me/competencies/reviewers", { cookie, form: { intent: "invite", email: "not-an-address", message: "Typed message" } }),
    )) as unknown as Refused;
    expect(invalid.init.status).toBe(400);
    expect(invalid.data.errors.email).toEqual(["Enter an email address like name@example.org"]);
    expect(invalid.data.values).toEqual({ email: "not-an-address", message: "Typed message" });

    const self = (await reviewersAction(
      routeArgs("/me/competencies/reviewers", { cookie, form: { intent: "invite", email: email.toUpperCase(), message: "Me" } }),
    )) as unknown as Refused;
    expect(self.init.status).toBe(400);
    expect(self.data.errors.email?.[0]).toMatch(/your own address/);
    expect(self.data.values.message).toBe("Me");
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(0);
  });
});
