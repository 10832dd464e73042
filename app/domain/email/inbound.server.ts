/**
 * Mail that comes in: replies to reply addresses and new threads sent to
 * posting addresses (docs/decisions/0020-email-first-participation.md).
 *
 * 1. The SMTP listener (server/smtp-inbound.mjs) and the provider webhook
 *    (/email/inbound) store the raw message with `storeInboundEmail` and only
 *    then acknowledge it; storing enqueues an "inbound-email" job in the same
 *    transaction, so a crash loses nothing and pages never wait.
 * 2. The job (`runInboundEmail`) parses it (postal-mime), drops automatic
 *    mail and the site's own mail silently, checks the address's signature,
 *    its key version and the sender, cuts the text to what the member wrote
 *    (email-reply-parser; HTML-only mail through turndown first), and posts
 *    with the same functions as the site's forms (createReply, createThread):
 *    the same permission, posting-limit, sanitising, mention and notification
 *    rules. The message row is marked as posted in the post's own
 *    transaction, so a message posts once however often the job runs.
 * 3. Anything refused is answered by one short email (its dedupe key is the
 *    message's) saying what happened and how to post instead, with the
 *    member's text so nothing is lost; nothing is written.
 */
import { createHash, randomUUID } from "node:crypto";
import EmailReplyParser from "email-reply-parser";
import PostalMime, { type Email as ParsedEmail } from "postal-mime";
import TurndownService from "turndown";
import { createReply } from "~/domain/discussions/posts.server";
import { replySchema, threadSchema, threadPath } from "~/domain/discussions/schemas";
import { createThread } from "~/domain/discussions/threads.server";
import { NEW_ACCOUNT_POSTS_PER_HOUR } from "~/domain/discussions/posting-limit.server";
import { UNCONFIRMED_MESSAGE, type MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deliverEmail, MAIL_FROM, siteOrigin, writeOutboxEmail } from "~/utils/email.server";
import { formatBytes } from "~/utils/body-limits";
import { enqueueJobsSql, type ClaimedJob } from "~/utils/jobs.server";
import { hitRateLimits } from "~/utils/rate-limit.server";
import { shorten, wrapText } from "~/utils/email-render";
import { addressSigner, readAddress } from "./reply-addresses.server";
import { isOwnMessageId, newMessageId } from "./threading.server";
import { z } from "zod";

export const INBOUND_EMAIL_JOB = "inbound-email";
/** The largest message taken in (SMTP SIZE and the webhook). Larger ones keep only their start, to answer. */
export const INBOUND_MESSAGE_LIMIT = 10 * 1024 * 1024;
/** How much of an oversized message is kept: its headers, to answer its sender. */
export const OVERSIZE_KEPT_BYTES = 64 * 1024;
/** Processed messages are deleted this long after processing (maintenance.server.ts). */
export const INBOUND_RETENTION_DAYS = 30;
/** At most this many answers to refused mail per sender address and hour: a forged sender gets little mail. */
const ANSWERS_PER_SENDER_PER_HOUR = 5;
/** Text beyond this is not read: no post is that long, and quoted history ends the message anyway. */
const TEXT_READ_LIMIT = 200_000;

// ─── Storing ────────────────────────────────────────────────────────────────

