// How mail comes in: the SMTP listener, talked to by a real SMTP client
// (nodemailer), and the provider webhook, called with real Requests.
import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { action as inboundAction } from "~/routes/accounts/email.inbound";
import { prisma } from "~/utils/db.server";
import { runJobsUntilIdle } from "~/utils/jobs.server";
import { createTestMember } from "../../../tests/fixtures/members";
import { createCategory, createForum, createThread } from "../../../tests/fixtures/forum";
import { rawMessage, replyText } from "../../../tests/fixtures/mail";
import { jobHandlers } from "./handlers.server";
import { addressSigner } from "./reply-addresses.server";
import { startInboundSmtp } from "./smtp-listener.server";
import { receiveWebhookEmail } from "./webhook.server";

const DOMAIN = "in.commons.test";
const SECRET = "webhook-secret-for-tests";
const saved = { domain: process.env.REPLY_DOMAIN, secret: process.env.INBOUND_WEBHOOK_SECRET };
let smtp: Awaited<ReturnType<typeof startInboundSmtp>>;

beforeAll(async () => {
  process.env.REPLY_DOMAIN = DOMAIN;
  process.env.INBOUND_WEBHOOK_SECRET = SECRET;
  smtp = await startInboundSmtp({ port: 0, host: "127.0.0.1", limits: { connectionsPerAddress: 3, messagesPerRecipientPerHour: 4 } });
});
afterAll(async () => {
  await smtp.close();
  for (const [name, value] of [["REPLY_DOMAIN", saved.domain], ["INBOUND_WEBHOOK_SECRET", saved.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});
beforeEach(() => {
  vi.spyOn(console, "log").mockImplementation(() => {});
});

async function setting() {
  const [author, replier] = await Promise.all([
    createTestMember({ createdAt: new Date(Date.now() - 2 * 86_400_000) }),
    createTestMember({ createdAt: new Date(Date.now() - 2 * 86_400_000) }),
  ]);
  const category = await createCategory(await createForum(), "MEMBERS");
  const thread = await createThread(category, { authorId: author.userId });
  const [user, t] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: replier.userId }, select: { mailNumber: true, replyKeyVersion: true } }),
    prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, select: { mailNumber: true } }),
  ]);
  return { replier, thread, address: (await addressSigner()).address("reply", user, t.mailNumber)! };
}

const transport = () => nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
const send = (from: string, to: string, raw: string, envelopeFrom: string = from) =>
  transport().sendMail({ envelope: { from: envelopeFrom, to }, raw });
const lastPost = (threadId: string) =>
  prisma.post.findFirstOrThrow({ where: { threadId }, orderBy: { number: "desc" }, select: { body: true, authorId: true } });

describe("the SMTP listener", () => {
  it("takes a reply for the reply domain, stores it, and the job posts only the new text", async () => {
    const { replier, thread, address } = await setting();
    const info = await send(replier.email, address, rawMessage({ from: replier.email, to: address, text: replyText("Sent over SMTP.") }));
    expect(info.accepted).toEqual([address]);
    expect(await prisma.inboundEmail.count({ where: { recipient: address, source: "smtp", processedAt: null } })).toBe(1);
    await runJobsUntilIdle({ handlers: jobHandlers });
    expect(await lastPost(thread.id)).toEqual({ body: "Sent over SMTP.", authorId: replier.userId });
  });

  it("refuses recipients at other domains, and too many messages for one address", async () => {
    const { replier, address } = await setting();
    await expect(send(replier.email, "someone@elsewhere.example", rawMessage({ from: replier.email, to: "x@y", text: "Hi" }))).rejects.toMatchObject({
      responseCode: 550,
    });
    for (let i = 0; i < 4; i++) await send(replier.email, address, rawMessage({ from: replier.email, to: address, text: `Message ${i}` }));
    await expect(send(replier.email, address, rawMessage({ from: replier.email, to: address, text: "One too many" }))).rejects.toMatchObject({
      responseCode: 450,
    });
  });

  it("announces its size limit, so a sending server does not send a larger message", async () => {
    const { replier, address } = await setting();
    // The client reads SIZE from EHLO (RFC 1870) and stops before sending, as mail servers do.
    const client = nodemailer.createTransport({ host: "127.0.0.1", port: smtp.port, secure: false, ignoreTLS: true });
    const big = rawMessage({ from: replier.email, to: address, text: "x".repeat(11 * 1024 * 1024) });
    await expect(client.sendMail({ envelope: { from: replier.email, to: address, size: big.length } as never, raw: big })).rejects.toThrow(
      `larger than allowed ${10 * 1024 * 1024}`,
    );
  });

  it("refuses a message that grows past the limit without declaring its size, keeps nothing, and takes the next one", async () => {
    const { replier, thread, address } = await setting();
    const postsBefore = await prisma.post.count({ where: { threadId: thread.id } });
    const jobsBefore = await prisma.job.count({ where: { kind: "inbound-email" } });
    // No SIZE= in MAIL FROM (the envelope names no size): the limit is only found while the data streams in.
    const big = rawMessage({ from: replier.email, to: address, text: replyText(`Too big. ${"y".repeat(11 * 1024 * 1024)}`) });
    await expect(send(replier.email, address, big)).rejects.toMatchObject({ responseCode: 552 });
    expect(await prisma.inboundEmail.count({ where: { recipient: address } })).toBe(0);
    expect(await prisma.job.count({ where: { kind: "inbound-email" } })).toBe(jobsBefore);

    // Still listening: the next message, on a new connection, is taken and posted.
    const info = await send(replier.email, address, rawMessage({ from: replier.email, to: address, text: replyText("Short enough.") }));
    expect(info.accepted).toEqual([address]);
    await runJobsUntilIdle({ handlers: jobHandlers });
    expect(await prisma.post.count({ where: { threadId: thread.id } })).toBe(postsBefore + 1);
    expect(await lastPost(thread.id)).toEqual({ body: "Short enough.", authorId: replier.userId });
  });
});

