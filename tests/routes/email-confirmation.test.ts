/**
 * Sign-up confirms the address by email (issue 17, finding 6): the answer is
 * the same for a taken address as for a new one, the link signs in once, and
 * until then the account may read but not post, join or invite.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createCategory, createForum, createAssociation, createThread } from "../fixtures/forum";
import { hasAfterResponseWork, runAfterResponse } from "~/utils/after-response.server";
import { prisma } from "~/utils/db.server";
import { validateSessionToken } from "~/utils/session.server";
import { createTestMember, signUpConfirmed, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as associationAction } from "~/routes/associations/associations.$slug._index";
import { action as resendAction, loader as resendLoader } from "~/routes/accounts/confirm-email";
import { action as confirmAction, loader as confirmLoader } from "~/routes/accounts/confirm-email_.$token";
import { action as newThreadAction, loader as newThreadLoader } from "~/routes/discussions/forums.$forumSlug.new";
import { action as signupAction } from "~/routes/accounts/signup";
import { action as threadAction, loader as threadLoader } from "~/routes/discussions/t.$threadId.($slug)";

const PASSWORD = "quiet orchard morning";
/** Addresses of the same length, so that even a byte count could not tell them apart. */
const address = () => `${crypto.randomUUID()}@example.org`;

async function signUpThroughRoute(email: string, form: Record<string, string> = {}) {
  const args = routeArgs(`/signup${form.redirectTo ? `?redirectTo=${encodeURIComponent(form.redirectTo)}` : ""}`, {
    form: { displayName: "Casey Newcomer", email, password: PASSWORD, ...form },
    clientIp: `test-${crypto.randomUUID()}`,
  });
  const result = await signupAction(args);
  return { result, args };
}

async function emailsTo(to: string) {
  return prisma.outboxEmail.findMany({ where: { to }, orderBy: { createdAt: "asc" }, select: { subject: true, text: true } });
}

function confirmationToken(text: string): { token: string; path: string } {
  const match = /https?:\/\/[^/\s]+(\/confirm-email\/([a-z2-7]{32})\S*)/.exec(text);
  if (!match) throw new Error("no confirmation link");
  return { path: match[1]!, token: match[2]! };
}

/** What a loader or action answered: status and body (a thrown response counts too). */
async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: unknown; response?: Response }> {
  let result: unknown;
  try {
    result = await promise;
  } catch (error) {
    result = error;
  }
  if (result instanceof Response) {
    const text = await result.clone().text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Plain text.
    }
    return { status: result.status, body, response: result };
  }
  const value = result as { type?: string; data?: unknown; init?: { status?: number } | null };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: result };
}

describe("sign-up with a taken address", () => {
  it("answers exactly as for a new address, and emails the owner instead", async () => {
    const owner = await signUpConfirmed({ email: address(), password: PASSWORD, displayName: "Olga Owner" });
    if (!owner.ok) throw new Error("fixture");
    const taken = (await prisma.user.findUniqueOrThrow({ where: { id: owner.value.userId }, select: { email: true } })).email;
    const fresh = address();
    expect(fresh).toHaveLength(taken.length);

    const forTaken = await signUpThroughRoute(taken);
    const forNew = await signUpThroughRoute(fresh);
    // Plain data, not a Response: no redirect, no cookie, no header of any kind, and the same status (200).
    for (const answer of [forTaken.result, forNew.result]) {
      expect(answer).not.toBeInstanceOf(Response);
      expect((answer as { type?: string }).type).toBeUndefined();
    }
    expect(JSON.stringify(forTaken.result).replaceAll(taken, "<email>")).toBe(JSON.stringify(forNew.result).replaceAll(fresh, "<email>"));
    expect(forNew.result).toEqual({ sentTo: fresh, linkHours: 24 });
    // Nothing was looked up yet: both left their work for after the response, and neither has written anything.
    expect([hasAfterResponseWork(forTaken.args.context), hasAfterResponseWork(forNew.args.context)]).toEqual([true, true]);
    expect(await emailsTo(taken)).toEqual([]);
    expect(await prisma.user.count({ where: { email: fresh } })).toBe(0);

    await runAfterResponse(forTaken.args.context);
    await runAfterResponse(forNew.args.context);
    const toOwner = await emailsTo(taken);
    expect(toOwner.map((email) => email.subject)).toEqual(["Someone tried to create a CME Commons account with your address"]);
    expect(toOwner[0]!.text).toMatch(/log in/i);
    expect(toOwner[0]!.text).toMatch(/\/forgot-password/);
    expect(await prisma.user.count({ where: { email: taken } })).toBe(1);
    expect((await emailsTo(fresh)).map((email) => email.subject)).toEqual(["Confirm your email address for CME Commons"]);
  });
});

