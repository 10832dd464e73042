import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { createSession } from "~/utils/session.server";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { loader as profileLoader } from "~/routes/members/members.$handle";
import { loader as directoryLoader } from "~/routes/members/members._index";
import { action as editAction, loader as editLoader } from "~/routes/accounts/settings.profile";

// The worker's database is shared with other test files: names carry this file's token.
const run = `r${Math.random().toString(36).slice(2, 8)}`;
let count = 0;

/** A member with a signed-in session: `cookie` is what their browser would send. */
async function createMember(profile: Partial<Omit<Prisma.ProfileCreateWithoutUserInput, "handle">> = {}) {
  count += 1;
  const handle = `${run}-${count}`;
  const user = await prisma.user.create({
    data: {
      email: `${handle}@example.org`,
      passwordHash: "not-a-real-hash",
      emailConfirmedAt: new Date(),
      profile: { create: { displayName: `Member ${run} ${count}`, ...profile, handle } },
    },
    select: { id: true },
  });
  const { token } = await createSession(user.id);
  return { userId: user.id, handle, email: `${handle}@example.org`, cookie: `cme_session=${token}` };
}

/** Every section PRIVATE, full of values no one else may ever see. */
async function createPrivateMember() {
  const secret = `${run}-hidden-${count + 1}`;
  const member = await createMember({
    jobTitle: `${secret}-title`,
    organization: `${secret}-org`,
    organizationType: "EDUCATION_COMPANY",
    roleArchetype: "MEDICAL_EDUCATION_TECHNOLOGIST",
    careerLevel: "DIRECTOR",
    professionalVisibility: "PRIVATE",
    background: "CLINICAL",
    yearsInField: 42,
    credentials: ["CHCP", `${secret}-cred`],
    accreditationSystem: "ACCME",
    backgroundVisibility: "PRIVATE",
    bio: `${secret}-bio`,
    bioHtml: `<p>${secret}-bio</p>`,
    bioVisibility: "PRIVATE",
  });
  const privateValues = [
    secret,
    member.email,
    "EDUCATION_COMPANY",
    "MEDICAL_EDUCATION_TECHNOLOGIST",
    "DIRECTOR",
    "CLINICAL",
    "\"yearsInField\"",
    "CHCP",
    "ACCME",
  ];
  return { ...member, secret, privateValues };
}

