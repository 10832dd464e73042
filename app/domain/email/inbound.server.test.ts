import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { NOTIFICATION_EMAIL_DELAY_MS } from "~/domain/discussions/alerts.server";
import { createReply as replyOnSite } from "~/domain/discussions/posts.server";
import { BODY_MAX } from "~/domain/discussions/constants";
import { prisma } from "~/utils/db.server";
import { headerRecord } from "~/utils/email.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { createAssociation, createCategory, createForum, createThread, watchThread } from "../../../tests/fixtures/forum";
import { rawMessage, replyText, type TestMessage } from "../../../tests/fixtures/mail";
import { jobHandlers } from "./handlers.server";
import { INBOUND_MESSAGE_LIMIT, isAutomatic, storeInboundEmail } from "./inbound.server";
import { addressSigner, postingAddress, readAddress, stopReplyAddresses } from "./reply-addresses.server";
import PostalMime from "postal-mime";

const DOMAIN = "reply.commons.test";
let previousDomain: string | undefined;
beforeAll(() => {
  previousDomain = process.env.REPLY_DOMAIN;
  process.env.REPLY_DOMAIN = DOMAIN;
});
afterAll(() => {
  if (previousDomain === undefined) delete process.env.REPLY_DOMAIN;
  else process.env.REPLY_DOMAIN = previousDomain;
});
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

const TWO_DAYS_AGO = () => new Date(Date.now() - 2 * 86_400_000);
/** Members past the new-account posting limit, as most are. */
const member = (options: { frequency?: "IMMEDIATE" | "WEEKLY" } = {}) =>
  createTestMember({ createdAt: TWO_DAYS_AGO() }).then(async (m) => {
    if (options.frequency) await prisma.user.update({ where: { id: m.userId }, data: { emailFrequency: options.frequency } });
    return m;
  });

const runJobs = () => runJobsUntilIdle({ handlers: jobHandlers, now: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS + 60_000) });

async function replyAddressOf(m: TestMember, threadId: string) {
  const [user, thread] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: m.userId }, select: { mailNumber: true, replyKeyVersion: true } }),
    prisma.thread.findUniqueOrThrow({ where: { id: threadId }, select: { mailNumber: true } }),
  ]);
  return (await addressSigner()).address("reply", user, thread.mailNumber)!;
}

async function deliver(message: TestMessage & { envelopeFrom?: string | null; tooLarge?: boolean }) {
  const stored = await storeInboundEmail({
    raw: new TextEncoder().encode(rawMessage(message)),
    recipient: message.to,
    envelopeFrom: message.envelopeFrom === undefined ? message.from : message.envelopeFrom,
    source: "smtp",
    tooLarge: message.tooLarge,
  });
  await runJobs();
  return stored;
}

const postsOf = (threadId: string) =>
  prisma.post.findMany({ where: { threadId }, orderBy: { number: "asc" }, select: { number: true, body: true, bodyHtml: true, authorId: true } });
const answersTo = (email: string) =>
  prisma.outboxEmail.findMany({ where: { to: email, kind: "inbound-answer" }, select: { subject: true, text: true, headers: true } });

async function setting() {
  const [author, replier] = await Promise.all([member(), member()]);
  const category = await createCategory(await createForum(), "MEMBERS");
  const thread = await createThread(category, { authorId: author.userId, title: "Outcomes data for CME" });
  return { author, replier, category, thread, address: await replyAddressOf(replier, thread.id) };
}

describe("reply addresses", () => {
  it("are short, lower-case and signed; a changed letter or the other kind fails", async () => {
    const { address } = await setting();
    const local = address.split("@")[0]!;
    expect(local.length).toBeLessThanOrEqual(64);
    expect(address).toMatch(new RegExp(`^reply\\+[a-z2-7]{32}@${DOMAIN.replace(/\./g, "\\.")}$`));
    const { key } = await addressSigner();
    expect(readAddress(address, key).ok).toBe(true);
    // Mail systems that change letter case do not break it.
    expect(readAddress(address.toUpperCase().replace(DOMAIN.toUpperCase(), DOMAIN), key).ok).toBe(true);
    const token = local.slice("reply+".length);
    const changed = `reply+${token.slice(0, 5)}${token[5] === "a" ? "b" : "a"}${token.slice(6)}@${DOMAIN}`;
    expect(readAddress(changed, key)).toEqual({ ok: false, why: "tampered" });
    expect(readAddress(`post+${token}@${DOMAIN}`, key)).toEqual({ ok: false, why: "tampered" });
    expect(readAddress(`reply+${token}@elsewhere.example`, key)).toEqual({ ok: false, why: "not-ours" });
  });
});

