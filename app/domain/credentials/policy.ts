/**
 * Who may read or change a CHCP log: its member, and nobody else (not
 * administrators, not reviewers, not share links). Every query of
 * chcp.server.ts is keyed on the signed-in member through `ownChcpWhere`.
 */
import type { Actor } from "~/domain/members/actor";

export function canViewChcpLog(actor: Actor, owner: { userId: string }): boolean {
  return actor.kind === "member" && actor.userId === owner.userId;
}

/** The where-clause of every list, count and export of log entries and credential records. */
export function ownChcpWhere(actor: { userId: string }) {
  return { userId: actor.userId };
}
