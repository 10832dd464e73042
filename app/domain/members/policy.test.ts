import { describe, expect, it } from "vitest";
import type { Visibility } from "~/generated/prisma/enums";
import { ANONYMOUS, type Actor } from "./actor";
import {
  canViewCompetencySummary,
  canViewSection,
  PROFILE_SECTIONS,
  sectionVisibleWhere,
  SECTION_VISIBILITY_FIELD,
  visibleSections,
} from "./policy";

const OWNER_ID = "owner";

function member(userId: string, role: "MEMBER" | "ADMIN" = "MEMBER"): Actor {
  return { kind: "member", userId, sessionId: `s-${userId}`, role, handle: userId, displayName: userId, onboarded: true, confirmed: true };
}

const actors = {
  visitor: ANONYMOUS,
  "another member": member("someone-else"),
  "an admin": member("an-admin", "ADMIN"),
  "the owner": member(OWNER_ID),
  "the owner (an admin)": member(OWNER_ID, "ADMIN"),
} satisfies Record<string, Actor>;

// Who sees a section with each visibility. Admins get no extra view of private data.
const expected: Record<Visibility, Record<keyof typeof actors, boolean>> = {
  PUBLIC: { visitor: true, "another member": true, "an admin": true, "the owner": true, "the owner (an admin)": true },
  MEMBERS: { visitor: false, "another member": true, "an admin": true, "the owner": true, "the owner (an admin)": true },
  PRIVATE: { visitor: false, "another member": false, "an admin": false, "the owner": true, "the owner (an admin)": true },
};

const cases = (Object.keys(expected) as Visibility[]).flatMap((visibility) =>
  (Object.keys(actors) as (keyof typeof actors)[]).map((name) => [visibility, name, expected[visibility][name]] as const),
);

describe("canViewSection", () => {
  it.each(cases)("a %s section, seen by %s → %s", (visibility, name, allowed) => {
    expect(canViewSection(actors[name], OWNER_ID, visibility)).toBe(allowed);
  });
});

describe("canViewCompetencySummary", () => {
  it.each(cases)("a %s competency summary, seen by %s → %s", (visibility, name, allowed) => {
    expect(canViewCompetencySummary(actors[name], OWNER_ID, visibility)).toBe(allowed);
  });
});

describe("visibleSections", () => {
  it.each([
    ["visitor", { professional: true, background: false, about: false, competencies: false }],
    ["another member", { professional: true, background: true, about: false, competencies: false }],
    ["an admin", { professional: true, background: true, about: false, competencies: false }],
    ["the owner", { professional: true, background: true, about: true, competencies: true }],
  ] as const)("for %s, reads each section's own visibility", (name, sections) => {
    const profile = {
      userId: OWNER_ID,
      professionalVisibility: "PUBLIC",
      backgroundVisibility: "MEMBERS",
      bioVisibility: "PRIVATE",
      competencyVisibility: "PRIVATE",
    } as const;
    expect(visibleSections(actors[name], profile)).toEqual(sections);
  });

  // Every other section set to the opposite, so the result can only come from competencyVisibility.
  it.each(cases)("a %s competency summary among other sections, seen by %s → %s", (visibility, name, allowed) => {
    const other: Visibility = visibility === "PUBLIC" ? "PRIVATE" : "PUBLIC";
    const profile = {
      userId: OWNER_ID,
      professionalVisibility: other,
      backgroundVisibility: other,
      bioVisibility: other,
      competencyVisibility: visibility,
    };
    expect(visibleSections(actors[name], profile).competencies).toBe(allowed);
  });
});

describe("sectionVisibleWhere", () => {
  it.each(PROFILE_SECTIONS.map((section) => [section] as const))(
    "%s: a visitor matches public sections only",
    (section) => {
      const field = {
        professional: "professionalVisibility",
        background: "backgroundVisibility",
        about: "bioVisibility",
        competencies: "competencyVisibility",
      }[section];
      expect(SECTION_VISIBILITY_FIELD[section]).toBe(field);
      expect(sectionVisibleWhere(ANONYMOUS, section)).toEqual({ [field]: { in: ["PUBLIC"] } });
    },
  );

  it.each([
    ["another member", "someone-else"],
    ["an admin", "an-admin"],
    ["the owner", OWNER_ID],
  ] as const)("%s matches public and members-only sections, plus their own profile", (name, userId) => {
    expect(sectionVisibleWhere(actors[name], "background")).toEqual({
      OR: [{ backgroundVisibility: { in: ["PUBLIC", "MEMBERS"] } }, { userId }],
    });
    expect(sectionVisibleWhere(actors[name], "competencies")).toEqual({
      OR: [{ competencyVisibility: { in: ["PUBLIC", "MEMBERS"] } }, { userId }],
    });
  });
});