function webhookRequest(body: BodyInit, headers: Record<string, string>, query = "") {
  return { request: new Request(`http://localhost/email/inbound${query}`, { method: "POST", body, headers }), params: {}, context: { cspNonce: "", clientIp: "192.0.2.9" } };
}

describe("the provider webhook", () => {
  it("needs the shared secret", async () => {
    const { replier, address } = await setting();
    const raw = rawMessage({ from: replier.email, to: address, text: "Hi" });
    const none = await inboundAction(webhookRequest(raw, { "Content-Type": "message/rfc822" }));
    expect(none.status).toBe(401);
    const wrong = await inboundAction(webhookRequest(raw, { "Content-Type": "message/rfc822", Authorization: "Bearer nope" }));
    expect(wrong.status).toBe(401);
    expect(await prisma.inboundEmail.count({ where: { recipient: address } })).toBe(0);
  });

  it("takes a raw message (bearer secret, recipient from the message) and a provider's form (basic auth in the URL)", async () => {
    const { replier, thread, address } = await setting();
    const raw = await inboundAction(
      webhookRequest(rawMessage({ from: replier.email, to: `Replies <${address}>`, text: replyText("Through the webhook.") }), {
        "Content-Type": "message/rfc822",
        Authorization: `Bearer ${SECRET}`,
      }),
    );
    expect(raw.status).toBe(202);
    await runJobsUntilIdle({ handlers: jobHandlers });
    expect(await lastPost(thread.id)).toEqual({ body: "Through the webhook.", authorId: replier.userId });

    const form = new FormData();
    form.set("email", rawMessage({ from: replier.email, to: "undisclosed-recipients:;", text: "From a form." }));
    form.set("envelope", JSON.stringify({ to: [address], from: replier.email }));
    const viaForm = await inboundAction(webhookRequest(form, { Authorization: `Basic ${Buffer.from(`inbound:${SECRET}`).toString("base64")}` }));
    expect(viaForm.status).toBe(202);
    await runJobsUntilIdle({ handlers: jobHandlers });
    expect(await lastPost(thread.id)).toEqual({ body: "From a form.", authorId: replier.userId });
  });

  it("answers 503 with Retry-After when the message cannot be stored, so the provider sends it again; the retry is taken once", async () => {
    const { replier, thread, address } = await setting();
    const raw = new TextEncoder().encode(rawMessage({ from: replier.email, to: address, text: replyText("Sent twice, posted once.") }));
    const request = () => new Request("http://localhost/email/inbound", { method: "POST", headers: { Authorization: `Bearer ${SECRET}` } });
    const readBody = async () => ({ raw, recipients: [address], envelopeFrom: replier.email });
    vi.spyOn(console, "error").mockImplementation(() => {});
    const down = await receiveWebhookEmail(request(), { readBody, store: () => Promise.reject(new Error("connection refused")) });
    expect(down.status).toBe(503);
    expect(down.headers.get("Retry-After")).toBe("60");
    expect(await prisma.inboundEmail.count({ where: { recipient: address } })).toBe(0);

    const retried = await receiveWebhookEmail(request(), { readBody });
    expect(retried.status).toBe(202);
    await runJobsUntilIdle({ handlers: jobHandlers });
    expect(await lastPost(thread.id)).toEqual({ body: "Sent twice, posted once.", authorId: replier.userId });
  });

  it("is not there when no secret is configured", async () => {
    delete process.env.INBOUND_WEBHOOK_SECRET;
    try {
      const response = await inboundAction(webhookRequest("x", { "Content-Type": "message/rfc822", Authorization: `Bearer ${SECRET}` }));
      expect(response.status).toBe(404);
    } finally {
      process.env.INBOUND_WEBHOOK_SECRET = SECRET;
    }
  });
});
