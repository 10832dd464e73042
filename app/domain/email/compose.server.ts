/**
 * Puts a community email together: the content, the footer saying why the
 * member gets it, the settings and one-click unsubscribe links, and the
 * List-Unsubscribe headers (RFC 2369 and RFC 8058) mail clients show as an
 * "Unsubscribe" button.
 */
import { siteOrigin, type Email } from "~/utils/email.server";
import { communityFooter, htmlDocument, wrapText } from "~/utils/email-render";

export type CommunityEmailKind = "digest" | "notification" | "mailing-list";

/**
 * The unsubscribe link is made beforehand (`unsubscribeUrl`): it may read the
 * signing key from the database, which must not happen inside a transaction
 * (PGlite runs one at a time).
 */
export function composeCommunityEmail(options: {
  to: string;
  userId: string;
  kind: CommunityEmailKind;
  dedupeKey: string;
  subject: string;
  /** The first line mail clients show beside the subject. */
  preheader: string;
  /** Unwrapped plain text; wrapped here. */
  text: string;
  bodyHtml: string;
  /** "You get this email because …" */
  reason: string;
  unsubscribeUrl: string;
  /** Threading, list and Reply-To headers for an email about a thread (threading.server.ts). */
  threadHeaders?: Record<string, string>;
}): Email {
  const unsubscribe = options.unsubscribeUrl;
  const footer = communityFooter({
    reason: options.reason,
    settingsUrl: `${siteOrigin()}/settings/email`,
    unsubscribeUrl: unsubscribe,
  });
  return {
    to: options.to,
    subject: options.subject,
    text: `${wrapText(options.text.trimEnd())}\n\n${footer.text}\n`,
    html: htmlDocument({
      title: options.subject,
      preheader: options.preheader,
      bodyHtml: options.bodyHtml,
      footerHtml: footer.footerHtml,
    }),
    headers: {
      ...options.threadHeaders,
      "List-Unsubscribe": `<${unsubscribe}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      // Automatic mail: no out-of-office replies, please (RFC 3834).
      "Auto-Submitted": "auto-generated",
    },
    kind: options.kind,
    userId: options.userId,
    dedupeKey: options.dedupeKey,
  };
}