/** The message's Message-ID, read from its header block (no full parse on the listener's path). */
export function headerMessageId(raw: Uint8Array): string | null {
  const head = new TextDecoder("latin1").decode(raw.subarray(0, Math.min(raw.byteLength, OVERSIZE_KEPT_BYTES)));
  const end = head.search(/\r?\n\r?\n/);
  const headers = (end === -1 ? head : head.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const match = /^message-id:\s*(\S[^\r\n]*)$/im.exec(headers);
  return match ? match[1]!.trim().toLowerCase() : null;
}

function digestOf(raw: Uint8Array): string {
  return `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}

/**
 * Stores a message and enqueues its processing, in one statement (so both or
 * neither are written, and no transaction waits for a connection while many
 * messages arrive at once). The same message to the same address (a provider
 * retrying, SMTP and the webhook both) is stored once: `stored: false`.
 */
export async function storeInboundEmail(input: {
  raw: Uint8Array;
  recipient: string;
  envelopeFrom: string | null;
  source: "smtp" | "webhook";
  tooLarge?: boolean;
}): Promise<{ stored: boolean }> {
  const raw = input.tooLarge ? input.raw.subarray(0, OVERSIZE_KEPT_BYTES) : input.raw;
  const messageId = headerMessageId(raw) ?? digestOf(input.raw);
  const recipient = input.recipient.trim().toLowerCase();
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH stored AS (
      INSERT INTO "InboundEmail" ("id", "messageId", "recipient", "envelopeFrom", "source", "raw", "tooLarge")
      VALUES (${randomUUID()}, ${messageId}, ${recipient}, ${input.envelopeFrom}, ${input.source}, ${bytes}, ${input.tooLarge ?? false})
      ON CONFLICT ("messageId", "recipient") DO NOTHING
      RETURNING "id"
    ),
    queued AS (${enqueueJobsSql({
      kind: INBOUND_EMAIL_JOB,
      from: Prisma.sql`stored s`,
      key: Prisma.sql`'inbound:' || s."id"`,
      payload: Prisma.sql`jsonb_build_object('id', s."id")`,
    })})
    SELECT "id" FROM stored`;
  return { stored: rows.length === 1 };
}

// ─── Reading a message ──────────────────────────────────────────────────────

const header = (parsed: ParsedEmail, name: string) => parsed.headers.find((entry) => entry.key === name)?.value.trim();

/** Auto-replies, bounces and list mail: dropped without an answer (RFC 3834, RFC 2076). */
export function isAutomatic(parsed: ParsedEmail, envelopeFrom: string | null): boolean {
  if (envelopeFrom === "" || /^<\s*>$/.test(parsed.returnPath ?? header(parsed, "return-path") ?? "")) return true;
  const autoSubmitted = header(parsed, "auto-submitted")?.toLowerCase();
  if (autoSubmitted && autoSubmitted !== "no") return true;
  if (/^(bulk|junk|list|auto_reply)$/i.test(header(parsed, "precedence") ?? "")) return true;
  if (header(parsed, "x-autoreply") !== undefined || header(parsed, "x-autorespond") !== undefined) return true;
  if (/^multipart\/report/i.test(header(parsed, "content-type") ?? "")) return true;
  const from = parsed.from?.address?.toLowerCase() ?? "";
  return /^(mailer-daemon|postmaster)@/.test(from);
}

/** Whether the message is the site's own (its Message-ID, or its sender is MAIL_FROM). */
function isOwnMail(parsed: ParsedEmail): boolean {
  const ownAddress = /<([^>]+)>/.exec(MAIL_FROM())?.[1] ?? MAIL_FROM();
  return isOwnMessageId(parsed.messageId) || parsed.from?.address?.toLowerCase() === ownAddress.trim().toLowerCase();
}

let turndown: TurndownService | undefined;
function markdownFromHtml(htmlText: string): string {
  turndown ??= new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-" }).remove([
    "style",
    "script",
    "head",
    "title",
  ]);
  return turndown.turndown(htmlText);
}

/**
 * What the member wrote: the plain-text part (or the HTML part as Markdown
 * when there is no text part), without quoted history, "On … wrote:" lines,
 * signatures and "Sent from my phone" footers.
 */
export function writtenText(parsed: ParsedEmail): string {
  const source = parsed.text?.trim() ? parsed.text : parsed.html ? markdownFromHtml(parsed.html) : "";
  const text = source.slice(0, TEXT_READ_LIMIT).replace(/\r\n?/g, "\n");
  return new EmailReplyParser().read(text).getVisibleText().trim();
}

// ─── Processing ─────────────────────────────────────────────────────────────

type Refusal =
  | "unknown-address"
  | "revoked"
  | "wrong-sender"
  | "too-large"
  | "no-text"
  | "unconfirmed"
  | "not-visible"
  | "locked"
  | "cannot-post"
  | "invalid"
  | "posting-limit";

type Outcome =
  | { kind: "dropped"; why: string }
  | { kind: "refused"; why: Refusal; detail?: string; link?: string }
  | { kind: "posted"; link: string; attachments: number; alreadyDone?: boolean };

const payloadSchema = z.object({ id: z.string().min(1) });

