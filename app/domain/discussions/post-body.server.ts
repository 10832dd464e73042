/** Posts' Markdown, stored as sanitized HTML at write time (threads and replies alike). */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { findMentions, linkMentions } from "./mentions";

/**
 * A post's Markdown as sanitized HTML: mentions of existing handles become
 * profile links (never inside code), then renderMarkdown sanitizes it all.
 */
export async function renderPostBody(body: string, client: Prisma.TransactionClient = prisma): Promise<string> {
  const mentioned = findMentions(body);
  if (mentioned.length === 0) return renderMarkdown(body);
  const rows = await client.profile.findMany({ where: { handle: { in: mentioned } }, select: { handle: true } });
  return renderPostBodyWith(body, new Set(rows.map((row) => row.handle)));
}

/** The same, when the caller has already looked up which of the body's mentions are existing handles. */
export function renderPostBodyWith(body: string, existingHandles: ReadonlySet<string>): string {
  // Only existing handles are linked: with none, there is nothing to look for.
  return existingHandles.size === 0 ? renderMarkdown(body) : renderMarkdown(linkMentions(body, existingHandles));
}