describe("replying by email", () => {
  it("posts only the new text as the member, notifies watchers, and threads the emails", async () => {
    const [author, replier, watcher] = await Promise.all([member(), member({ frequency: "IMMEDIATE" }), member()]);
    const category = await createCategory(await createForum(), "MEMBERS");
    const thread = await createThread(category, { authorId: author.userId, title: "Outcomes data for CME" });
    await Promise.all([watchThread(replier.userId, thread.id), watchThread(watcher.userId, thread.id)]);

    // Two replies on the site: two notification emails to the replier, threaded together.
    expect((await replyOnSite(author.actor, thread.id, { body: "First, Moore's levels." })).ok).toBe(true);
    expect((await replyOnSite(author.actor, thread.id, { body: "Second, follow-up surveys." })).ok).toBe(true);
    await runJobs();
    const emails = await prisma.outboxEmail.findMany({ where: { userId: replier.userId, kind: "notification" }, select: { headers: true, text: true } });
    expect(emails).toHaveLength(2);
    const [first, second] = emails.map((email) => headerRecord(email.headers));
    expect(first!["Message-ID"]).not.toEqual(second!["Message-ID"]);
    expect(first!.References).toEqual(second!.References);
    expect(first!["In-Reply-To"]).toEqual(first!.References);
    expect(first!["List-Id"]).toContain(`.forums.${DOMAIN}>`);
    expect(first!["List-Unsubscribe"]).toMatch(/^<http/);
    const replyTo = first!["Reply-To"]!;
    expect(replyTo).toBe(await replyAddressOf(replier, thread.id));
    expect(first!["List-Post"]).toBe(`<mailto:${replyTo}>`);
    expect(emails[0]!.text).toContain("Or answer this email");

    await deliver({ from: `Dana <${replier.email}>`, to: replyTo, text: replyText("We ask learners again after 90 days, @" + watcher.handle + ".") });

    const posts = await postsOf(thread.id);
    expect(posts).toHaveLength(4);
    expect(posts[3]).toMatchObject({ authorId: replier.userId, body: `We ask learners again after 90 days, @${watcher.handle}.` });
    expect(posts[3]!.bodyHtml).toContain(`href="/members/${watcher.handle}"`);
    // Watchers and the mentioned member are told, as for a reply written on the site.
    const notified = await prisma.notification.findMany({ where: { threadId: thread.id, actorId: replier.userId }, select: { userId: true } });
    expect(notified.map((n) => n.userId)).toEqual(expect.arrayContaining([author.userId, watcher.userId]));
    expect(await answersTo(replier.email)).toEqual([]);
    const inbound = await prisma.inboundEmail.findFirstOrThrow({ where: { recipient: replyTo }, select: { outcome: true, processedAt: true, postId: true } });
    expect(inbound).toMatchObject({ outcome: "posted" });
    expect(inbound.postId).not.toBeNull();
  });

  it("posts the same message once, however often it arrives or is processed", async () => {
    const { replier, thread, address } = await setting();
    const message = { from: replier.email, to: address, text: "Counted once.", messageId: `<dup.${crypto.randomUUID()}@mail.example.net>` };
    expect(await deliver(message)).toEqual({ stored: true });
    expect(await deliver(message)).toEqual({ stored: false });
    // A second run of the job (an expired lease) finds it posted.
    const row = await prisma.inboundEmail.findFirstOrThrow({ where: { recipient: address }, select: { id: true } });
    await prisma.inboundEmail.update({ where: { id: row.id }, data: { processedAt: null } });
    await jobHandlers["inbound-email"]!({ id: "x", kind: "inbound-email", key: "x", payload: { id: row.id }, attempts: 1 }, new Date());
    expect((await postsOf(thread.id)).filter((p) => p.body === "Counted once.")).toHaveLength(1);
  });

  it("turns HTML-only mail into Markdown and uses the text part of multipart mail", async () => {
    const { replier, thread, address } = await setting();
    await deliver({
      from: replier.email,
      to: address,
      html: `<div>We use <strong>pre/post tests</strong> and <a href="https://example.org/guide">this guide</a>.</div>
        <ul><li>knowledge</li><li>competence</li></ul>
        <div class="gmail_quote">On Mon, 7 Dec 2026, CME Commons wrote:<blockquote>Old text</blockquote></div>`,
    });
    await deliver({ from: replier.email, to: address, text: "The plain part.", html: "<p>The <em>HTML</em> part.</p>" });
    const [, html, multi] = await postsOf(thread.id);
    expect(html!.body).toContain("**pre/post tests**");
    expect(html!.body).toContain("[this guide](https://example.org/guide)");
    expect(html!.body).toMatch(/-\s+knowledge/);
    expect(html!.body).not.toContain("Old text");
    expect(html!.bodyHtml).toContain("<strong>pre/post tests</strong>");
    expect(multi!.body).toBe("The plain part.");
  });

  it("posts the text without attachments and tells the sender", async () => {
    const { replier, thread, address } = await setting();
    await deliver({
      from: replier.email,
      to: address,
      text: "Slides attached.",
      attachment: { filename: "slides.pdf", contentType: "application/pdf", content: "%PDF-1.4 fake" },
    });
    expect((await postsOf(thread.id)).at(-1)!.body).toBe("Slides attached.");
    const answers = await answersTo(replier.email);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.subject).toMatch(/^Posted, without your attachments/);
    expect(answers[0]!.text).toContain("an attachment, which we do not post");
  });
});

