/**
 * Who may read a framework version's text (area names, summaries, stage
 * descriptors) and who may download it. Pure predicates, client-safe; the
 * matching where-builders (Prisma and SQL) are in rights.server.ts and every
 * query that shows area names or descriptors to someone uses them.
 *
 * - An OPEN version: everyone reads it (on the public pages too). Its
 *   document (the JSON export) is downloaded by site administrators.
 * - A LICENSED version: members of the associations holding a licence, and
 *   site administrators (who import and check it). Downloading it: site
 *   administrators and the owners of a licensee association.
 * Everyone else sees only the framework's name, its version, its licensees
 * and that it is licensed; a member's own stages and evidence stay theirs.
 */
import type { Actor } from "~/domain/members/actor";

export type FrameworkRightsValue = "OPEN" | "LICENSED";

export interface VersionRights {
  rights: FrameworkRightsValue;
  /** Ids of the associations holding a licence to the version. */
  licenseeIds: readonly string[];
}

/** The reader's associations: ids they belong to, and those they own. */
export interface ReaderMemberships {
  memberOf: readonly string[];
  ownerOf: readonly string[];
}

export function canReadFrameworkText(actor: Actor, version: VersionRights, memberships: ReaderMemberships): boolean {
  if (version.rights === "OPEN") return true;
  if (actor.kind !== "member") return false;
  if (actor.role === "ADMIN") return true;
  return version.licenseeIds.some((id) => memberships.memberOf.includes(id));
}

export function canExportFrameworkVersion(actor: Actor, version: VersionRights, memberships: ReaderMemberships): boolean {
  if (actor.kind !== "member") return false;
  if (actor.role === "ADMIN") return true;
  return version.rights === "LICENSED" && version.licenseeIds.some((id) => memberships.ownerOf.includes(id));
}

/** What a reader who may not read a licensed version sees instead of an area's name. */
export function hiddenAreaName(position: number): string {
  return `Area ${position}`;
}

export const LICENSED_TEXT_NOTE =
  "This framework is licensed to particular associations: its area names and descriptions are shown only to their members.";
