import { describe, expect, it } from "vitest";
import {
  checkObjective,
  EVALUATION_OPTIONS,
  MEASURABLE_LEVELS,
  MOORE_LEVEL_OPTIONS,
  objectivesFromText,
  planFormSchema,
  readWorksheet,
  reviewPlan,
  sectionFormSchema,
  sectionFromForm,
  PLAN_SECTIONS,
  FIELD_LABELS,
  worksheetSchema,
  type Worksheet,
} from "./planner";
import { FIELD_HELP } from "./planner-help.server";

/** A plan with nothing to advise on. */
const complete: Worksheet = {
  practiceGap: "Only 40% of eligible patients are offered statin therapy.",
  gapSources: "Our 2024 quality dashboard.",
  needTypes: ["PERFORMANCE"],
  needStatement: "Clinicians know the guideline but the reminder workflow is missing.",
  audience: "Primary care physicians and nurse practitioners.",
  objectives: ["Identify patients eligible for statins", "Apply the shared decision aid in a visit"],
  format: "RSS",
  outcomeLevel: "5",
  evaluationMethods: ["SATISFACTION_SURVEY", "CHART_AUDIT"],
  contentValidity: "A clinician with no relevant relationships checks every slide against the 2024 guideline.",
  independence: "Planners and faculty attest they are not owners or employees of ineligible companies.",
  disclosure: "Collect 24 months of relationships from everyone in control of content; show them on the first slide.",
  mitigation: "Peer review of slides for anyone with a relevant relationship.",
  commercialSupport: "NONE",
  marketing: "NONE",
  creditDesignation: "4 AMA PRA Category 1 Credits™, one per one-hour session.",
  logicInputs: "Two faculty, quality data analyst",
  logicActivities: "Four monthly sessions",
  logicOutputs: "Four sessions, 60 learners",
  logicOutcomes: "Higher statin prescribing rate",
};

const fieldsOf = (worksheet: Worksheet) => reviewPlan(worksheet).map((a) => a.field);

