/**
 * Email. With SMTP_URL set, mail goes out through nodemailer (and is recorded
 * as sent); without it, it waits in the outbox table, is printed to the server
 * log, and in development is listed at /dev/outbox. Every email has a
 * plain-text part.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { prisma } from "./db.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

let transport: Transporter | undefined;

export const MAIL_FROM = () => process.env.MAIL_FROM ?? "CME Commons <no-reply@cme-commons.local>";

export async function sendEmail(email: Email): Promise<void> {
  const smtpUrl = process.env.SMTP_URL;
  const { id } = await prisma.outboxEmail.create({ data: email, select: { id: true } });
  if (smtpUrl) {
    // Handed to the mail server after the request: a slow server must not slow
    // the page down (nor make "account exists" answers measurably slower).
    transport ??= nodemailer.createTransport(smtpUrl);
    void transport
      .sendMail({ from: MAIL_FROM(), ...email })
      .then(() => prisma.outboxEmail.update({ where: { id }, data: { sentAt: new Date() }, select: { id: true } }))
      .catch((error: unknown) => console.error(`Could not send email ${id} to the mail server`, error));
    return;
  }
  console.log(`[outbox] To: ${email.to} · Subject: ${email.subject}\n${email.text}\n[/outbox]`);
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
    select: { id: true, to: true, subject: true, text: true, createdAt: true, sentAt: true },
  });
}
