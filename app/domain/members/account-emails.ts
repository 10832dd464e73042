/**
 * The emails about an account itself: a password reset link, the link that
 * confirms a new account's address, and the note to an address's owner when
 * someone tries to sign up with it. Pure (no database, no sending), so that
 * both branches of sign-up and of a reset request compose an email the same
 * way whether or not the address has an account.
 *
 * Plain words, one link each, and what to do if it was not you: the tone of
 * the reset email these join.
 */
import { CONFIRMATION_LINK_HOURS, UNCONFIRMED_ACCOUNT_DAYS } from "./constants";

export type AccountEmail = { subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** One email from paragraphs; a paragraph is text, or a link with its label (shown as the URL in plain text). */
function compose(subject: string, paragraphs: (string | { label: string; href: string; before?: string })[]): AccountEmail {
  const text = paragraphs
    .map((p) => (typeof p === "string" ? p : `${p.before ? `${p.before} ` : ""}${p.href}`))
    .join("\n\n");
  const html = paragraphs
    .map((p) =>
      typeof p === "string"
        ? `<p>${escapeHtml(p)}</p>`
        : `<p>${p.before ? `${escapeHtml(p.before)} ` : ""}<a href="${escapeHtml(p.href)}">${escapeHtml(p.label)}</a></p>`,
    )
    .join("");
  return { subject, text, html };
}

export function passwordResetEmail(link: string, minutes: number): AccountEmail {
  return compose("Reset your CME Commons password", [
    "Someone (hopefully you) asked to reset the password of your CME Commons account.",
    { before: "Choose a new password here:", label: "Choose a new password", href: link },
    `The link works once and expires in ${minutes} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
  ]);
}

export function confirmationEmail(link: string): AccountEmail {
  return compose("Confirm your email address for CME Commons", [
    "Welcome to CME Commons! Please confirm that this is your email address to finish creating your account.",
    { before: "Confirm your address here:", label: "Confirm my email address", href: link },
    `The link works once, for the next ${CONFIRMATION_LINK_HOURS} hours. Until you confirm, you can read but not post, join associations or invite anyone, and an account that is not confirmed within ${UNCONFIRMED_ACCOUNT_DAYS} days is deleted.`,
    "If you did not sign up, ignore this email: the account will be deleted on its own.",
  ]);
}

/** To the owner of an address someone tried to sign up with: nothing was created, and how to get in. */
export function signUpAttemptEmail(links: { login: string; forgotPassword: string }): AccountEmail {
  return compose("Someone tried to create a CME Commons account with your address", [
    "Someone (hopefully you) tried to create a new CME Commons account with this email address. It already has an account, so nothing new was created.",
    { before: "If it was you, log in here:", label: "Log in", href: links.login },
    { before: "Forgot your password? Choose a new one here:", label: "Reset your password", href: links.forgotPassword },
    "If it was not you, ignore this email: your account and your password stay as they are.",
  ]);
}