describe("reviewPlan", () => {
  it("has nothing to say about a complete, consistent plan", () => {
    expect(reviewPlan(complete)).toEqual([]);
  });

  it("advises on every part of an empty plan, in worksheet order", () => {
    expect(fieldsOf({})).toEqual([
      "practiceGap",
      "needTypes",
      "needStatement",
      "audience",
      "objectives",
      "format",
      "outcomeLevel",
      "evaluationMethods",
      "contentValidity",
      "independence",
      "disclosure",
      "mitigation",
      "commercialSupport",
      "marketing",
      "creditDesignation",
      "logicInputs",
      "logicActivities",
      "logicOutputs",
      "logicOutcomes",
    ]);
  });

  it.each<[string, Partial<Worksheet>, string, RegExp]>([
    ["no gap", { practiceGap: undefined }, "practiceGap", /no practice gap/i],
    ["a gap of spaces only", { practiceGap: "   \n " }, "practiceGap", /no practice gap/i],
    ["no need type", { needTypes: [] }, "needTypes", /knowledge, competence or performance/],
    ["no need statement", { needStatement: "" }, "needStatement", /no educational need/i],
    ["no audience", { audience: undefined }, "audience", /target audience/],
    ["no objectives", { objectives: [] }, "objectives", /no learning objectives/i],
    ["no disclosure", { disclosure: undefined }, "disclosure", /24 months from everyone in control of content/],
    ["no mitigation", { mitigation: " " }, "mitigation", /anyone in control of content/],
    ["no inputs", { logicInputs: undefined }, "logicInputs", /no inputs/],
    ["no activities", { logicActivities: "" }, "logicActivities", /no activities/],
    ["no outputs", { logicOutputs: undefined }, "logicOutputs", /no outputs/],
    ["no outcomes", { logicOutcomes: undefined }, "logicOutcomes", /no outcomes/],
    ["no format", { format: undefined }, "format", /format/],
    ["no outcome level", { outcomeLevel: undefined }, "outcomeLevel", /outcome level/],
    ["no evaluation method", { evaluationMethods: [] }, "evaluationMethods", /at least one evaluation method/],
  ])("%s → one advice item on that field", (_name, change, field, message) => {
    const advice = reviewPlan({ ...complete, ...change });
    expect(advice).toHaveLength(1);
    expect(advice[0]!.field).toBe(field);
    expect(advice[0]!.message).toMatch(message);
  });

  // Issue 18 §4: the planner covers all five Standards for Integrity and
  // Independence and the credit designation; each gives advice when the plan
  // leaves it unaddressed, and none of them ever stops a save.
  describe.each<[string, Partial<Worksheet>, string, RegExp]>([
    ["Standard 1, no content review", { contentValidity: undefined }, "contentValidity", /no content review.*current evidence/i],
    ["Standard 1, blank content review", { contentValidity: "  " }, "contentValidity", /no content review/i],
    ["Standard 2, no independence plan", { independence: undefined }, "independence", /no independence plan.*owners and employees of ineligible companies/i],
    ["Standard 3, no disclosure plan", { disclosure: "" }, "disclosure", /everyone in control of content/],
    ["Standard 3, no mitigation plan", { mitigation: undefined }, "mitigation", /anyone in control of content/],
    ["Standard 4, support not decided", { commercialSupport: undefined }, "commercialSupport", /Standard 4 applies only if/],
    [
      "Standard 4, support without a plan",
      { commercialSupport: "SUPPORTED", commercialSupportPlan: " " },
      "commercialSupportPlan",
      /written agreement/,
    ],
    ["Standard 5, marketing not decided", { marketing: undefined }, "marketing", /Standard 5 applies only if/],
    ["Standard 5, marketing without a plan", { marketing: "ALONGSIDE" }, "marketingPlan", /keep it apart from the education/],
    ["credit designation", { creditDesignation: undefined }, "creditDesignation", /no credit designation/i],
  ])("%s", (_name, change, field, message) => {
    const worksheet = { ...complete, ...change };

    it("gives one advice item on that field", () => {
      expect(reviewPlan(worksheet)).toEqual([{ field, message: expect.stringMatching(message) }]);
    });

    it("never stops the plan being stored or saved from the form", () => {
      expect(worksheetSchema.safeParse(worksheet).success).toBe(true);
      const { objectives, ...rest } = worksheet;
      const form = planFormSchema.safeParse({ ...rest, title: "Plan", objectives: objectives?.join("\n") });
      expect(form.success).toBe(true);
    });
  });

  it.each<[string, Partial<Worksheet>]>([
    ["no commercial support", { commercialSupport: "NONE", commercialSupportPlan: undefined }],
    ["support with a plan", { commercialSupport: "SUPPORTED", commercialSupportPlan: "Letter of agreement signed before planning starts." }],
    ["no marketing", { marketing: "NONE", marketingPlan: undefined }],
    ["marketing with a plan", { marketing: "ALONGSIDE", marketingPlan: "Exhibits in the foyer, closed during sessions." }],
  ])("Standards 4 and 5 ask nothing more when %s", (_name, change) => {
    expect(reviewPlan({ ...complete, ...change })).toEqual([]);
  });

  it.each<[string, Partial<Worksheet>]>([
    ["a commitment at the activity", { outcomeLevel: "4", evaluationMethods: ["CASE_VIGNETTES"] }],
    ["a commitment and the follow-up", { outcomeLevel: "5", evaluationMethods: ["CASE_VIGNETTES", "PRACTICE_FOLLOW_UP", "CHART_AUDIT"] }],
  ])("commitment to change: %s matches its level", (_name, change) => {
    expect(reviewPlan({ ...complete, ...change })).toEqual([]);
  });

  it("explains that a commitment shows intent (level 4) and its follow-up self-reported performance (level 5)", () => {
    const [advice] = reviewPlan({ ...complete, outcomeLevel: "5", evaluationMethods: ["CASE_VIGNETTES"] });
    expect(advice!.field).toBe("evaluationMethods");
    expect(advice!.message).toContain("shows what learners intend (level 4)");
    expect(advice!.message).toContain("self-reported performance (level 5)");
    expect(advice!.message).toContain("“Follow-up survey on practice change”");
  });

  it("suggests backing a self-reported change with other evidence", () => {
    const advice = reviewPlan({ ...complete, outcomeLevel: "5", evaluationMethods: ["CASE_VIGNETTES", "PRACTICE_FOLLOW_UP"] });
    expect(advice).toEqual([{ field: "evaluationMethods", message: expect.stringMatching(/self-reported performance.*other evidence/) }]);
  });

  it.each<[string, Partial<Worksheet>, boolean]>([
    ["a satisfaction survey cannot show performance", { outcomeLevel: "5", evaluationMethods: ["SATISFACTION_SURVEY"] }, true],
    ["a satisfaction survey shows satisfaction", { outcomeLevel: "2", evaluationMethods: ["SATISFACTION_SURVEY"] }, false],
    ["a pre/post test shows declarative knowledge", { outcomeLevel: "3A", evaluationMethods: ["PRE_POST_TEST"] }, false],
    ["a pre/post test shows procedural knowledge", { outcomeLevel: "3B", evaluationMethods: ["PRE_POST_TEST"] }, false],
    ["a pre/post test cannot show competence", { outcomeLevel: "4", evaluationMethods: ["PRE_POST_TEST"] }, true],
    ["vignettes show competence", { outcomeLevel: "4", evaluationMethods: ["CASE_VIGNETTES"] }, false],
    ["a chart audit shows performance", { outcomeLevel: "5", evaluationMethods: ["CHART_AUDIT"] }, false],
    ["a chart audit cannot show patient health", { outcomeLevel: "6", evaluationMethods: ["CHART_AUDIT"] }, true],
    ["patient data shows patient health", { outcomeLevel: "6", evaluationMethods: ["PATIENT_OUTCOMES"] }, false],
    ["population data shows community health", { outcomeLevel: "7", evaluationMethods: ["POPULATION_DATA"] }, false],
    ["attendance cannot show community health", { outcomeLevel: "7", evaluationMethods: ["ATTENDANCE"] }, true],
    ["one suitable method among several is enough", { outcomeLevel: "4", evaluationMethods: ["ATTENDANCE", "CASE_VIGNETTES"] }, false],
  ])("%s", (_name, change, mismatch) => {
    const advice = reviewPlan({ ...complete, format: "COURSE", ...change });
    expect(advice.some((a) => a.field === "evaluationMethods")).toBe(mismatch);
  });

  it("names the planned level, what the chosen methods show, and what would measure it", () => {
    const [advice] = reviewPlan({ ...complete, outcomeLevel: "5", evaluationMethods: ["SATISFACTION_SURVEY"] });
    expect(advice!.message).toContain("level 5 (performance)");
    expect(advice!.message).toContain("“Satisfaction survey” shows level 2");
    expect(advice!.message).toContain("“Chart audit or performance data”");
  });

  it.each<[string, Partial<Worksheet>, boolean]>([
    ["PI CME aiming at knowledge", { format: "PI_CME", outcomeLevel: "3A", evaluationMethods: ["PRE_POST_TEST"] }, true],
    ["PI CME aiming at performance", { format: "PI_CME", outcomeLevel: "5", evaluationMethods: ["CHART_AUDIT"] }, false],
    ["an enduring material aiming at patient health", { format: "ENDURING_MATERIAL", outcomeLevel: "6", evaluationMethods: ["PATIENT_OUTCOMES"] }, true],
    ["journal CME aiming at community health", { format: "JOURNAL", outcomeLevel: "7", evaluationMethods: ["POPULATION_DATA"] }, true],
    ["a course aiming at patient health", { format: "COURSE", outcomeLevel: "6", evaluationMethods: ["PATIENT_OUTCOMES"] }, false],
  ])("format and outcome: %s", (_name, change, advised) => {
    expect(fieldsOf({ ...complete, ...change }).includes("outcomeLevel")).toBe(advised);
  });

  it("flags each objective without a measurable verb, quoting it", () => {
    const advice = reviewPlan({
      ...complete,
      objectives: ["Describe the new guideline", "Understand the guideline", "Statin therapy in older adults"],
    });
    expect(advice.map((a) => a.field)).toEqual(["objectives", "objectives"]);
    expect(advice[0]!.message).toMatch(/^Objective 2 \(“Understand the guideline”\) uses “understand”/);
    expect(advice[1]!.message).toMatch(/^Objective 3 .* has no measurable action verb/);
  });
});