function expectNoneOf(data: unknown, needles: string[]) {
  const text = JSON.stringify(data);
  for (const needle of needles) expect(text, `must not contain ${needle}`).not.toContain(needle);
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

describe("/members/:handle", () => {
  it("shows a visitor and another member the name, never a private section or the email", async () => {
    const owner = await createPrivateMember();
    const other = await createMember();
    for (const cookie of [null, other.cookie]) {
      const data = await profileLoader(routeArgs(`/members/${owner.handle}`, { params: { handle: owner.handle }, cookie }));
      expect(data.profile.displayName).toBe(`Member ${run} ${count - 1}`);
      expect(data.canEdit).toBe(false);
      expectNoneOf(data, owner.privateValues);
    }
  });

  it("shows members-only sections to members, not to visitors", async () => {
    const owner = await createMember({ jobTitle: `${run}-members-title`, professionalVisibility: "MEMBERS" });
    const other = await createMember();
    const asVisitor = await profileLoader(routeArgs(`/members/${owner.handle}`, { params: { handle: owner.handle } }));
    expect(JSON.stringify(asVisitor)).not.toContain(`${run}-members-title`);
    const asMember = await profileLoader(
      routeArgs(`/members/${owner.handle}`, { params: { handle: owner.handle }, cookie: other.cookie }),
    );
    expect(asMember.profile.professional?.jobTitle).toBe(`${run}-members-title`);
  });

  it("shows the owner everything and lets them edit, but still not their email", async () => {
    const owner = await createPrivateMember();
    const data = await profileLoader(
      routeArgs(`/members/${owner.handle}`, { params: { handle: owner.handle }, cookie: owner.cookie }),
    );
    expect(data.canEdit).toBe(true);
    expect(data.profile.professional?.jobTitle).toBe(`${owner.secret}-title`);
    expect(data.profile.visibility).toEqual({
      professional: "PRIVATE",
      background: "PRIVATE",
      about: "PRIVATE",
      competencies: "PRIVATE",
    });
    expect(JSON.stringify(data)).not.toContain(owner.email);
  });

  it("answers 404 for an unknown handle", async () => {
    const response = await thrown(profileLoader(routeArgs(`/members/${run}-nobody`, { params: { handle: `${run}-nobody` } })));
    expect(response.status).toBe(404);
  });

  it("sends a handle typed in capitals to its lowercase address", async () => {
    const owner = await createMember();
    const upper = owner.handle.toUpperCase();
    const response = await thrown(profileLoader(routeArgs(`/members/${upper}`, { params: { handle: upper } })));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/members/${owner.handle}`);
  });
});

describe("/members/:handle competency summary", () => {
  let versionId: string;
  let areas: { id: string; name: string }[];
  let stages: { id: string; name: string; position: number }[];

  beforeAll(async () => {
    await seed();
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
    versionId = settings.currentFrameworkVersionId!;
    [areas, stages] = await Promise.all([
      prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, name: true } }),
      prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, name: true, position: true } }),
    ]);
  });

  /**
   * A member whose competency summary has `visibility`, with a submitted
   * assessment (every area at stage 1 or 2, every target the last stage, with
   * evidence) and a newer draft rating every area at the last stage.
   */
  async function createAssessedMember(competencyVisibility: "PUBLIC" | "MEMBERS" | "PRIVATE") {
    const owner = await createMember({ competencyVisibility });
    const secret = `${run}-evidence-${count}`;
    const answers = (stageOf: (index: number) => number, withExtras: boolean) =>
      areas.map((area, index) => ({
        areaId: area.id,
        stageId: stages[stageOf(index) - 1]!.id,
        targetStageId: withExtras ? stages.at(-1)!.id : null,
        evidence: withExtras ? secret : "",
        evidenceHtml: withExtras ? `<p>${secret}</p>` : "",
        links: withExtras ? [`https://example.org/${secret}`] : [],
      }));
    const submitted = await prisma.assessment.create({
      data: { userId: owner.userId, versionId, draftOwnerId: owner.userId, answers: { create: answers((i) => (i % 2) + 1, true) } },
      select: { id: true },
    });
    // Answers are written while a draft: the database refuses them once submitted.
    await prisma.assessment.update({
      where: { id: submitted.id },
      data: { status: "SUBMITTED", submittedAt: new Date(Date.UTC(2026, 2, 14, 12)), draftOwnerId: null, isBaseline: true },
      select: { id: true },
    });
    await prisma.assessment.create({
      data: { userId: owner.userId, versionId, draftOwnerId: owner.userId, answers: { create: answers(() => stages.length, false) } },
      select: { id: true },
    });
    // Never in the page's data: evidence, links, targets (the last stage's name only appears as a target or in the draft), ids.
    const privateValues = [secret, "https://example.org", `"${stages.at(-1)!.name}"`, "target", "evidence", submitted.id, owner.userId];
    return { ...owner, privateValues };
  }

  const load = (handle: string, cookie: string | null = null) =>
    profileLoader(routeArgs(`/members/${handle}`, { params: { handle }, cookie }));

  function expectSummary(data: Awaited<ReturnType<typeof load>>) {
    expect(data.profile.competencies).toEqual({
      submittedOn: new Date(Date.UTC(2026, 2, 14, 12)),
      framework: { name: expect.any(String), version: expect.any(String) },
      areas: areas.map((area, index) => ({
        name: area.name,
        position: index + 1,
        stage: { name: stages[index % 2]!.name, position: (index % 2) + 1 },
        stageCount: stages.length,
      })),
    });
  }

  it("keeps a private summary from visitors and other members, and shows it to the owner", async () => {
    const owner = await createAssessedMember("PRIVATE");
    const other = await createMember();
    for (const cookie of [null, other.cookie]) {
      const data = await load(owner.handle, cookie);
      expect(data.profile.competencies).toBeNull();
      expectNoneOf(data, [...owner.privateValues, `"${stages[0]!.name}"`]);
    }
    const own = await load(owner.handle, owner.cookie);
    expectSummary(own);
    expect(own.profile.visibility?.competencies).toBe("PRIVATE");
    expectNoneOf(own, owner.privateValues);
  });

  it("shows a members-only summary to members, not to visitors", async () => {
    const owner = await createAssessedMember("MEMBERS");
    const other = await createMember();
    expect((await load(owner.handle)).profile.competencies).toBeNull();
    const asMember = await load(owner.handle, other.cookie);
    expectSummary(asMember);
    expect(asMember.profile.visibility).toBeNull();
    expectNoneOf(asMember, owner.privateValues);
  });

  it("shows a public summary to visitors: the latest submitted stages only, never targets, evidence or the draft", async () => {
    const owner = await createAssessedMember("PUBLIC");
    const data = await load(owner.handle);
    expectSummary(data);
    // Everything the loader returns is sent to the browser: check all of it, serialized.
    expectNoneOf(data, owner.privateValues);
  });

  it("shows nothing to others when a member sharing it has not submitted an assessment", async () => {
    const owner = await createMember({ competencyVisibility: "PUBLIC" });
    expect((await load(owner.handle)).profile.competencies).toBeNull();
    const own = await load(owner.handle, owner.cookie);
    expect(own.profile.competencies).toBeNull();
    expect(own.profile.visibility?.competencies).toBe("PUBLIC");
  });
});