describe("refused mail is answered once and changes nothing", () => {
  async function expectRefused(
    message: TestMessage & { envelopeFrom?: string | null; tooLarge?: boolean },
    threadId: string,
    reply: RegExp,
    answerTo = message.from,
  ) {
    const before = await postsOf(threadId);
    await deliver(message);
    expect(await postsOf(threadId)).toEqual(before);
    const answers = await answersTo(answerTo);
    expect(answers).toHaveLength(1);
    expect(answers[0]!.subject).toMatch(/^Your email was not posted/);
    expect(answers[0]!.text.replace(/\s+/g, " ")).toMatch(reply);
    expect(headerRecord(answers[0]!.headers)["Auto-Submitted"]).toBe("auto-replied");
    return answers[0]!;
  }

  it("an unknown or tampered address", async () => {
    const { replier, thread, address } = await setting();
    const token = address.slice("reply+".length, address.indexOf("@"));
    const tampered = `reply+${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}@${DOMAIN}`;
    await expectRefused({ from: replier.email, to: tampered, text: "Hello" }, thread.id, /not one we gave out/);
  });

  it("a sender that is not the member", async () => {
    const { thread, address } = await setting();
    const stranger = `stranger-${crypto.randomUUID()}@example.net`;
    const answer = await expectRefused({ from: stranger, to: address, text: "Spoofed" }, thread.id, /not the one the reply address belongs to/);
    expect(answer.text).not.toContain("Spoofed");
  });

  it("a revoked address, while a new one works", async () => {
    const { replier, thread, address } = await setting();
    expect(await stopReplyAddresses(replier.userId)).toBe(true);
    const answer = await expectRefused({ from: replier.email, to: address, text: "Too late" }, thread.id, /stopped all their reply addresses/);
    expect(answer.text).toContain("> Too late");
    await deliver({ from: replier.email, to: await replyAddressOf(replier, thread.id), text: "With the new address." });
    expect((await postsOf(thread.id)).at(-1)!.body).toBe("With the new address.");
  });

  it("a member who lost access between the email and the reply", async () => {
    const [owner, replier] = await Promise.all([member(), member()]);
    const association = await createAssociation([{ userId: owner.userId, role: "OWNER" }, { userId: replier.userId }]);
    const category = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(category, { authorId: owner.userId });
    const address = await replyAddressOf(replier, thread.id);
    await prisma.associationMembership.deleteMany({ where: { associationId: association.id, userId: replier.userId } });
    await expectRefused({ from: replier.email, to: address, text: "Still here?" }, thread.id, /can no longer see it/);
  });

  it("a locked thread", async () => {
    const { replier, thread, address } = await setting();
    await prisma.thread.update({ where: { id: thread.id }, data: { lockedAt: new Date() } });
    await expectRefused({ from: replier.email, to: address, text: "One more thing" }, thread.id, /locked/);
  });

  it("a message over the size limit", async () => {
    const { replier, thread, address } = await setting();
    await expectRefused({ from: replier.email, to: address, text: "Big", tooLarge: true }, thread.id, new RegExp(`larger than ${INBOUND_MESSAGE_LIMIT / 1024 / 1024} MB`));
  });

  it("a post that fails validation, or has no new text", async () => {
    const { replier, thread, address } = await setting();
    await expectRefused({ from: replier.email, to: address, text: "x".repeat(BODY_MAX + 10) }, thread.id, /Keep it under/);
    await prisma.outboxEmail.deleteMany({ where: { to: replier.email } });
    await expectRefused({ from: replier.email, to: address, text: replyText("") }, thread.id, /no new text/);
  });

  it("an unconfirmed account", async () => {
    const { thread } = await setting();
    const unconfirmed = await createTestMember({ confirmed: false, createdAt: TWO_DAYS_AGO() });
    await expectRefused({ from: unconfirmed.email, to: await replyAddressOf(unconfirmed, thread.id), text: "Hi" }, thread.id, /confirm your email address/);
  });
});

