/**
 * The headers that make an email about a thread answerable and let mail
 * clients thread it: Reply-To (the member's reply address for the thread),
 * Message-ID, In-Reply-To and References, List-Id for the forum (the
 * association's, or the community's) and List-Post (RFC 2369, RFC 2919,
 * RFC 5322).
 *
 * Every email about one thread references the same root id, so the emails
 * of one thread sit together whatever arrives first. Message-IDs are ours
 * alone ("cme." at the reply domain, or the site's host): mail coming back
 * in with one of them is the site's own and is never taken in
 * (inbound.server.ts).
 */
import { siteOrigin } from "~/utils/email.server";
import { replyDomain } from "./reply-addresses.server";

/** The domain of the site's Message-IDs. */
export function messageIdDomain(): string {
  return replyDomain() ?? new URL(siteOrigin()).hostname;
}

/** Whether a Message-ID is one the site wrote. */
export function isOwnMessageId(messageId: string | null | undefined): boolean {
  if (!messageId) return false;
  const id = messageId.trim().replace(/^<|>$/g, "").toLowerCase();
  return id.startsWith("cme.") && id.endsWith(`@${messageIdDomain()}`);
}

const threadRoot = (threadId: string) => `<cme.t.${threadId}@${messageIdDomain()}>`;

/** A fresh Message-ID of the site's own (for emails about nothing in particular, such as answers to inbound mail). */
export function newMessageId(label: string): string {
  return `<cme.${label}.${crypto.randomUUID()}@${messageIdDomain()}>`;
}

export function threadHeaders(options: {
  threadId: string;
  /** The post the email is about, if any; with the recipient's number it makes the Message-ID. */
  postId: string | null;
  recipientNumber: number;
  forum: { slug: string; name: string };
  /** The recipient's reply address for this thread, or null (email replies are off). */
  replyAddress: string | null;
}): Record<string, string> {
  const domain = messageIdDomain();
  const root = threadRoot(options.threadId);
  const subject = options.postId ? `p.${options.postId}` : `t.${options.threadId}.${Date.now().toString(36)}`;
  const headers: Record<string, string> = {
    "Message-ID": `<cme.${subject}.${options.recipientNumber}@${domain}>`,
    "In-Reply-To": root,
    References: root,
    // RFC 2919: a phrase and a dot-atom id. Quotes in the name are dropped rather than escaped.
    "List-Id": `"${options.forum.name.replace(/["\\\r\n]/g, "")}" <${options.forum.slug}.forums.${domain}>`,
    "List-Post": options.replyAddress ? `<mailto:${options.replyAddress}>` : "NO",
  };
  if (options.replyAddress) headers["Reply-To"] = options.replyAddress;
  return headers;
}
