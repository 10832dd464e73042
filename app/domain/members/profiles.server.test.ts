import { describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import type { Visibility } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { ANONYMOUS, type Actor, type MemberActor } from "./actor";
import { canViewSection, PROFILE_SECTIONS, sectionVisibleWhere } from "./policy";
import { profileFormSchema, type ProfileFormValue } from "./profile-schemas";
import { getProfileForViewer } from "~/domain/pages/profile-page.server";
import { getOwnProfileForEdit, searchDirectory, updateProfile } from "./profiles.server";

// The worker's database is shared by the test files it runs: every name here
// carries this file's own token, and searches are narrowed to it.
const run = `t${Math.random().toString(36).slice(2, 8)}`;
let count = 0;

async function createMember(
  profile: Partial<Omit<Prisma.ProfileCreateWithoutUserInput, "handle">> = {},
  role: "MEMBER" | "ADMIN" = "MEMBER",
  confirmed = true,
): Promise<MemberActor> {
  count += 1;
  const handle = `${run}-${count}`;
  const displayName = (profile.displayName as string | undefined) ?? `Member ${run} ${count}`;
  const user = await prisma.user.create({
    data: {
      email: `${handle}@example.org`,
      passwordHash: "not-a-real-hash",
      role,
      emailConfirmedAt: confirmed ? new Date() : null,
      profile: { create: { ...profile, handle, displayName } },
    },
    select: { id: true },
  });
  return { kind: "member", userId: user.id, sessionId: "test", role, handle, displayName, onboarded: true, confirmed };
}

/** A profile full of values that only its owner may ever see. */
async function createSecretiveMember(visibility: Visibility = "PRIVATE") {
  const secret = `${run}-secret-${count + 1}`;
  const owner = await createMember({
    jobTitle: `${secret}-title`,
    organization: `${secret}-org`,
    organizationType: "MEDICAL_SOCIETY",
    roleArchetype: "ACADEMIC_CME_LEADER",
    careerLevel: "VICE_PRESIDENT",
    professionalVisibility: visibility,
    background: "MEETING_PLANNING",
    yearsInField: 37,
    credentials: ["PMP", `${secret}-cred`],
    accreditationSystem: "EACCME",
    backgroundVisibility: visibility,
    bio: `${secret}-bio`,
    bioHtml: `<p>${secret}-bio</p>`,
    bioVisibility: visibility,
  });
  return { owner, secret };
}

const secretValues = (secret: string) => [
  secret,
  "MEDICAL_SOCIETY",
  "ACADEMIC_CME_LEADER",
  "VICE_PRESIDENT",
  "MEETING_PLANNING",
  "\"yearsInField\"",
  "PMP",
  "EACCME",
];

function expectNoneOf(value: unknown, needles: string[]) {
  const text = JSON.stringify(value);
  for (const needle of needles) expect(text).not.toContain(needle);
}

function formValue(overrides: Record<string, unknown>): ProfileFormValue {
  return profileFormSchema.parse({
    professionalVisibility: "MEMBERS",
    backgroundVisibility: "MEMBERS",
    bioVisibility: "MEMBERS",
    competencyVisibility: "MEMBERS",
    ...overrides,
  });
}

describe("getProfileForViewer", () => {
  it("keeps private sections from visitors, other members and admins", async () => {
    const { owner, secret } = await createSecretiveMember("PRIVATE");
    const viewers: [string, Actor][] = [
      ["visitor", ANONYMOUS],
      ["another member", await createMember()],
      ["an admin", await createMember({}, "ADMIN")],
    ];
    for (const [, viewer] of viewers) {
      const view = await getProfileForViewer(viewer, owner.handle);
      expect(view).toMatchObject({
        handle: owner.handle,
        displayName: owner.displayName,
        isOwner: false,
        professional: null,
        background: null,
        about: null,
        competencies: null,
        visibility: null,
      });
      expectNoneOf(view, secretValues(secret));
    }
  });

  it("shows members-only sections to members but not to visitors", async () => {
    const { owner, secret } = await createSecretiveMember("MEMBERS");
    const visitorView = await getProfileForViewer(ANONYMOUS, owner.handle);
    expect(visitorView).toMatchObject({ professional: null, background: null, about: null });
    expectNoneOf(visitorView, secretValues(secret));

    const memberView = await getProfileForViewer(await createMember(), owner.handle);
    expect(memberView?.professional?.jobTitle).toBe(`${secret}-title`);
    expect(memberView?.background?.credentials).toEqual(["PMP", `${secret}-cred`]);
    expect(memberView?.about?.bioHtml).toBe(`<p>${secret}-bio</p>`);
    expect(memberView?.visibility).toBeNull();
  });

  it("shows public sections to visitors", async () => {
    const owner = await createMember({ jobTitle: `${run}-public-title`, professionalVisibility: "PUBLIC" });
    const view = await getProfileForViewer(ANONYMOUS, owner.handle);
    expect(view?.professional?.jobTitle).toBe(`${run}-public-title`);
    expect(view?.background).toBeNull();
  });

  it("shows the owner everything, with who can see each section", async () => {
    const { owner, secret } = await createSecretiveMember("PRIVATE");
    const view = await getProfileForViewer(owner, owner.handle);
    expect(view).toMatchObject({
      isOwner: true,
      professional: { jobTitle: `${secret}-title`, roleArchetype: "ACADEMIC_CME_LEADER", careerLevel: "VICE_PRESIDENT" },
      background: { yearsInField: 37, accreditationSystem: "EACCME", background: "MEETING_PLANNING" },
      about: { bioHtml: `<p>${secret}-bio</p>` },
      // No submitted assessment yet: nothing to summarise, even for the owner.
      competencies: null,
      visibility: { professional: "PRIVATE", background: "PRIVATE", about: "PRIVATE", competencies: "PRIVATE" },
    });
  });

  it("never includes the email or ids, and answers null for an unknown handle", async () => {
    const owner = await createMember({ professionalVisibility: "PUBLIC", backgroundVisibility: "PUBLIC", bioVisibility: "PUBLIC" });
    const view = await getProfileForViewer(owner, owner.handle);
    expect(JSON.stringify(view)).not.toContain("@example.org");
    expect(JSON.stringify(view)).not.toContain(owner.userId);
    expect(await getProfileForViewer(ANONYMOUS, `${run}-nobody`)).toBeNull();
  });
});

describe("sectionVisibleWhere agrees with canViewSection", () => {
  it("for every viewer, section and visibility", async () => {
    const owners = new Map<string, Visibility>();
    for (const visibility of ["PUBLIC", "MEMBERS", "PRIVATE"] as const) {
      const owner = await createMember({
        displayName: `Agree ${run} ${visibility}`,
        professionalVisibility: visibility,
        backgroundVisibility: visibility,
        bioVisibility: visibility,
        competencyVisibility: visibility,
      });
      owners.set(owner.userId, visibility);
    }
    const [firstOwnerId] = [...owners.keys()];
    const viewers: Actor[] = [
      ANONYMOUS,
      await createMember(),
      await createMember({}, "ADMIN"),
      { kind: "member", userId: firstOwnerId!, sessionId: "t", role: "MEMBER", handle: "x", displayName: "x", onboarded: true, confirmed: true },
    ];
    for (const viewer of viewers) {
      for (const section of PROFILE_SECTIONS) {
        const rows = await prisma.profile.findMany({
          where: { AND: [{ userId: { in: [...owners.keys()] } }, sectionVisibleWhere(viewer, section)] },
          select: { userId: true },
        });
        const expected = [...owners].filter(([ownerId, visibility]) => canViewSection(viewer, ownerId, visibility));
        expect(rows.map((row) => row.userId).sort()).toEqual(expected.map(([ownerId]) => ownerId).sort());
      }
    }
  });
});

describe("an account whose address is not confirmed", () => {
  it("is in no one's directory and has no profile page, except for its owner", async () => {
    const pending = await createMember({ displayName: `${run} Pending Person` }, "MEMBER", false);
    for (const viewer of [ANONYMOUS, await createMember(), await createMember({}, "ADMIN")]) {
      expect((await searchDirectory(viewer, { q: `${run} Pending` })).items).toEqual([]);
      expect(await getProfileForViewer(viewer, pending.handle)).toBeNull();
    }
    expect((await searchDirectory(pending, { q: `${run} Pending` })).items.map((item) => item.handle)).toEqual([pending.handle]);
    expect(await getProfileForViewer(pending, pending.handle)).toMatchObject({ handle: pending.handle, isOwner: true });
  });
});

describe("searchDirectory", () => {
  it("lists a private member by name but without their private details", async () => {
    const { owner, secret } = await createSecretiveMember("PRIVATE");
    for (const viewer of [ANONYMOUS, await createMember()]) {
      const { items } = await searchDirectory(viewer, { q: owner.handle });
      expect(items).toEqual([{ handle: owner.handle, displayName: owner.displayName, photo: null, professional: null, background: null }]);
      expectNoneOf(items, secretValues(secret));
    }
  });

  it("never matches a filter on a private value, except for the owner", async () => {
    const { owner } = await createSecretiveMember("PRIVATE");
    const filters = [
      { roleArchetype: "ACADEMIC_CME_LEADER" },
      { organizationType: "MEDICAL_SOCIETY" },
      { credential: "PMP" },
      { accreditationSystem: "EACCME" },
    ] as const;
    for (const viewer of [ANONYMOUS, await createMember(), await createMember({}, "ADMIN")]) {
      for (const filter of filters) {
        const { items } = await searchDirectory(viewer, { q: owner.handle, ...filter });
        expect(items, JSON.stringify(filter)).toEqual([]);
      }
    }
    for (const filter of filters) {
      const { items } = await searchDirectory(owner, { q: owner.handle, ...filter });
      expect(items.map((item) => item.handle)).toEqual([owner.handle]);
    }
  });

  it("matches members-only values for members, not for visitors", async () => {
    const { owner, secret } = await createSecretiveMember("MEMBERS");
    const asVisitor = await searchDirectory(ANONYMOUS, { q: owner.handle, credential: "PMP" });
    expect(asVisitor.items).toEqual([]);
    const asMember = await searchDirectory(await createMember(), { q: owner.handle, credential: "PMP" });
    expect(asMember.items).toEqual([
      {
        handle: owner.handle,
        displayName: owner.displayName,
        photo: null,
        professional: { jobTitle: `${secret}-title`, organization: `${secret}-org`, roleArchetype: "ACADEMIC_CME_LEADER" },
        background: { credentials: ["PMP", `${secret}-cred`] },
      },
    ]);
  });

  it("searches names and handles in any case, treating % and _ as plain characters", async () => {
    const owner = await createMember({ displayName: `Zoë Quartermaine ${run}` });
    expect((await searchDirectory(ANONYMOUS, { q: `zoË QUARTER` })).items.map((i) => i.handle)).toContain(owner.handle);
    expect((await searchDirectory(ANONYMOUS, { q: owner.handle.toUpperCase() })).items.map((i) => i.handle)).toEqual([
      owner.handle,
    ]);
    expect((await searchDirectory(ANONYMOUS, { q: `quarter%${run}` })).items).toEqual([]);
    expect((await searchDirectory(ANONYMOUS, { q: `${run}_${count}` })).items).toEqual([]);
    expect((await searchDirectory(ANONYMOUS, { q: `quarter\\${run}` })).items).toEqual([]);
    const literal = await createMember({ displayName: `100% _real_ \\ ${run}` });
    expect((await searchDirectory(ANONYMOUS, { q: `100% _real_ \\ ${run}` })).items.map((i) => i.handle)).toEqual([
      literal.handle,
    ]);
  });

  it("returns every member exactly once across pages, in name order", async () => {
    const token = `${run}pg`;
    // Repeated names check the tie-break on userId.
    const names = ["Ada", "bea", "Cy", "Cy", "Cy", "Dee", "Émile", "Flo", "Flo", "Gus"].map((name) => `${token} ${name}`);
    const created = [];
    for (const displayName of names) created.push(await createMember({ displayName }));
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await searchDirectory(ANONYMOUS, { q: token, limit: 3, after });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.handle));
      after = page.nextCursor ?? undefined;
      pages += 1;
    } while (after && pages < 10);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(created.map((member) => member.handle).sort());

    const sorted = await prisma.profile.findMany({
      where: { displayName: { startsWith: token } },
      orderBy: [{ displayName: "asc" }, { userId: "asc" }],
      select: { handle: true },
    });
    expect(seen).toEqual(sorted.map((row) => row.handle));
  });

  it("has no next page when the last page is exactly full, and ignores a cursor it did not make", async () => {
    const token = `${run}ex`;
    for (const name of ["One", "Two"]) await createMember({ displayName: `${token} ${name}` });
    const page = await searchDirectory(ANONYMOUS, { q: token, limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
    for (const after of ["not-a-cursor", "W10", Buffer.from('{"a":1}').toString("base64url")]) {
      expect((await searchDirectory(ANONYMOUS, { q: token, after })).items).toHaveLength(2);
    }
  });
});

