/** The email that confirms linking a provider to an existing account. Pure. */
import type { AccountEmail } from "~/domain/members/account-emails";

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function linkProviderEmail(providerName: string, link: string, minutes: number): AccountEmail {
  const paragraphs = [
    `Someone (hopefully you) signed in with ${providerName} using this email address and asked to connect it to your CME Commons account.`,
    `Open this link in the same browser to connect ${providerName}; after that you can sign in with it:`,
    link,
    `The link works once, for ${minutes} minutes. If it was not you, ignore this email: nothing changes and nobody gets into your account.`,
  ];
  return {
    subject: `Connect ${providerName} to your CME Commons account`,
    text: paragraphs.join("\n\n"),
    html: paragraphs
      .map((p) => (p === link ? `<p><a href="${escapeHtml(link)}">Connect ${escapeHtml(providerName)}</a></p>` : `<p>${escapeHtml(p)}</p>`))
      .join(""),
  };
}