describe("the confirmation link", () => {
  it("signs the new member in once and continues to the welcome questions, keeping redirectTo", async () => {
    const email = address();
    const { args } = await signUpThroughRoute(email, { redirectTo: "/forums/community" });
    await runAfterResponse(args.context);
    const { token, path } = confirmationToken((await emailsTo(email))[0]!.text);

    // Opening the link changes nothing (mail scanners open links too).
    expect(await outcome(confirmLoader(routeArgs(path, { params: { token } })))).toMatchObject({ status: 200, body: { usable: true } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true, emailConfirmedAt: true } });
    expect(user.emailConfirmedAt).toBeNull();

    const confirmed = (await confirmAction(routeArgs(path, { params: { token }, method: "POST" }))) as Response;
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`/welcome?redirectTo=${encodeURIComponent("/forums/community")}`);
    const session = /cme_session=([a-z2-7]{32})/.exec(confirmed.headers.get("Set-Cookie") ?? "")?.[1];
    expect((await validateSessionToken(session!))?.user).toMatchObject({ id: user.id, confirmed: true });

    // Once.
    expect(await outcome(confirmAction(routeArgs(path, { params: { token }, method: "POST" })))).toEqual({ status: 410, body: { expired: true } });
    expect(await outcome(confirmLoader(routeArgs(path, { params: { token } })))).toMatchObject({ status: 410, body: { usable: false } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });

  it("an unconfirmed member can ask for a new link; a confirmed one is sent home", async () => {
    const unconfirmed = await createTestMember({ confirmed: false });
    expect((await outcome(resendLoader(routeArgs("/confirm-email", { cookie: unconfirmed.cookie })))).body).toMatchObject({
      email: unconfirmed.email,
    });
    const sent = await outcome(resendAction(routeArgs("/confirm-email", { method: "POST", cookie: unconfirmed.cookie })));
    expect(sent).toEqual({ status: 200, body: { sent: true } });
    expect((await emailsTo(unconfirmed.email)).map((email) => email.subject)).toEqual(["Confirm your email address for CME Commons"]);

    const confirmed = await createTestMember();
    const home = await outcome(resendAction(routeArgs("/confirm-email", { method: "POST", cookie: confirmed.cookie })));
    expect(home.status).toBe(302);
    expect(home.response?.headers.get("Location")).toBe("/home");
    expect(await emailsTo(confirmed.email)).toEqual([]);
  });
});

describe("an unconfirmed member", () => {
  let unconfirmed: TestMember;
  let thread: { id: string; slug: string };
  let forumSlug: string;
  let associationSlug: string;

  beforeAll(async () => {
    unconfirmed = await createTestMember({ confirmed: false, createdAt: new Date(Date.now() - 3 * 86400_000) });
    const author = await createTestMember();
    const forum = await createForum();
    forumSlug = forum.forumSlug;
    const category = await createCategory(forum, "PUBLIC");
    thread = await createThread(category, { authorId: author.userId });
    const association = await createAssociation([{ userId: author.userId, role: "OWNER" }]);
    await prisma.association.update({ where: { id: association.id }, data: { joinPolicy: "OPEN" }, select: { id: true } });
    associationSlug = association.slug;
  });

  /** The refusal: a 403 whose body says why and that the error page turns into the way to confirm. */
  function expectConfirmFirst(answer: { status: number; body: unknown }) {
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ reason: "unconfirmed-email", message: expect.stringMatching(/confirm your email address/) });
  }

  it("reads a thread, but is offered no reply form and is refused a reply", async () => {
    const page = (await threadLoader(
      routeArgs(`/t/${thread.id}/${thread.slug}`, { params: { threadId: thread.id, slug: thread.slug }, cookie: unconfirmed.cookie }),
    )) as { can: { reply: boolean } };
    expect(page.can.reply).toBe(false);
    expectConfirmFirst(
      await outcome(
        threadAction(
          routeArgs(`/t/${thread.id}/${thread.slug}`, {
            params: { threadId: thread.id, slug: thread.slug },
            form: { intent: "reply", body: "Hello, I am new here." },
            cookie: unconfirmed.cookie,
          }),
        ),
      ),
    );
    expect(await prisma.post.count({ where: { threadId: thread.id, authorId: unconfirmed.userId } })).toBe(0);
  });

  it("is refused a new thread, on the page and on submit", async () => {
    const url = `/forums/${forumSlug}/new`;
    expectConfirmFirst(await outcome(newThreadLoader(routeArgs(url, { params: { forumSlug }, cookie: unconfirmed.cookie }))));
    expectConfirmFirst(
      await outcome(
        newThreadAction(
          routeArgs(url, { params: { forumSlug }, form: { title: "A new thread", body: "Some text", kind: "DISCUSSION" }, cookie: unconfirmed.cookie }),
        ),
      ),
    );
  });

  it("is refused joining an association", async () => {
    expectConfirmFirst(
      await outcome(
        associationAction(
          routeArgs(`/associations/${associationSlug}`, { params: { slug: associationSlug }, form: { intent: "join" }, cookie: unconfirmed.cookie }),
        ),
      ),
    );
    expect(await prisma.associationMembership.count({ where: { userId: unconfirmed.userId } })).toBe(0);
  });

  it("may do all of it once the address is confirmed", async () => {
    const member = await createTestMember({ confirmed: false, createdAt: new Date(Date.now() - 3 * 86400_000) });
    await prisma.user.update({ where: { id: member.userId }, data: { emailConfirmedAt: new Date() }, select: { id: true } });
    const reply = await outcome(
      threadAction(
        routeArgs(`/t/${thread.id}/${thread.slug}`, {
          params: { threadId: thread.id, slug: thread.slug },
          form: { intent: "reply", body: "Hello, I am new here." },
          cookie: member.cookie,
        }),
      ),
    );
    expect(reply.status).toBe(302);
    const joined = await outcome(
      associationAction(
        routeArgs(`/associations/${associationSlug}`, { params: { slug: associationSlug }, form: { intent: "join" }, cookie: member.cookie }),
      ),
    );
    expect(joined.status).toBe(302);
  });
});
