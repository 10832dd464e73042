/**
 * The mock-activity planner's options, limits and help texts: what the
 * worksheet pages show at render time. Zod-free, so pages can import it
 * without the validator (docs/decisions/0009); the worksheet schemas and
 * `reviewPlan` are in ./planner, which re-exports all of this (and checks
 * that FIELD_LABELS names exactly the worksheet's fields).
 */
// ─── Limits ─────────────────────────────────────────────────────────────────

export const TITLE_MAX = 120;
export const SHORT_TEXT_MAX = 1000;
export const LONG_TEXT_MAX = 4000;
export const OBJECTIVE_MAX = 500;
export const OBJECTIVES_MAX = 15;

// ─── Options ────────────────────────────────────────────────────────────────

type Option<V extends string> = { value: V; label: string; description: string };

export const NEED_OPTIONS = [
  {
    value: "KNOWLEDGE",
    label: "Knowledge",
    description: "Learners do not yet know the facts, evidence or recommendations involved.",
  },
  {
    value: "COMPETENCE",
    label: "Competence",
    description: "Learners know the facts but not yet how to turn them into a plan for a real case.",
  },
  {
    value: "PERFORMANCE",
    label: "Performance",
    description: "Learners know what to do and how, yet it does not happen reliably in their everyday practice.",
  },
] as const satisfies readonly Option<string>[];

export const FORMAT_OPTIONS = [
  { value: "COURSE", label: "Live course", description: "A one-off live event such as a conference, workshop or seminar." },
  {
    value: "RSS",
    label: "Regularly scheduled series",
    description: "Sessions that recur on a fixed schedule for the same group, like grand rounds or tumor boards.",
  },
  {
    value: "ENDURING_MATERIAL",
    label: "Enduring material",
    description: "Self-paced material learners take whenever they like: a recorded module, podcast or print piece.",
  },
  {
    value: "INTERNET_LIVE",
    label: "Internet live course",
    description: "A live online event at a set date and time, such as a webinar.",
  },
  {
    value: "JOURNAL",
    label: "Journal-based CME",
    description: "Learners read a peer-reviewed article and complete the questions that go with it.",
  },
  {
    value: "INTERNET_POINT_OF_CARE",
    label: "Internet point-of-care learning",
    description:
      "Clinicians look up a question that came up while caring for a patient, then record the question, the sources they used and how they applied the answer.",
  },
  {
    value: "PI_CME",
    label: "Performance improvement CME",
    description: "Clinicians measure their own practice, make changes, then measure again.",
  },
  {
    value: "LEARNING_FROM_TEACHING",
    label: "Learning from teaching",
    description: "Faculty earn credit for what they learn while preparing to teach others.",
  },
  {
    value: "MANUSCRIPT_REVIEW",
    label: "Manuscript review",
    description: "Clinicians learn by critically reviewing a manuscript submitted to a peer-reviewed journal.",
  },
  {
    value: "TEST_ITEM_WRITING",
    label: "Test-item writing",
    description: "Clinicians learn by researching and writing questions for a certification exam or a self-assessment.",
  },
  {
    value: "COMMITTEE_LEARNING",
    label: "Committee learning",
    description: "Members of a committee learn through the committee's own review and decision work.",
  },
] as const satisfies readonly Option<string>[];

export const MOORE_LEVEL_OPTIONS = [
  { value: "1", label: "Level 1 — Participation", description: "Who took part and how many came." },
  { value: "2", label: "Level 2 — Satisfaction", description: "Whether learners felt the activity was worth their time." },
  {
    value: "3A",
    label: "Level 3A — Declarative knowledge",
    description: "Learners can state what should be done (knowing what).",
  },
  {
    value: "3B",
    label: "Level 3B — Procedural knowledge",
    description: "Learners can explain how it should be done (knowing how).",
  },
  {
    value: "4",
    label: "Level 4 — Competence",
    description: "Learners can show how they would do it, in a case, vignette or simulation.",
  },
  { value: "5", label: "Level 5 — Performance", description: "Learners actually do it in their own practice." },
  { value: "6", label: "Level 6 — Patient health", description: "The health of the learners' patients improves." },
  {
    value: "7",
    label: "Level 7 — Community health",
    description: "The health of a wider population or community improves.",
  },
] as const satisfies readonly Option<string>[];