describe("updateProfile", () => {
  it("saves every field, merges credentials and renders the bio safely", async () => {
    const member = await createMember();
    const result = await updateProfile(
      member,
      formValue({
        handle: `${run}-Renamed`,
        displayName: "  Dr. Renamed Person ",
        jobTitle: "CME Manager",
        organization: "",
        roleArchetype: "PROGRAM_DEVELOPER",
        yearsInField: 4,
        credentials: ["MHA"],
        otherCredentials: "pmp, FACEHP, facehp ,  ",
        bio: "Hello **there**<script>alert(1)</script>",
        bioVisibility: "PUBLIC",
        competencyVisibility: "PUBLIC",
      }),
    );
    expect(result).toEqual({ ok: true, value: { handle: `${run}-renamed` } });
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: member.userId } });
    expect(saved).toMatchObject({
      handle: `${run}-renamed`,
      displayName: "Dr. Renamed Person",
      jobTitle: "CME Manager",
      organization: null,
      roleArchetype: "PROGRAM_DEVELOPER",
      yearsInField: 4,
      credentials: ["PMP", "MHA", "FACEHP"],
      bioVisibility: "PUBLIC",
      competencyVisibility: "PUBLIC",
    });
    expect(saved.bioHtml).toBe("<p>Hello <strong>there</strong></p>");

    const edit = await getOwnProfileForEdit(member.userId);
    expect(edit).toMatchObject({
      credentials: ["PMP", "MHA"],
      otherCredentials: "FACEHP",
      organization: undefined,
      competencyVisibility: "PUBLIC",
    });
  });

  it("saves who sees the competency summary, and the form starts from it", async () => {
    const member = await createMember();
    expect((await getOwnProfileForEdit(member.userId)).competencyVisibility).toBe("PRIVATE");
    for (const competencyVisibility of ["MEMBERS", "PUBLIC", "PRIVATE"] as const) {
      const result = await updateProfile(member, formValue({ handle: member.handle, displayName: "Sharer", competencyVisibility }));
      expect(result.ok).toBe(true);
      expect((await getOwnProfileForEdit(member.userId)).competencyVisibility).toBe(competencyVisibility);
    }
  });

  it.each([[undefined], ["EVERYONE"], ["public"]])("refuses a competency visibility of %s", (competencyVisibility) => {
    const parsed = profileFormSchema.safeParse({
      handle: "valid-handle",
      displayName: "Someone",
      professionalVisibility: "PUBLIC",
      backgroundVisibility: "PUBLIC",
      bioVisibility: "PUBLIC",
      competencyVisibility,
    });
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["competencyVisibility", "Choose who can see this section"],
    ]);
  });

  it("answers a field error, not an exception, when the handle is taken", async () => {
    const first = await createMember();
    const second = await createMember({ jobTitle: "Unchanged" });
    const result = await updateProfile(second, formValue({ handle: first.handle, displayName: "Second", jobTitle: "Changed" }));
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { handle: [expect.stringMatching(/already uses that handle/)] } });
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: second.userId }, select: { handle: true, jobTitle: true } });
    expect(saved).toEqual({ handle: second.handle, jobTitle: "Unchanged" });
  });

  it("lets a member keep their own handle", async () => {
    const member = await createMember();
    const result = await updateProfile(member, formValue({ handle: member.handle, displayName: "Same Handle" }));
    expect(result).toEqual({ ok: true, value: { handle: member.handle } });
  });
});
