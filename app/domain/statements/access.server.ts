// Shared with the statements-versions helper (suggestions, diff, version pages): change signatures with care.
/**
 * Loading a statement for an actor: the facts the policies need, the actor's
 * membership of its association and the capability flags, in one query.
 * Null when the actor may not see it (the route answers 404).
 */
import type { Membership } from "~/domain/associations/policy";
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import {
  canAdopt,
  canArchive,
  canDecideSuggestions,
  canEditText,
  canEndorse,
  canFeature,
  canManageCoauthors,
  canOpen,
  canSignal,
  canSuggest,
  canViewStatement,
  type StatementStatusName,
} from "./policy";

export type StatementCapabilities = {
  editText: boolean;
  manageCoauthors: boolean;
  suggest: boolean;
  decideSuggestions: boolean;
  open: boolean;
  adopt: boolean;
  archive: boolean;
  signal: boolean;
  endorse: boolean;
  feature: boolean;
};

export type StatementAccess = {
  statement: {
    id: string;
    title: string;
    status: StatementStatusName;
    associationId: string | null;
    association: { slug: string; name: string } | null;
    authorId: string | null;
    coauthorIds: string[];
    currentVersion: number;
    adoptedVersion: number | null;
    threadId: string | null;
  };
  membership: Membership;
  can: StatementCapabilities;
};

export async function getStatementAccess(actor: Actor, statementId: string): Promise<StatementAccess | null> {
  const userId = actor.kind === "member" ? actor.userId : "";
  const row = await prisma.statement.findUnique({
    where: { id: statementId },
    select: {
      id: true,
      title: true,
      status: true,
      associationId: true,
      authorId: true,
      currentVersion: true,
      adoptedVersion: true,
      threadId: true,
      coauthors: { select: { userId: true }, orderBy: { createdAt: "asc" } },
      association: {
        select: { slug: true, name: true, memberships: { where: { userId }, select: { role: true }, take: 1 } },
      },
    },
  });
  if (!row) return null;
  const membership: Membership =
    actor.kind === "member" && row.association?.memberships[0] ? { role: row.association.memberships[0].role } : null;
  const statement = {
    id: row.id,
    title: row.title,
    status: row.status,
    associationId: row.associationId,
    association: row.association ? { slug: row.association.slug, name: row.association.name } : null,
    authorId: row.authorId,
    coauthorIds: row.coauthors.map((c) => c.userId),
    currentVersion: row.currentVersion,
    adoptedVersion: row.adoptedVersion,
    threadId: row.threadId,
  };
  if (!canViewStatement(actor, statement, membership)) return null;
  return {
    statement,
    membership,
    can: {
      editText: canEditText(actor, statement, membership),
      manageCoauthors: canManageCoauthors(actor, statement, membership),
      suggest: canSuggest(actor, statement, membership),
      decideSuggestions: canDecideSuggestions(actor, statement, membership),
      open: canOpen(actor, statement, membership),
      adopt: canAdopt(actor, statement, membership),
      archive: canArchive(actor, statement, membership),
      signal: canSignal(actor, statement, membership),
      endorse: canEndorse(actor, statement, membership),
      feature: canFeature(actor, statement, membership),
    },
  };
}
