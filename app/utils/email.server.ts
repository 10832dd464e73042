/**
 * Email. Every email is first written to the outbox table, then delivered:
 * with SMTP_URL set, through nodemailer (and the row is marked sent); without
 * it, printed to the server log, and in development listed at /dev/outbox.
 * Every email has a plain-text part.
 *
 * Writing and delivering are two steps so that a background job can write an
 * email inside the transaction that records what it covered (a digest moves
 * the member's digest cursor in the same transaction), and deliver it only
 * after that transaction committed. An email with a `dedupeKey` is written at
 * most once: a second write with the same key writes nothing.
 */
import { now as clockNow } from "./clock.server";
import nodemailer, { type Transporter } from "nodemailer";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, such as List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
  /** What the email is: "account" (the default), "digest", "notification"… */
  kind?: string;
  /** The member it was written for, when there is one. */
  userId?: string | null;
  /** Emails that must never go out twice carry a key: a second write with it writes nothing. */
  dedupeKey?: string | null;
}

type Db = Prisma.TransactionClient | typeof prisma;

let transport: { url: string; transporter: Transporter } | undefined;

export const MAIL_FROM = () => process.env.MAIL_FROM ?? "CME Commons <no-reply@cme-commons.local>";

let warnedAboutSiteUrl = false;

/**
 * The site's public address for links in emails sent outside a request
 * (digests and notification emails, written by background jobs): SITE_URL,
 * or this machine's address while developing.
 */
export function siteOrigin(): string {
  const configured = process.env.SITE_URL?.trim().replace(/\/+$/, "");
  if (configured) return configured;
  if (process.env.NODE_ENV === "production" && !warnedAboutSiteUrl) {
    warnedAboutSiteUrl = true;
    console.warn("SITE_URL is not set: links in digest and notification emails point to localhost.");
  }
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

function smtpTransport(url: string): Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/**
 * Writes an email to the outbox, with `db` (a transaction client, to write it
 * together with what it records). Returns its id, or null when an email with
 * the same dedupeKey was already written.
 */
export async function writeOutboxEmail(email: Email, db: Db = prisma): Promise<string | null> {
  const rows = await db.outboxEmail.createManyAndReturn({
    data: [
      {
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html ?? null,
        headers: email.headers ?? undefined,
        kind: email.kind ?? "account",
        userId: email.userId ?? null,
        dedupeKey: email.dedupeKey ?? null,
        // The application's clock, which the outbox's retention (housekeeping) also reads.
        createdAt: clockNow(),
      },
    ],
    // ON CONFLICT DO NOTHING: the dedupe key was taken (by this job's earlier run, or another worker).
    skipDuplicates: true,
    select: { id: true },
  });
  return rows[0]?.id ?? null;
}

/**
 * Hands a written email over: to the mail server when SMTP_URL is set,
 * otherwise to the server log. Call it after the transaction that wrote the
 * email committed. Throws when the mail server refuses it (a job then retries).
 *
 * The row's sentAt is claimed before sending, so two workers delivering the
 * same email send it once; a failed send releases the claim.
 */
export async function deliverEmail(id: string): Promise<void> {
  const smtpUrl = process.env.SMTP_URL;
  if (!smtpUrl) {
    const email = await prisma.outboxEmail.findUnique({ where: { id }, select: { to: true, subject: true, text: true } });
    if (email) printEmail(email);
    return;
  }
  const [email] = await prisma.$queryRaw<
    { to: string; subject: string; text: string; html: string | null; headers: unknown }[]
  >`UPDATE "OutboxEmail" SET "sentAt" = ${new Date()} WHERE "id" = ${id} AND "sentAt" IS NULL
    RETURNING "to", "subject", "text", "html", "headers"`;
  if (!email) return; // Already sent (or being sent) by someone else.
  try {
    // Message-ID and Reply-To go through nodemailer's own options, so it neither adds a second one nor drops ours.
    const { "Message-ID": messageId, "Reply-To": replyTo, ...headers } = headerRecord(email.headers);
    await smtpTransport(smtpUrl).sendMail({
      from: MAIL_FROM(),
      to: email.to,
      subject: email.subject,
      text: email.text,
      ...(email.html ? { html: email.html } : {}),
      ...(messageId ? { messageId } : {}),
      ...(replyTo ? { replyTo } : {}),
      headers,
    });
  } catch (error) {
    await prisma.outboxEmail.updateMany({ where: { id }, data: { sentAt: null } });
    throw error;
  }
}

/** Whether emails leave this server (SMTP_URL is set). */
export function smtpConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

/**
 * Writes an email and delivers it. With a mail server, delivery happens after
 * the request: a slow server must not slow the page down (nor make "account
 * exists" answers measurably slower).
 */
export async function sendEmail(email: Email): Promise<void> {
  const id = await writeOutboxEmail(email);
  if (!id) return;
  if (smtpConfigured()) {
    void deliverEmail(id).catch((error: unknown) => console.error(`Could not send email ${id} to the mail server`, error));
    return;
  }
  printEmail(email);
}

function printEmail(email: { to: string; subject: string; text: string }) {
  console.log(`[outbox] To: ${email.to} · Subject: ${email.subject}\n${email.text}\n[/outbox]`);
}

/** The headers column as a string record (anything else is dropped). */
export function headerRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/** /dev/outbox is on while developing, or when DEV_OUTBOX=1 (end-to-end tests, demos). */
export function devOutboxEnabled(): boolean {
  return process.env.NODE_ENV === "development" || process.env.DEV_OUTBOX === "1";
}

/** The newest emails, for /dev/outbox. */
export function listOutbox(take = 50) {
  return prisma.outboxEmail.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, to: true, subject: true, text: true, kind: true, headers: true, createdAt: true, sentAt: true },
  });
}
