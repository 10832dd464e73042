import { describe, expect, test } from "vitest";
import type { Membership } from "~/domain/associations/policy";
import { ANONYMOUS, type Actor } from "~/domain/members/actor";
import {
  canAdopt,
  canArchive,
  canDecideSuggestions,
  canEditText,
  canEndorse,
  canFeature,
  canManageCoauthors,
  canOpen,
  canProposeStatement,
  canSignal,
  canSuggest,
  canViewStatement,
  visibleStatementsWhere,
  type StatementFacts,
  type StatementStatusName,
} from "./policy";

const member = (userId: string, role: "MEMBER" | "ADMIN" = "MEMBER"): Actor => ({
  kind: "member",
  userId,
  sessionId: "s",
  role,
  handle: userId,
  displayName: userId,
  onboarded: true,
  confirmed: true,
});

type ActorKind =
  | "visitor"
  | "member"
  | "association member"
  | "association moderator"
  | "owner"
  | "author"
  | "co-author"
  | "admin";

/** Each kind of actor, and their membership of the statement's association (when it has one). */
const ACTORS: Record<ActorKind, { actor: Actor; membership: Membership }> = {
  visitor: { actor: ANONYMOUS, membership: null },
  member: { actor: member("outsider"), membership: null },
  "association member": { actor: member("plain"), membership: { role: "MEMBER" } },
  "association moderator": { actor: member("mod"), membership: { role: "MODERATOR" } },
  owner: { actor: member("owner"), membership: { role: "OWNER" } },
  author: { actor: member("author"), membership: { role: "MEMBER" } },
  "co-author": { actor: member("co"), membership: { role: "MEMBER" } },
  admin: { actor: member("admin", "ADMIN"), membership: null },
};

const STATUSES: StatementStatusName[] = ["DRAFT", "OPEN", "ADOPTED", "ARCHIVED"];
const statement = (status: StatementStatusName, associationId: string | null): StatementFacts => ({
  status,
  associationId,
  authorId: "author",
  coauthorIds: ["co"],
});

type Check = (actor: Actor, s: StatementFacts, membership: Membership) => boolean;
const CHECKS: Record<string, Check> = {
  view: canViewStatement,
  editText: canEditText,
  manageCoauthors: canManageCoauthors,
  suggest: canSuggest,
  decideSuggestions: canDecideSuggestions,
  open: canOpen,
  adopt: canAdopt,
  archive: canArchive,
  signal: canSignal,
  endorse: canEndorse,
  feature: canFeature,
};

/**
 * Who may do each thing, per scope and status. Anyone not listed may not.
 * "association member" etc. only mean something for association statements:
 * on community statements their membership is ignored (they are plain members).
 */
type Rule = Partial<Record<StatementStatusName, ActorKind[]>>;
const EVERY_MEMBER: ActorKind[] = ["member", "association member", "association moderator", "owner", "author", "co-author", "admin"];
const IN_ASSOCIATION: ActorKind[] = ["association member", "association moderator", "owner", "author", "co-author"];

const COMMUNITY: Record<string, Rule> = {
  view: {
    DRAFT: ["author", "co-author", "admin"],
    OPEN: ["visitor", ...EVERY_MEMBER],
    ADOPTED: ["visitor", ...EVERY_MEMBER],
    ARCHIVED: ["visitor", ...EVERY_MEMBER],
  },
  editText: { DRAFT: ["author", "co-author"], OPEN: ["author", "co-author"] },
  manageCoauthors: { DRAFT: ["author"], OPEN: ["author"] },
  suggest: { OPEN: ["member", "association member", "association moderator", "owner", "admin"] },
  decideSuggestions: { OPEN: ["author", "co-author", "admin"] },
  open: { DRAFT: ["author"] },
  adopt: { OPEN: ["admin"] },
  archive: { OPEN: ["admin", "author"], ADOPTED: ["admin"] },
  signal: { OPEN: EVERY_MEMBER },
  endorse: { OPEN: EVERY_MEMBER },
  feature: { ADOPTED: EVERY_MEMBER },
};

const ASSOCIATION: Record<string, Rule> = {
  view: {
    DRAFT: ["author", "co-author", "admin"],
    OPEN: [...IN_ASSOCIATION, "admin"],
    ADOPTED: [...IN_ASSOCIATION, "admin"],
    ARCHIVED: [...IN_ASSOCIATION, "admin"],
  },
  editText: { DRAFT: ["author", "co-author"], OPEN: ["author", "co-author"] },
  manageCoauthors: { DRAFT: ["author"], OPEN: ["author"] },
  suggest: { OPEN: ["association member", "association moderator", "owner"] },
  decideSuggestions: { OPEN: ["author", "co-author", "association moderator", "owner", "admin"] },
  open: { DRAFT: ["author"] },
  adopt: { OPEN: ["association moderator", "owner", "admin"] },
  archive: { OPEN: ["association moderator", "owner", "admin", "author"], ADOPTED: ["association moderator", "owner", "admin"] },
  signal: { OPEN: IN_ASSOCIATION },
  endorse: { OPEN: IN_ASSOCIATION },
  feature: { ADOPTED: [...IN_ASSOCIATION, "admin"] },
};

function cases(scope: "community" | "association", rules: Record<string, Rule>) {
  return Object.entries(rules).flatMap(([check, rule]) =>
    STATUSES.flatMap((status) =>
      (Object.keys(ACTORS) as ActorKind[]).map((kind) => ({
        scope,
        check,
        status,
        kind,
        expected: (rule[status] ?? []).includes(kind),
      })),
    ),
  );
}

describe("statement permissions", () => {
  test.each([...cases("community", COMMUNITY), ...cases("association", ASSOCIATION)])(
    "$scope $status: $kind may $check → $expected",
    ({ scope, check, status, kind, expected }) => {
      const { actor, membership } = ACTORS[kind];
      const s = statement(status, scope === "community" ? null : "assoc");
      // Membership of an association means nothing for a community-wide statement.
      expect(CHECKS[check]!(actor, s, scope === "community" ? null : membership)).toBe(expected);
    },
  );

  test("propose: any member community-wide, only members of an association within it", () => {
    expect(canProposeStatement(ANONYMOUS, null, null)).toBe(false);
    expect(canProposeStatement(member("x"), null, null)).toBe(true);
    expect(canProposeStatement(member("x"), "assoc", null)).toBe(false);
    expect(canProposeStatement(member("x"), "assoc", { role: "MEMBER" })).toBe(true);
  });

  test("a former member who wrote an association statement can no longer see or edit it once open", () => {
    const s = statement("OPEN", "assoc");
    expect(canViewStatement(member("author"), s, null)).toBe(false);
    expect(canEditText(member("author"), s, null)).toBe(false);
  });
});

describe("visibleStatementsWhere", () => {
  test("visitors: published community statements only", () => {
    expect(visibleStatementsWhere(ANONYMOUS)).toEqual({
      associationId: null,
      status: { in: ["OPEN", "ADOPTED", "ARCHIVED"] },
    });
  });
  test("administrators: everything", () => {
    expect(visibleStatementsWhere(member("admin", "ADMIN"))).toEqual({});
  });
  test("members: published community ones, their associations' published ones, drafts they write", () => {
    const where = visibleStatementsWhere(member("u1"));
    expect(where.OR).toHaveLength(3);
    expect(JSON.stringify(where)).toContain('"userId":"u1"');
  });
});