describe("checkObjective", () => {
  it.each<[string, ReturnType<typeof checkObjective>]>([
    ["Describe the three steps of mitigation", { measurable: true }],
    ["Participants will be able to identify eligible patients", { measurable: true }],
    ["Compares two dosing schedules", { measurable: true }],
    ["Calculating a risk score", { measurable: true }],
    ["List four sources of needs data", { measurable: true }],
    ["Plan a follow-up survey", { measurable: true }],
    ["Understand the guideline", { measurable: false, vague: "understand" }],
    ["Know the 2024 recommendations", { measurable: false, vague: "know" }],
    ["Appreciate the role of the pharmacist", { measurable: false, vague: "appreciate" }],
    ["Learn about hypertension", { measurable: false, vague: "learn" }],
    ["Be aware of the risks", { measurable: false, vague: "be aware of" }],
    ["Become familiar with the standards", { measurable: false, vague: "become familiar with" }],
    ["Statin therapy in older adults", { measurable: false, vague: null }],
  ])("%s", (objective, expected) => {
    expect(checkObjective(objective)).toEqual(expected);
  });
});

describe("the options", () => {
  it("every evaluation method measures at least one Moore level, and every level from 1 up is measurable", () => {
    const levels = new Set(EVALUATION_OPTIONS.flatMap((o) => MEASURABLE_LEVELS[o.value]));
    expect(MOORE_LEVEL_OPTIONS.map((o) => o.value).filter((level) => !levels.has(level))).toEqual([]);
  });

  it("cites Moore, Green and Gallis (2009) for the outcome levels", () => {
    expect(FIELD_HELP.outcomeLevel).toContain("Moore, Green and Gallis (2009)");
  });

  it("every help text is one sentence", () => {
    for (const help of Object.values(FIELD_HELP)) {
      expect(help).toMatch(/^[A-Z][^.]*\.$/);
    }
  });
});