export const EVALUATION_OPTIONS = [
  { value: "ATTENDANCE", label: "Attendance records", description: "Counts who registered and who took part." },
  {
    value: "SATISFACTION_SURVEY",
    label: "Satisfaction survey",
    description: "Asks learners, right after the activity, how useful and well run it was.",
  },
  {
    value: "PRE_POST_TEST",
    label: "Pre- and post-activity knowledge test",
    description: "The same questions before and after, to see what learners now know.",
  },
  {
    value: "CASE_VIGNETTES",
    label: "Case vignettes or commitment-to-change statements",
    description:
      "Learners work through a case, or write down at the end of the activity what they will change: evidence of what they intend to do.",
  },
  {
    value: "PRACTICE_FOLLOW_UP",
    label: "Follow-up survey on practice change",
    description:
      "Weeks or months later, learners report whether they made the changes they planned or committed to: self-reported performance.",
  },
  {
    value: "CHART_AUDIT",
    label: "Chart audit or performance data",
    description: "Records or quality measures show what clinicians really did, before and after.",
  },
  {
    value: "PATIENT_OUTCOMES",
    label: "Patient outcome data",
    description: "Clinical results in the learners' own patients, such as control rates or complications.",
  },
  {
    value: "POPULATION_DATA",
    label: "Population health data",
    description: "Registry, public-health or system-wide data for the community served.",
  },
] as const satisfies readonly Option<string>[];

/** Standard 4 applies only when an ineligible company supports the activity. */
export const COMMERCIAL_SUPPORT_OPTIONS = [
  {
    value: "NONE",
    label: "No commercial support",
    description: "No ineligible company pays for or contributes to this activity, so Standard 4 does not apply.",
  },
  {
    value: "SUPPORTED",
    label: "Supported by an ineligible company",
    description: "An ineligible company gives a grant, or in-kind help such as equipment or supplies.",
  },
] as const satisfies readonly Option<string>[];

/** Standard 5 applies only when marketing comes with the activity. */
export const MARKETING_OPTIONS = [
  {
    value: "NONE",
    label: "No marketing or exhibits",
    description: "Nothing is promoted, advertised or exhibited alongside this activity, so Standard 5 does not apply.",
  },
  {
    value: "ALONGSIDE",
    label: "Exhibits, advertising or promotional sessions",
    description: "Something promotional comes with the activity, such as an exhibit hall, a sponsored talk or ads in a publication.",
  },
] as const satisfies readonly Option<string>[];

export type NeedType = (typeof NEED_OPTIONS)[number]["value"];
export type ActivityFormat = (typeof FORMAT_OPTIONS)[number]["value"];
export type MooreLevel = (typeof MOORE_LEVEL_OPTIONS)[number]["value"];
export type EvaluationMethod = (typeof EVALUATION_OPTIONS)[number]["value"];
export type CommercialSupport = (typeof COMMERCIAL_SUPPORT_OPTIONS)[number]["value"];
export type Marketing = (typeof MARKETING_OPTIONS)[number]["value"];

/** The Moore levels each evaluation method can show evidence for. */
export const MEASURABLE_LEVELS: Record<EvaluationMethod, readonly MooreLevel[]> = {
  ATTENDANCE: ["1"],
  SATISFACTION_SURVEY: ["2"],
  PRE_POST_TEST: ["3A", "3B"],
  CASE_VIGNETTES: ["4"],
  PRACTICE_FOLLOW_UP: ["5"],
  CHART_AUDIT: ["5"],
  PATIENT_OUTCOMES: ["6"],
  POPULATION_DATA: ["7"],
};

/** Methods that can measure a level, in the order they are offered. */
export function methodsFor(level: MooreLevel): EvaluationMethod[] {
  return EVALUATION_OPTIONS.map((o) => o.value).filter((method) => MEASURABLE_LEVELS[method].includes(level));
}