/** The "inbound-email" job: one stored message, processed once. */
export async function runInboundEmail(job: ClaimedJob, now: Date): Promise<void> {
  const { id } = payloadSchema.parse(job.payload);
  const row = await prisma.inboundEmail.findUnique({
    where: { id },
    select: { id: true, recipient: true, envelopeFrom: true, raw: true, tooLarge: true, processedAt: true },
  });
  if (!row || row.processedAt) return;
  const parsed = await PostalMime.parse(row.raw);
  const text = row.tooLarge ? "" : writtenText(parsed);
  const outcome = await decide(row, parsed, text);
  if (outcome.kind === "posted") {
    // The post's transaction marked the message; only the note about attachments is left.
    if (outcome.attachments > 0 && !outcome.alreadyDone) {
      await answer(row.id, parsed, {
        subject: "Posted, without your attachments",
        lines: [
          `Your email was posted: ${outcome.link}`,
          "",
          `It had ${outcome.attachments === 1 ? "an attachment" : `${outcome.attachments} attachments`}, which we do not post: discussions take text only. To share a file, put it somewhere your colleagues can open and add the link by editing your post on the site.`,
        ],
      });
    }
    return;
  }
  if (outcome.kind === "dropped") {
    await prisma.inboundEmail.updateMany({ where: { id: row.id, processedAt: null }, data: { processedAt: now, outcome: `dropped:${outcome.why}` } });
    return;
  }
  await prisma.inboundEmail.updateMany({ where: { id: row.id, processedAt: null }, data: { processedAt: now, outcome: outcome.why } });
  await answer(row.id, parsed, refusalMessage(outcome, text));
}

async function decide(
  row: { id: string; recipient: string; envelopeFrom: string | null; tooLarge: boolean },
  parsed: ParsedEmail,
  text: string,
): Promise<Outcome> {
  if (isAutomatic(parsed, row.envelopeFrom)) return { kind: "dropped", why: "automatic" };
  if (isOwnMail(parsed)) return { kind: "dropped", why: "own-mail" };
  const sender = parsed.from?.address?.trim().toLowerCase();
  if (!sender) return { kind: "dropped", why: "no-sender" };
  if (row.tooLarge) return { kind: "refused", why: "too-large" };

  const signer = await addressSigner();
  const address = readAddress(row.recipient, signer.key);
  if (!address.ok) return { kind: "refused", why: "unknown-address" };
  const user = await prisma.user.findUnique({
    where: { mailNumber: address.memberNumber },
    select: {
      id: true,
      email: true,
      role: true,
      replyKeyVersion: true,
      emailConfirmedAt: true,
      onboardedAt: true,
      profile: { select: { handle: true, displayName: true } },
    },
  });
  if (!user?.profile) return { kind: "refused", why: "unknown-address" };
  if ((user.replyKeyVersion & 0xffff) !== address.version) return { kind: "refused", why: "revoked" };
  if (sender !== user.email.toLowerCase()) return { kind: "refused", why: "wrong-sender" };
  if (!text) return { kind: "refused", why: "no-text" };

  const actor: MemberActor = {
    kind: "member",
    userId: user.id,
    sessionId: "",
    role: user.role,
    handle: user.profile.handle,
    displayName: user.profile.displayName,
    onboarded: user.onboardedAt !== null,
    confirmed: user.emailConfirmedAt !== null,
  };
  if (!actor.confirmed) return { kind: "refused", why: "unconfirmed" };
  const attachments = parsed.attachments.filter((attachment) => attachment.disposition !== "inline" || !attachment.contentId).length;

  if (address.kind === "reply") {
    const thread = await prisma.thread.findUnique({ where: { mailNumber: address.targetNumber }, select: { id: true, slug: true } });
    if (!thread) return { kind: "refused", why: "not-visible" };
    const link = siteOrigin() + threadPath(thread);
    const input = replySchema.safeParse({ body: text });
    if (!input.success) return { kind: "refused", why: "invalid", detail: input.error.issues[0]?.message, link };
    const result = await createReply(actor, thread.id, input.data, { inboundEmailId: row.id });
    if (result.ok) return { kind: "posted", link: `${link}#post-${result.value.number}`, attachments };
    if (result.why === "duplicate") return { kind: "posted", link, attachments, alreadyDone: true };
    if (result.reason === "not-found") return { kind: "refused", why: "not-visible" };
    if (result.reason === "rate-limited") return { kind: "refused", why: "posting-limit", link };
    return { kind: "refused", why: result.message.includes("locked") ? "locked" : "cannot-post", link };
  }

  const category = await prisma.category.findUnique({
    where: { mailNumber: address.targetNumber },
    select: { id: true, slug: true, forum: { select: { slug: true } } },
  });
  if (!category) return { kind: "refused", why: "cannot-post" };
  const link = `${siteOrigin()}/forums/${category.forum.slug}/${category.slug}`;
  const input = threadSchema.safeParse({ categoryId: category.id, title: parsed.subject ?? "", body: text, kind: "DISCUSSION" });
  if (!input.success) return { kind: "refused", why: "invalid", detail: input.error.issues[0]?.message, link };
  const result = await createThread(actor, input.data, { inboundEmailId: row.id });
  if (result.ok) return { kind: "posted", link: siteOrigin() + threadPath(result.value), attachments };
  if (result.why === "duplicate") return { kind: "posted", link, attachments, alreadyDone: true };
  if (result.reason === "rate-limited") return { kind: "refused", why: "posting-limit", link };
  return { kind: "refused", why: "cannot-post" };
}