describe("the worksheet schema", () => {
  it("accepts an empty draft", () => {
    expect(worksheetSchema.safeParse({}).success).toBe(true);
  });

  it.each<[string, Record<string, unknown>]>([
    ["manuscript review", { format: "MANUSCRIPT_REVIEW" }],
    ["test-item writing", { format: "TEST_ITEM_WRITING" }],
    ["internet point-of-care learning", { format: "INTERNET_POINT_OF_CARE" }],
    ["every standard answered", { ...complete, commercialSupport: "SUPPORTED", commercialSupportPlan: "Agreement", marketing: "ALONGSIDE", marketingPlan: "Apart" }],
  ])("accepts %s", (_name, worksheet) => {
    expect(worksheetSchema.parse(worksheet)).toEqual(worksheet);
  });

  it.each<[string, Record<string, unknown>]>([
    ["an unknown format", { format: "WEBCAST" }],
    ["an unknown commercial support answer", { commercialSupport: "MAYBE" }],
    ["an unknown marketing answer", { marketing: "SOMETIMES" }],
    ["a credit designation that is too long", { creditDesignation: "x".repeat(1001) }],
    ["an unknown Moore level", { outcomeLevel: "8" }],
    ["an unknown evaluation method", { evaluationMethods: ["GUT_FEELING"] }],
    ["a gap that is too long", { practiceGap: "x".repeat(4001) }],
    ["too many objectives", { objectives: Array.from({ length: 16 }, (_, i) => `List item ${i}`) }],
  ])("rejects %s", (_name, worksheet) => {
    expect(worksheetSchema.safeParse(worksheet).success).toBe(false);
  });
});

