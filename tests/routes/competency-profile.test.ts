import { beforeAll, describe, expect, it } from "vitest";
import { createTestMember, signUpConfirmed } from "../fixtures/members";
import { addGoalLink, addProgressNote, createGoal, endGoal } from "~/domain/goals/goals.server";
import { expectOk } from "~/utils/result";
import { loader as goalsCsvLoader } from "~/routes/goals/me.goals[.]csv";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { loader as csvLoader } from "~/routes/competencies/me.competencies[.]csv";
import { loader as jsonLoader } from "~/routes/competencies/me.competencies[.]json";
import { loader as profileLoader } from "~/routes/competencies/me.competencies._index";
import { loader as packLoader } from "~/routes/competencies/me.competencies.pack";

// Test files in a worker share one database: every test makes its own members.
let versionId: string;
let areas: { id: string; slug: string }[];
let stageIds: string[];

beforeAll(async () => {
  await seed();
  const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { currentFrameworkVersionId: true } });
  versionId = settings.currentFrameworkVersionId!;
  areas = await prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true, slug: true } });
  stageIds = (
    await prisma.proficiencyStage.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { id: true } })
  ).map((stage) => stage.id);
});

/** A signed-up member: `cookie` is what their browser would send. */
async function member() {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: "Sam Achebe" });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.fieldErrors)}`);
  return { userId: result.value.userId, cookie: `cme_session=${result.value.token}` };
}

/** A submitted assessment rating every area at `stage` (a position), made as a draft and then submitted. */
async function submitted(userId: string, stage: number, submittedAt: Date, isBaseline: boolean, evidence: Record<string, string> = {}) {
  const { id } = await prisma.assessment.create({
    data: {
      userId,
      versionId,
      draftOwnerId: userId,
      answers: {
        create: areas.map((area) => ({
          areaId: area.id,
          stageId: stageIds[stage - 1]!,
          targetStageId: stageIds[4]!,
          evidence: evidence[area.slug] ?? "",
          evidenceHtml: evidence[area.slug] ? "<p>(rendered)</p>" : "",
        })),
      },
    },
    select: { id: true },
  });
  await prisma.assessment.update({
    where: { id },
    data: { status: "SUBMITTED", draftOwnerId: null, submittedAt, isBaseline },
    select: { id: true },
  });
  return id;
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let value = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (value += '"'), i++;
      else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") record.push(value), (value = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      record.push(value);
      records.push(record);
      (record = []), (value = ""), i++;
    } else value += c;
  }
  if (value || record.length) records.push([...record, value]);
  return records;
}

describe("/me/competencies and its downloads", () => {
  it("send a visitor to log in, then back", async () => {
    const pages = [
      ["/me/competencies", profileLoader],
      ["/me/competencies/pack", packLoader],
      ["/me/competencies.csv", csvLoader],
      ["/me/competencies.json", jsonLoader],
    ] as const;
    for (const [url, loader] of pages) {
      const response = await thrown(loader(routeArgs(url)));
      expect(response.status, url).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(url)}`);
    }
  });

  it("shows the member's profile and review pack", async () => {
    const { userId, cookie } = await member();
    const baselineId = await submitted(userId, 1, new Date("2026-01-05T10:00:00Z"), true);
    const latestId = await submitted(userId, 2, new Date("2026-03-05T10:00:00Z"), false);

    const data = await profileLoader(routeArgs("/me/competencies", { cookie }));
    if (data.profile.kind !== "profile") throw new Error("expected a profile");
    expect(data.profile.assessments.map((a) => a.id)).toEqual([baselineId, latestId]);
    expect(data.profile.changes[0]?.summary).toMatch(/^\+1 stage in /);

    const { pack, member: shown } = await packLoader(routeArgs("/me/competencies/pack", { cookie }));
    expect(shown.displayName).toBe("Sam Achebe");
    expect(pack?.framework.name).toBe("CME Commons starter framework");
    expect(pack?.baseline.submittedOn).toBe("January 5, 2026");
    expect(pack?.latest.submittedOn).toBe("March 5, 2026");
    expect(pack?.areas).toHaveLength(areas.length);
    expect(pack?.gaps[0]).toMatchObject({ size: 3 });
  });

  it("downloads a CSV that parses, one row per area per assessment, with formulas neutralised", async () => {
    const { userId, cookie } = await member();
    await submitted(userId, 1, new Date("2026-01-05T10:00:00Z"), true, {
      leadership: "=HYPERLINK(\"https://evil.example\",\"click\")",
    });
    await submitted(userId, 3, new Date("2026-03-05T10:00:00Z"), false, {
      collaboration: 'Co-chaired the "joint providership" group,\nthen wrote its charter.',
      administration: "@SUM(1+1)",
    });

    const response = await csvLoader(routeArgs("/me/competencies.csv", { cookie }));
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="competency-assessments.csv"');
    const text = (await response.text()).replace(/^\uFEFF/, "");
    expect(text.endsWith("\r\n")).toBe(true);

    const records = parseCsv(text);
    expect(records).toHaveLength(areas.length * 2 + 1);
    const [header, ...rows] = records;
    expect(header).toEqual([
      "Assessment ID",
      "Submitted at",
      "Baseline",
      "Framework",
      "Version",
      "Area position",
      "Area",
      "Stage position",
      "Stage",
      "Target position",
      "Target",
      "Evidence (Markdown)",
      "Links",
    ]);
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
    const evidence = rows.map((row) => row[11]);
    // The formula cells open as text, not as formulas.
    expect(evidence).toContain("'=HYPERLINK(\"https://evil.example\",\"click\")");
    expect(evidence).toContain("'@SUM(1+1)");
    expect(evidence.some((cell) => /^[=+\-@]/.test(cell ?? ""))).toBe(false);
    // Quotes, commas and line breaks survive the round trip.
    expect(evidence).toContain('Co-chaired the "joint providership" group,\nthen wrote its charter.');
    expect(rows[0]!.slice(1, 9)).toEqual([
      "2026-01-05T10:00:00.000Z",
      "yes",
      "CME Commons starter framework",
      "2026.2",
      "1",
      "Adult learning principles",
      "1",
      "Novice",
    ]);
    expect(rows.at(-1)![2]).toBe("no");
  });

  it("downloads the same rows as JSON", async () => {
    const { userId, cookie } = await member();
    const id = await submitted(userId, 2, new Date("2026-02-01T10:00:00Z"), true);

    const response = await jsonLoader(routeArgs("/me/competencies.json", { cookie }));
    expect(response.headers.get("Content-Type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="competency-assessments\.json"$/);
    const body = (await response.json()) as { exportedAt: string; rows: { assessmentId: string; baseline: boolean }[] };
    expect(body.rows).toHaveLength(areas.length);
    expect(body.rows.every((row) => row.assessmentId === id && row.baseline)).toBe(true);
  });

  it("gives another member only their own (empty) data", async () => {
    const owner = await member();
    const ownerId = await submitted(owner.userId, 4, new Date("2026-02-01T10:00:00Z"), true, {
      leadership: "owner-only evidence",
    });
    const { cookie } = await member();

    const page = await profileLoader(routeArgs("/me/competencies", { cookie }));
    expect(page.profile.kind).toBe("empty");
    const pack = await packLoader(routeArgs("/me/competencies/pack", { cookie }));
    expect(pack.pack).toBeNull();

    const csv = await (await csvLoader(routeArgs("/me/competencies.csv", { cookie }))).text();
    expect(parseCsv(csv.replace(/^\uFEFF/, ""))).toHaveLength(1);
    const json = await (await jsonLoader(routeArgs("/me/competencies.json", { cookie }))).text();
    expect(JSON.parse(json).rows).toEqual([]);

    for (const output of [JSON.stringify(page), JSON.stringify(pack), csv, json]) {
      expect(output).not.toContain(ownerId);
      expect(output).not.toContain("owner-only evidence");
    }
  });

  it("put the member's goals in the CSV, after the assessments, and in the JSON", async () => {
    const owner = await createTestMember();
    await submitted(owner.userId, 2, new Date("2026-02-01T10:00:00Z"), true);
    const names = await prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { slug: true, name: true } });
    const at = new Date("2026-03-01T12:00:00Z");
    const lead = expectOk(
      await createGoal(owner.actor, { title: "Lead a needs assessment", outcome: "Survey 40 learners by June", dueOn: "2026-06-30", areas: [names[2]!.slug, names[0]!.slug] }, "UTC", at),
    );
    expectOk(await addProgressNote(owner.actor, lead.id, "Drafted the survey.", at));
    expectOk(await addProgressNote(owner.actor, lead.id, "Piloted it, with 5 learners.", new Date("2026-04-02T12:00:00Z")));
    expectOk(await addGoalLink(owner.actor, lead.id, { intent: "link-evidence", url: "https://example.org/survey", label: "The survey" }));
    const formula = expectOk(await createGoal(owner.actor, { title: "=HYPERLINK(\"https://evil.example\")" }, "UTC", new Date("2026-03-02T12:00:00Z")));
    expectOk(await endGoal(owner.actor, formula.id, { ending: "DROPPED", reflection: "Not now." }, "UTC", new Date("2026-03-03T12:00:00Z")));
    // Someone else's goal stays out.
    const other = await createTestMember();
    expectOk(await createGoal(other.actor, { title: "Someone else's goal" }, "UTC", at));

    const text = (await (await csvLoader(routeArgs("/me/competencies.csv", { cookie: owner.cookie }))).text()).replace(/^\uFEFF/, "");
    expect(text).not.toContain("Someone else's goal");
    const records = parseCsv(text);
    // The assessment's rows, an empty line, the section's name, the goals' header and one row per goal.
    expect(records).toHaveLength(1 + areas.length + 1 + 1 + 1 + 2);
    expect(records[areas.length + 1]).toEqual([""]);
    expect(records[areas.length + 2]).toEqual(["Development goals"]);
    const [header, ...goals] = records.slice(areas.length + 3);
    expect(header).toEqual([
      "Goal ID",
      "What",
      "How you will know",
      "By",
      "Status",
      "Areas",
      "Started at",
      "Ended at",
      "Reflection",
      "Progress notes (count)",
      "Progress notes",
      "Links",
    ]);
    expect(goals[0]).toEqual([
      lead.id,
      "Lead a needs assessment",
      "Survey 40 learners by June",
      "2026-06-30",
      "In progress",
      `${names[0]!.name}; ${names[2]!.name}`,
      "2026-03-01T12:00:00.000Z",
      "",
      "",
      "2",
      "2026-03-01: Drafted the survey.\n2026-04-02: Piloted it, with 5 learners.",
      "evidence: The survey <https://example.org/survey>",
    ]);
    // A title a spreadsheet would run opens as text.
    expect(goals[1]!.slice(1, 5)).toEqual(["'=HYPERLINK(\"https://evil.example\")", "", "", "Dropped"]);

    // /me/goals.csv (linked from the goals page) holds the same records.
    const goalsOnly = (await (await goalsCsvLoader(routeArgs("/me/goals.csv", { cookie: owner.cookie }))).text()).replace(/^\uFEFF/, "");
    expect(parseCsv(goalsOnly)).toEqual([header, ...goals]);

    const json = JSON.parse(await (await jsonLoader(routeArgs("/me/competencies.json", { cookie: owner.cookie }))).text());
    expect(json.goals.map((goal: { title: string; areas: string; progressNotes: unknown[] }) => [goal.title, goal.areas, goal.progressNotes.length])).toEqual([
      ["Lead a needs assessment", `${names[0]!.name}; ${names[2]!.name}`, 2],
      ["=HYPERLINK(\"https://evil.example\")", "", 0],
    ]);
  });
});
