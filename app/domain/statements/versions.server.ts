// Shared with the statements-versions helper (accepting suggestions uses recordNewVersion): change signatures with care.
/**
 * New numbered versions of a statement's text, with optimistic concurrency:
 * every change names the version it was based on, and a conditional UPDATE
 * ("… SET currentVersion = base + 1 WHERE id = ? AND currentVersion = base")
 * decides who wins. Zero rows updated means someone saved first: the caller
 * gets the current text back to show the member a conflict page.
 */
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";

export type NewVersionResult =
  | { ok: true; version: number }
  | { ok: false; conflict: { currentVersion: number; currentText: string } };

/**
 * Inside the caller's transaction: moves the statement from `baseVersion` to
 * `baseVersion + 1` and stores that version's text (Markdown and sanitized
 * HTML). Refused (conflict) when the base is not the current version, or the
 * statement is no longer editable (adopted or archived texts are frozen).
 */
export async function recordNewVersion(
  tx: Prisma.TransactionClient,
  input: {
    statementId: string;
    baseVersion: number;
    text: string;
    writtenById: string | null;
    acceptedById?: string | null;
    note?: string;
  },
): Promise<NewVersionResult> {
  const next = input.baseVersion + 1;
  const moved = await tx.statement.updateMany({
    where: { id: input.statementId, currentVersion: input.baseVersion, status: { in: ["DRAFT", "OPEN"] } },
    data: { currentVersion: next },
  });
  if (moved.count === 0) {
    const current = await tx.statement.findUnique({
      where: { id: input.statementId },
      select: { currentVersion: true, versions: { orderBy: { number: "desc" }, take: 1, select: { text: true } } },
    });
    return {
      ok: false,
      conflict: { currentVersion: current?.currentVersion ?? 0, currentText: current?.versions[0]?.text ?? "" },
    };
  }
  await tx.statementVersion.create({
    data: {
      statementId: input.statementId,
      number: next,
      text: input.text,
      textHtml: renderMarkdown(input.text),
      writtenById: input.writtenById,
      acceptedById: input.acceptedById ?? null,
      note: input.note ?? "",
    },
  });
  return { ok: true, version: next };
}

/**
 * After commit: members who signed an earlier version and have not signed
 * this one are asked to re-confirm (STATEMENT_NEW_VERSION), if they can still
 * see the statement. Never fails the caller.
 */
export async function afterNewVersion(statementId: string, version: number): Promise<void> {
  try {
    const statement = await prisma.statement.findUnique({
      where: { id: statementId },
      select: { title: true, associationId: true, status: true },
    });
    if (!statement || statement.status !== "OPEN") return;
    // StatementEndorsement(userId) and (statementId, version, createdAt) indexes.
    const earlier = await prisma.statementEndorsement.findMany({
      where: {
        statementId,
        version: { lt: version },
        user: {
          statementEndorsements: { none: { statementId, version } },
          ...(statement.associationId
            ? { memberships: { some: { associationId: statement.associationId } } }
            : {}),
        },
      },
      distinct: ["userId"],
      select: { userId: true },
    });
    if (earlier.length === 0) return;
    await prisma.notification.createMany({
      data: earlier.map(({ userId }) => ({
        userId,
        kind: "STATEMENT_NEW_VERSION" as const,
        statementId,
        data: { statementTitle: statement.title, version },
      })),
    });
  } catch (error) {
    console.warn("afterNewVersion failed after the version was saved", error);
  }
}
