import { beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../../prisma/seed";
import { areaId, currentVersion, publishFramework, type TestVersion } from "../../../tests/fixtures/crosswalk";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { crosswalkToCsv, parseCrosswalkFile } from "./crosswalk-file";
import { crosswalkDocument, crosswalksInto, documentToLines, getCrosswalkEditor, saveCrosswalk } from "./crosswalks.server";

let starter: TestVersion;
let admin: TestMember;

beforeAll(async () => {
  await seed();
  starter = await currentVersion();
  admin = await createTestMember({ role: "ADMIN" });
});

const NEWER = ["learning-science", "design", "evaluation", "partnership", "operations"];

function lines(newer: TestVersion) {
  return {
    note: "Matched by the editors' own table.",
    areaLinks: [
      { fromAreaId: areaId(starter, "adult-learning-principles"), toAreaId: areaId(newer, "learning-science") },
      { fromAreaId: areaId(starter, "educational-interventions"), toAreaId: areaId(newer, "design"), note: "Split" },
      { fromAreaId: areaId(starter, "educational-interventions"), toAreaId: areaId(newer, "evaluation") },
      { fromAreaId: areaId(starter, "collaboration"), toAreaId: areaId(newer, "partnership") },
      { fromAreaId: areaId(starter, "leadership"), toAreaId: areaId(newer, "partnership") },
    ],
    stageLinks: [] as { from: number; to: number }[],
  };
}

describe("saveCrosswalk", () => {
  it("saves a crosswalk in one go, replaces it on a second save, and lets only administrators do it", async () => {
    const newer = await publishFramework(NEWER);
    const member = await createTestMember();
    expect(await saveCrosswalk(member.actor, starter.id, newer.id, lines(newer))).toMatchObject({ ok: false, reason: "forbidden" });

    const first = expectOk(await saveCrosswalk(admin.actor, starter.id, newer.id, lines(newer)));
    const second = expectOk(
      await saveCrosswalk(admin.actor, starter.id, newer.id, { ...lines(newer), areaLinks: lines(newer).areaLinks.slice(0, 2) }),
    );
    expect(second.crosswalkId).toBe(first.crosswalkId);
    const editor = expectOk(await getCrosswalkEditor(starter.id, newer.id));
    expect(editor.crosswalk?.areaLinks).toHaveLength(2);
    expect(editor.crosswalk?.savedBy).toBe(admin.displayName);
  });

  it("refuses a pair in one framework, an unknown version, and gives field errors for what is wrong", async () => {
    const newer = await publishFramework(NEWER, { stageCount: 4 });
    expect(await getCrosswalkEditor(starter.id, starter.id)).toMatchObject({ ok: false, reason: "not-found" });
    expect(await getCrosswalkEditor(starter.id, "nope")).toMatchObject({ ok: false, reason: "not-found" });
    const refused = await saveCrosswalk(admin.actor, starter.id, newer.id, { ...lines(newer), note: "" });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.reason).toBe("invalid");
    // No note, and five stages onto four without saying how.
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(["note", "stages"]);
    expect(await prisma.frameworkCrosswalk.count({ where: { toVersionId: newer.id } })).toBe(0);
  });
});

describe("crosswalk files", () => {
  it("exports JSON and CSV that import back to the same lines", async () => {
    const newer = await publishFramework(NEWER, { stageCount: 3 });
    const stageLinks = [
      { from: 1, to: 1 },
      { from: 2, to: 1 },
      { from: 3, to: 2 },
      { from: 4, to: 3 },
      { from: 5, to: 3 },
    ];
    expectOk(await saveCrosswalk(admin.actor, starter.id, newer.id, { ...lines(newer), note: "=Formula-looking, with \"quotes\", commas", stageLinks }));
    const editor = expectOk(await getCrosswalkEditor(starter.id, newer.id));
    const document = crosswalkDocument(editor)!;
    expect(document.areas).toContainEqual({ from: "educational-interventions", to: "design", note: "Split" });

    for (const file of [
      { name: "cw.json", text: JSON.stringify(document) },
      { name: "cw.csv", text: crosswalkToCsv(document) },
    ]) {
      const parsed = parseCrosswalkFile(file.name, file.text);
      if (!parsed.ok) throw new Error(parsed.problems.join("; "));
      const back = expectOk(documentToLines(parsed.document, editor.from, editor.to, ""));
      expect(back.note).toBe("=Formula-looking, with \"quotes\", commas");
      expect(new Set(back.areaLinks.map((l) => `${l.fromAreaId}>${l.toAreaId}`))).toEqual(
        new Set(editor.crosswalk!.areaLinks.map((l) => `${l.fromAreaId}>${l.toAreaId}`)),
      );
      expect(back.stageLinks).toEqual(stageLinks);
    }
  });

  it.each([
    { name: "bad.json", text: "{", problem: /not valid JSON/ },
    { name: "bad.json", text: JSON.stringify({ areas: [{ from: "Not A Slug", to: "x" }] }), problem: /areas\.0\.from/ },
    { name: "bad.csv", text: "kind,a,b\n", problem: /column names/ },
    { name: "bad.csv", text: "type,from,to,note\nshape,a,b,\n", problem: /line 2: the type must be/ },
    { name: "bad.csv", text: "type,from,to,note\nstage,one,2,\n", problem: /line 2: a stage line/ },
    { name: "bad.csv", text: 'type,from,to,note\narea,a,b,"open\n', problem: /never closed/ },
    { name: "bad.txt", text: "x", problem: /\.json or \.csv/ },
  ])("refuses $name: $problem", ({ name, text, problem }) => {
    const parsed = parseCrosswalkFile(name, text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problems.join(" ")).toMatch(problem);
  });

  it("refuses a file naming areas or a framework these versions don't have", async () => {
    const newer = await publishFramework(NEWER);
    const editor = expectOk(await getCrosswalkEditor(starter.id, newer.id));
    const result = documentToLines(
      { from: { framework: "someone-else", version: "1" }, areas: [{ from: "adult-learning-principles", to: "nowhere" }], stages: [] },
      editor.from,
      editor.to,
      "",
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.fieldErrors?.file?.join(" ")).toMatch(/someone-else[\s\S]*nowhere/);
  });
});

describe("crosswalksInto", () => {
  it("finds the crosswalk from a framework into another framework's version, by area slugs", async () => {
    const newer = await publishFramework(NEWER);
    expect((await crosswalksInto(newer.id, [starter.frameworkId])).size).toBe(0);
    expectOk(await saveCrosswalk(admin.actor, starter.id, newer.id, lines(newer)));
    const found = (await crosswalksInto(newer.id, [starter.frameworkId])).get(starter.frameworkId);
    expect(found?.note).toBe("Matched by the editors' own table.");
    expect(found?.rules.toStageCount).toBe(5);
    expect(found?.rules.areaLinks).toContainEqual({ from: "leadership", to: "partnership" });
  });
});