describe("/members (directory)", () => {
  it("lists a private member by name, without their private details, to visitors and members", async () => {
    const owner = await createPrivateMember();
    const other = await createMember();
    for (const cookie of [null, other.cookie]) {
      const data = await directoryLoader(routeArgs(`/members?q=${owner.handle}`, { cookie }));
      expect(data.items.map((item) => item.handle)).toEqual([owner.handle]);
      expectNoneOf(data, owner.privateValues);
    }
  });

  it("does not find a member by a private credential, role or organization type", async () => {
    const owner = await createPrivateMember();
    const other = await createMember();
    for (const filter of [
      "credential=CHCP",
      "role=MEDICAL_EDUCATION_TECHNOLOGIST",
      "organizationType=EDUCATION_COMPANY",
      "accreditation=ACCME",
    ]) {
      for (const cookie of [null, other.cookie]) {
        const data = await directoryLoader(routeArgs(`/members?q=${owner.handle}&${filter}`, { cookie }));
        expect(data.items, filter).toEqual([]);
      }
      const own = await directoryLoader(routeArgs(`/members?q=${owner.handle}&${filter}`, { cookie: owner.cookie }));
      expect(own.items.map((item) => item.handle), filter).toEqual([owner.handle]);
    }
  });

  it("ignores query values that do not fit instead of failing", async () => {
    const owner = await createMember();
    const data = await directoryLoader(
      routeArgs(`/members?q=${owner.handle}&role=WIZARD&credential=&organizationType=%00&accreditation=1&after=%%%`),
    );
    expect(data.items.map((item) => item.handle)).toEqual([owner.handle]);
    expect(data.filters).toEqual({ q: owner.handle });
    const tooLong = await directoryLoader(routeArgs(`/members?q=${"x".repeat(500)}`));
    expect(tooLong.filters).toEqual({});
  });

  it("links to the next page with the same filters, and every member appears once", async () => {
    const token = `${run}page`;
    const handles: string[] = [];
    for (let i = 0; i < 23; i++) {
      handles.push((await createMember({ displayName: `${token} ${String(i).padStart(2, "0")}`, backgroundVisibility: "PUBLIC", credentials: ["MHA"] })).handle);
    }
    const first = await directoryLoader(routeArgs(`/members?q=${token}&credential=MHA`));
    expect(first.items).toHaveLength(20);
    expect(first.isLaterPage).toBe(false);
    const next = new URL(first.nextPage!, "http://localhost");
    expect(next.searchParams.get("q")).toBe(token);
    expect(next.searchParams.get("credential")).toBe("MHA");
    const second = await directoryLoader(routeArgs(`${next.pathname}${next.search}`));
    expect(second.items).toHaveLength(3);
    expect(second.isLaterPage).toBe(true);
    expect(second.nextPage).toBeNull();
    expect(second.firstPage).toBe(`/members?q=${token}&credential=MHA`);
    expect([...first.items, ...second.items].map((item) => item.handle).sort()).toEqual(handles.sort());
  });
});