describe("readWorksheet", () => {
  it.each<[string, unknown, Worksheet]>([
    ["nothing stored", null, {}],
    ["an array", [1, 2], {}],
    ["a valid worksheet", complete, complete],
    ["unknown keys", { practiceGap: "Gap", colour: "blue" }, { practiceGap: "Gap" }],
    ["an invalid value", { practiceGap: 42, audience: "Nurses" }, { audience: "Nurses" }],
    ["an unknown option", { format: "WEBCAST", outcomeLevel: "4" }, { outcomeLevel: "4" }],
    [
      "an array with some invalid items",
      { evaluationMethods: ["CHART_AUDIT", "GUT_FEELING"], objectives: ["List x", 7] },
      { evaluationMethods: ["CHART_AUDIT"], objectives: ["List x"] },
    ],
    ["an array with no valid item", { needTypes: ["CURIOSITY"] }, {}],
    [
      "a plan saved before the Standards 1, 2, 4 and 5 and credit fields",
      { disclosure: "Slide 1", mitigation: "Peer review", format: "COURSE", evaluationMethods: ["CASE_VIGNETTES"] },
      { disclosure: "Slide 1", mitigation: "Peer review", format: "COURSE", evaluationMethods: ["CASE_VIGNETTES"] },
    ],
  ])("%s", (_name, stored, expected) => {
    expect(readWorksheet(stored)).toEqual(expected);
  });
});

describe("the editor form", () => {
  it("keeps objectives as typed, one per line, dropping blank lines only", () => {
    expect(objectivesFromText("  Describe x  \r\n\r\nList y\n   \nApply z")).toEqual(["  Describe x  ", "List y", "Apply z"]);
    expect(objectivesFromText(undefined)).toEqual([]);
  });

  it("turns a parsed section into its worksheet fields, the title apart", () => {
    const objectives = sectionFormSchema("objectives").parse({ title: "Ignored", objectives: "Describe x\nList y", format: "COURSE" });
    expect(sectionFromForm(objectives)).toEqual({ worksheet: { objectives: ["Describe x", "List y"] } });
    expect(sectionFromForm(sectionFormSchema("objectives").parse({ objectives: " \n" }))).toEqual({ worksheet: {} });
    expect(sectionFromForm(sectionFormSchema("name").parse({ title: "My plan", audience: "Nurses" }))).toEqual({
      title: "My plan",
      worksheet: {},
    });
  });

  it("keeps text as typed, with the browser's CRLF line breaks made plain", () => {
    const parsed = sectionFormSchema("gap-and-need").parse({ practiceGap: "  Line one\r\n\r\nLine two  " });
    expect(sectionFromForm(parsed)).toEqual({ worksheet: { practiceGap: "  Line one\n\nLine two  " } });
  });

  it("requires a title that is not just spaces, in the name section only", () => {
    expect(sectionFormSchema("name").safeParse({ title: "   " }).success).toBe(false);
    expect(sectionFormSchema("audience").safeParse({ title: "   ", audience: "Nurses" }).success).toBe(true);
  });

  it("checks only the section's own fields", () => {
    const parsed = sectionFormSchema("audience").safeParse({ audience: "Nurses", format: "HOLOGRAM" });
    expect(parsed.success && parsed.data).toEqual({ audience: "Nurses" });
    expect(sectionFormSchema("format").safeParse({ format: "HOLOGRAM" }).success).toBe(false);
  });
});

describe("the worksheet's sections", () => {
  it("put every field, and the title, in exactly one section", () => {
    const placed = PLAN_SECTIONS.flatMap((section) => [...section.fields]).sort();
    expect(placed).toEqual(Object.keys(FIELD_LABELS).sort());
  });

  it("have distinct ids, usable as a page address", () => {
    const ids = PLAN_SECTIONS.map((section) => section.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
  });
});