describe("loops and noise are dropped silently", () => {
  it.each([
    ["Auto-Submitted", { headers: { "Auto-Submitted": "auto-replied" } }],
    ["Precedence: bulk", { headers: { Precedence: "bulk" } }],
    ["Precedence: auto_reply", { headers: { Precedence: "auto_reply" } }],
    ["X-Autoreply", { headers: { "X-Autoreply": "yes" } }],
    ["a null return path", { envelopeFrom: "" }],
    ["the site's own mail", { messageId: `<cme.p.abc.1@${DOMAIN}>` }],
  ])("%s", async (_label, extra) => {
    const { replier, thread, address } = await setting();
    await deliver({ from: replier.email, to: address, text: "I am out of the office.", ...extra });
    expect(await postsOf(thread.id)).toHaveLength(1);
    expect(await answersTo(replier.email)).toEqual([]);
    const row = await prisma.inboundEmail.findFirstOrThrow({ where: { recipient: address }, select: { outcome: true } });
    expect(row.outcome).toMatch(/^dropped:/);
  });

  it("isAutomatic leaves ordinary replies alone", async () => {
    const parsed = await PostalMime.parse(rawMessage({ from: "a@example.org", to: "b@example.org", text: "Hi", headers: { "Auto-Submitted": "no" } }));
    expect(isAutomatic(parsed, "a@example.org")).toBe(false);
  });
});

describe("starting a thread by email", () => {
  it("subject → title, body → opening post; From must be the member's", async () => {
    const poster = await member();
    const category = await createCategory(await createForum(), "MEMBERS");
    const address = (await postingAddress(poster.userId, category.id))!;
    expect(address).toMatch(new RegExp(`^post\\+[a-z2-7]{32}@`));
    await deliver({ from: poster.email, to: address, subject: "Evaluating a regional conference", text: replyText("What do you measure after a conference?") });
    const thread = await prisma.thread.findFirstOrThrow({
      where: { categoryId: category.id },
      select: { title: true, authorId: true, posts: { select: { body: true } } },
    });
    expect(thread).toEqual({ title: "Evaluating a regional conference", authorId: poster.userId, posts: [{ body: "What do you measure after a conference?" }] });

    const stranger = `stranger-${crypto.randomUUID()}@example.net`;
    await deliver({ from: stranger, to: address, subject: "Forged thread", text: "Buy now" });
    expect(await prisma.thread.count({ where: { categoryId: category.id } })).toBe(1);
    expect(await answersTo(stranger)).toHaveLength(1);
  });

  it("refuses a title that is too short, keeping the text in the answer", async () => {
    const poster = await member();
    const category = await createCategory(await createForum(), "MEMBERS");
    const address = (await postingAddress(poster.userId, category.id))!;
    await deliver({ from: poster.email, to: address, subject: "Hi", text: "My question in full." });
    expect(await prisma.thread.count({ where: { categoryId: category.id } })).toBe(0);
    const [answer] = await answersTo(poster.email);
    expect(answer!.text).toMatch(/title/);
    expect(answer!.text).toContain("> My question in full.");
  });
});