describe("/settings/profile", () => {
  const validForm = (handle: string) => ({
    displayName: "Edited Name",
    handle,
    jobTitle: "Director of CME",
    organizationType: "",
    roleArchetype: "ACCREDITATION_SPECIALIST",
    professionalVisibility: "PUBLIC",
    yearsInField: "12",
    credentials: ["CHCP", "PMP"],
    otherCredentials: "FACEHP",
    backgroundVisibility: "MEMBERS",
    bio: "I plan **regional** conferences.",
    bioVisibility: "PRIVATE",
    competencyVisibility: "MEMBERS",
  });

  it("sends visitors to log in first", async () => {
    const response = await thrown(editLoader(routeArgs("/settings/profile")));
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fsettings%2Fprofile");
  });

  it("starts from the member's own profile, splitting credentials into ticks and free text", async () => {
    const member = await createMember({ credentials: ["MHA", "FACEHP"], bio: "Hello" });
    const data = await editLoader(routeArgs("/settings/profile", { cookie: member.cookie }));
    expect(data.profile).toMatchObject({
      handle: member.handle,
      credentials: ["MHA"],
      otherCredentials: "FACEHP",
      bio: "Hello",
      competencyVisibility: "PRIVATE",
    });
    expect(JSON.stringify(data)).not.toContain(member.email);
  });

  it("saves and goes to the profile page", async () => {
    const member = await createMember();
    const handle = `${run}-edited`;
    const response = (await editAction(
      routeArgs("/settings/profile", { cookie: member.cookie, form: validForm(handle) }),
    )) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/members/${handle}`);
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: member.userId } });
    expect(saved).toMatchObject({
      handle,
      displayName: "Edited Name",
      organizationType: null,
      roleArchetype: "ACCREDITATION_SPECIALIST",
      yearsInField: 12,
      credentials: ["CHCP", "PMP", "FACEHP"],
      bioHtml: "<p>I plan <strong>regional</strong> conferences.</p>",
      bioVisibility: "PRIVATE",
      competencyVisibility: "MEMBERS",
    });
  });

  // Issue 18 §5: options added by the profile_and_planner_options migration.
  it.each([
    ["GOVERNMENT_MILITARY", "OUTCOMES_EVALUATION", "STATE_MEDICAL_SOCIETY"],
    ["INSURANCE_MANAGED_CARE", "GRANTS_COMMERCIAL_SUPPORT", "JOINT_ACCREDITATION"],
    ["NONPROFIT_OTHER", "OUTCOMES_EVALUATION", "ANCC"],
    ["PHARMA_DEVICE_COMPANY", "GRANTS_COMMERCIAL_SUPPORT", "ACPE"],
    ["EDUCATION_COMPANY", "MEDICAL_EDUCATION_TECHNOLOGIST", "RCPSC"],
  ])("saves %s, %s and %s, and the directory finds the member by them", async (organizationType, roleArchetype, accreditation) => {
    const member = await createMember();
    const form = { ...validForm(member.handle), organizationType, roleArchetype, accreditationSystem: accreditation, backgroundVisibility: "PUBLIC" };
    expect(((await editAction(routeArgs("/settings/profile", { cookie: member.cookie, form }))) as Response).status).toBe(302);
    const saved = await prisma.profile.findUniqueOrThrow({ where: { userId: member.userId } });
    expect(saved).toMatchObject({ organizationType, roleArchetype, accreditationSystem: accreditation });
    const filters = `organizationType=${organizationType}&role=${roleArchetype}&accreditation=${accreditation}`;
    const data = await directoryLoader(routeArgs(`/members?q=${member.handle}&${filters}`));
    expect(data.items.map((item) => item.handle)).toEqual([member.handle]);
  });

  it("explains a taken handle on the field and keeps what was typed", async () => {
    const taken = await createMember();
    const member = await createMember();
    const result = (await editAction(
      routeArgs("/settings/profile", { cookie: member.cookie, form: validForm(taken.handle) }),
    )) as { error?: Record<string, string[]>; initialValue?: Record<string, unknown> };
    expect(result).not.toBeInstanceOf(Response);
    expect(result.error?.handle?.[0]).toMatch(/already uses that handle/);
    expect(result.initialValue).toMatchObject({ jobTitle: "Director of CME", credentials: ["CHCP", "PMP"] });
  });

  it("shows an error on each invalid field", async () => {
    const member = await createMember();
    const result = (await editAction(
      routeArgs("/settings/profile", {
        cookie: member.cookie,
        form: {
          ...validForm("No Spaces Allowed"),
          displayName: "A",
          yearsInField: "61",
          otherCredentials: "a, b, c, d, e, f",
          bio: "x".repeat(4001),
          bioVisibility: "EVERYONE",
          competencyVisibility: "EVERYONE",
        },
      }),
    )) as { error?: Record<string, string[]> };
    expect(Object.keys(result.error ?? {}).sort()).toEqual(
      ["bio", "bioVisibility", "competencyVisibility", "displayName", "handle", "otherCredentials", "yearsInField"].sort(),
    );
    const unchanged = await prisma.profile.findUniqueOrThrow({ where: { userId: member.userId }, select: { handle: true } });
    expect(unchanged.handle).toBe(member.handle);
  });
});