export const labelOf = {
  need: (value: string) => NEED_OPTIONS.find((o) => o.value === value)?.label ?? value,
  format: (value: string) => FORMAT_OPTIONS.find((o) => o.value === value)?.label ?? value,
  level: (value: string) => MOORE_LEVEL_OPTIONS.find((o) => o.value === value)?.label ?? value,
  method: (value: string) => EVALUATION_OPTIONS.find((o) => o.value === value)?.label ?? value,
};

/** Objectives typed one per line: lines are kept as typed, blank lines dropped. */
export function objectivesFromText(value: string | undefined): string[] {
  return (value ?? "")
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim().length > 0);
}

export const objectivesToText = (objectives: readonly string[] | undefined) => (objectives ?? []).join("\n");

// ─── Help texts ─────────────────────────────────────────────────────────────

/** Each field's label (its one-sentence help comes with the page's data: planner-help.server.ts). */
export const FIELD_LABELS = {
  title: "Name of the plan",
  practiceGap: "Professional practice gap",
  gapSources: "How you know the gap exists",
  needTypes: "Type of educational need",
  needStatement: "Educational need",
  audience: "Target audience",
  objectives: "Learning objectives",
  format: "Activity format",
  formatNotes: "Format details",
  outcomeLevel: "Planned outcome level (Moore)",
  evaluationMethods: "Evaluation methods",
  evaluationPlan: "Evaluation plan",
  contentValidity: "Valid content (Standard 1)",
  independence: "Independence from ineligible companies (Standard 2)",
  disclosure: "Collecting and disclosing financial relationships (Standard 3)",
  mitigation: "Mitigation plan (Standard 3)",
  commercialSupport: "Commercial support (Standard 4)",
  commercialSupportPlan: "Managing the support",
  marketing: "Marketing alongside the education (Standard 5)",
  marketingPlan: "Keeping marketing apart",
  creditDesignation: "Credit designation",
  logicInputs: "Inputs",
  logicActivities: "Activities",
  logicOutputs: "Outputs",
  logicOutcomes: "Outcomes",
} as const satisfies Record<string, string>;

/** A field of the worksheet (the schema in ./planner has exactly these). */
export type WorksheetField = Exclude<keyof typeof FIELD_LABELS, "title">;

// ─── Sections ───────────────────────────────────────────────────────────────

/**
 * The worksheet's sections, in page order. Each is saved on its own (the
 * editor has one form per section), so a save writes only its fields: `id`
 * is the form's `intent` and the address of its heading (`#gap-and-need`).
 * Every field is in exactly one section (planner.test.ts checks it).
 */
export const PLAN_SECTIONS = [
  { id: "name", title: "Name", fields: ["title"] },
  { id: "gap-and-need", title: "Gap and need", fields: ["practiceGap", "gapSources", "needTypes", "needStatement"] },
  { id: "audience", title: "Audience", fields: ["audience"] },
  { id: "objectives", title: "Objectives", fields: ["objectives"] },
  { id: "format", title: "Format and outcome level", fields: ["format", "formatNotes", "outcomeLevel"] },
  { id: "evaluation", title: "Evaluation", fields: ["evaluationMethods", "evaluationPlan"] },
  {
    id: "integrity",
    title: "Integrity and independence",
    fields: [
      "contentValidity",
      "independence",
      "disclosure",
      "mitigation",
      "commercialSupport",
      "commercialSupportPlan",
      "marketing",
      "marketingPlan",
    ],
  },
  { id: "credit", title: "Credit", fields: ["creditDesignation"] },
  { id: "logic-model", title: "Logic model", fields: ["logicInputs", "logicActivities", "logicOutputs", "logicOutcomes"] },
] as const satisfies readonly { id: string; title: string; fields: readonly (WorksheetField | "title")[] }[];

export type PlanSection = (typeof PLAN_SECTIONS)[number];
export type PlanSectionId = PlanSection["id"];

/** The section with this id (a form's intent), or undefined. */
export const findPlanSection = (id: unknown): PlanSection | undefined => PLAN_SECTIONS.find((section) => section.id === id);

/** The section a field is in. */
export const sectionOfField = (field: WorksheetField | "title"): PlanSection =>
  PLAN_SECTIONS.find((section) => (section.fields as readonly string[]).includes(field))!;
