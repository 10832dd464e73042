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
  if (smtpUrl) {
    transport ??= nodemailer.createTransport(smtpUrl);
    await transport.sendMail({ from: MAIL_FROM(), ...email });
    await prisma.outboxEmail.create({ data: { ...email, sentAt: new Date() }, select: { id: true } });
    return;
  }
  await prisma.outboxEmail.create({ data: email, select: { id: true } });
  console.log(`[outbox] To: ${email.to} · Subject: ${email.subject}\n${email.text}\n[/outbox]`);
}

/** /dev/outbox is on while developing, or when DEV_OUTBOX=1 (end-to-end tests, demos). */
export function devOutboxEnabled(): boolean {
  return process.env.NODE_ENV === "development" || process.env.DEV_OUTBOX === "1";
}