// ─── Answers ────────────────────────────────────────────────────────────────

function refusalMessage(outcome: Extract<Outcome, { kind: "refused" }>, text: string): { subject: string; lines: string[] } {
  const site = siteOrigin();
  const onSite = outcome.link ? `To post it, open ${outcome.link} and write it there.` : `To take part, open ${site} and post on the site.`;
  const reasons: Record<Refusal, string> = {
    "unknown-address":
      "We could not tell which conversation your email was for: the address you sent it to is not one we gave out, or it was changed on the way.",
    revoked:
      "The reply address you wrote to was stopped: its owner stopped all their reply addresses in Settings → Email. Newer emails from us carry new addresses.",
    "wrong-sender":
      "It came from an address that is not the one the reply address belongs to. Send it from the address your CME Commons account uses.",
    "too-large": `It was larger than ${formatBytes(INBOUND_MESSAGE_LIMIT)}. Send your text on its own, without attachments.`,
    "no-text": "We found no new text in it: we leave out quoted earlier messages and signatures, and nothing was left.",
    unconfirmed: UNCONFIRMED_MESSAGE,
    "not-visible": "The thread is not there any more, or you can no longer see it (for example after leaving its association).",
    locked: "The thread is locked: it takes no new replies.",
    "cannot-post": "You cannot post there any more.",
    invalid: `It could not be posted as it is: ${outcome.detail ?? "something in it was not accepted"}.`,
    "posting-limit": `New accounts can post ${NEW_ACCOUNT_POSTS_PER_HOUR} times an hour during their first day. Try again in a little while.`,
  };
  const lines = [`Your email was not posted, and nothing was changed. ${reasons[outcome.why]}`, "", onSite];
  if (text && outcome.why !== "wrong-sender" && outcome.why !== "unknown-address") {
    const kept = shorten(text, 4000, { keepLines: true });
    lines.push("", "Here is your text, so you can copy it:", "", ...wrapText(kept, 70).split("\n").map((line) => (line ? `> ${line}` : ">")));
  }
  return { subject: "Your email was not posted", lines };
}

/**
 * One short email to the sender, at most once per message (its dedupe key),
 * and at most a few an hour per address. It is automatic mail (no
 * auto-replies to it), and it carries no reply address.
 */
async function answer(inboundId: string, parsed: ParsedEmail, message: { subject: string; lines: string[] }): Promise<void> {
  const to = parsed.from?.address?.trim().toLowerCase();
  if (!to) return;
  const dedupeKey = `inbound-answer:${inboundId}`;
  const earlier = await prisma.outboxEmail.findUnique({ where: { dedupeKey }, select: { id: true } });
  if (earlier) return;
  if ((await hitRateLimits([{ key: `inbound-answer:${to}`, max: ANSWERS_PER_SENDER_PER_HOUR, windowSeconds: 3600 }])) !== null) return;
  const subject = parsed.subject ? `${message.subject}: ${shorten(parsed.subject.replace(/^(re|aw|sv|fwd?):\s*/i, ""), 80)}` : message.subject;
  const headers: Record<string, string> = {
    "Message-ID": newMessageId("answer"),
    "Auto-Submitted": "auto-replied",
  };
  if (parsed.messageId) {
    headers["In-Reply-To"] = parsed.messageId;
    headers.References = parsed.messageId;
  }
  const emailId = await writeOutboxEmail({
    to,
    subject,
    text: `${wrapText(message.lines.join("\n"))}\n\n— CME Commons\n`,
    headers,
    kind: "inbound-answer",
    dedupeKey,
  });
  if (emailId) await deliverEmail(emailId);
}
