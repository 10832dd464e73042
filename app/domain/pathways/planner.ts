/**
 * The mock-activity planner (client-safe): the worksheet a member fills over
 * several visits, its options and help texts, and `reviewPlan`, which reads a
 * plan the way an experienced planner would and returns advice — never errors.
 *
 * Every worksheet field is optional while drafting: a save fails only when a
 * field is malformed (an unknown option) or too long. Text is kept exactly as
 * typed; the only normalising is that blank objective lines are dropped.
 */
import { z } from "zod";

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
    description: "Learners work through a case or write down what they will do differently.",
  },
  {
    value: "PRACTICE_FOLLOW_UP",
    label: "Follow-up survey on practice change",
    description: "Weeks later, learners report what they have actually changed in practice.",
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

export type NeedType = (typeof NEED_OPTIONS)[number]["value"];
export type ActivityFormat = (typeof FORMAT_OPTIONS)[number]["value"];
export type MooreLevel = (typeof MOORE_LEVEL_OPTIONS)[number]["value"];
export type EvaluationMethod = (typeof EVALUATION_OPTIONS)[number]["value"];

const values = <V extends string>(options: readonly { value: V }[]) =>
  options.map((option) => option.value) as [V, ...V[]];

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

// ─── The worksheet ──────────────────────────────────────────────────────────

const text = (max: number, what: string) =>
  z.string().max(max, `Keep ${what} under ${max.toLocaleString("en-US")} characters`).optional();

const choice = <V extends string>(options: readonly { value: V }[], message: string) =>
  z.enum(values(options), { error: message }).optional();

const choices = <V extends string>(options: readonly { value: V }[], message: string) =>
  z.array(z.enum(values(options), { error: message })).optional();

const objective = z.string().max(OBJECTIVE_MAX, `Keep each objective under ${OBJECTIVE_MAX} characters`);

/** The worksheet as stored and as the domain reads it. */
export const worksheetSchema = z.object({
  practiceGap: text(LONG_TEXT_MAX, "the practice gap"),
  gapSources: text(LONG_TEXT_MAX, "the sources"),
  needTypes: choices(NEED_OPTIONS, "Choose knowledge, competence or performance"),
  needStatement: text(LONG_TEXT_MAX, "the educational need"),
  audience: text(SHORT_TEXT_MAX, "the audience"),
  objectives: z.array(objective).max(OBJECTIVES_MAX, `Write at most ${OBJECTIVES_MAX} objectives`).optional(),
  format: choice(FORMAT_OPTIONS, "Choose one of the formats listed"),
  formatNotes: text(SHORT_TEXT_MAX, "the format notes"),
  outcomeLevel: choice(MOORE_LEVEL_OPTIONS, "Choose one of the outcome levels listed"),
  evaluationMethods: choices(EVALUATION_OPTIONS, "Choose evaluation methods from the list"),
  evaluationPlan: text(LONG_TEXT_MAX, "the evaluation plan"),
  disclosure: text(LONG_TEXT_MAX, "the disclosure plan"),
  mitigation: text(LONG_TEXT_MAX, "the mitigation plan"),
  logicInputs: text(LONG_TEXT_MAX, "the inputs"),
  logicActivities: text(LONG_TEXT_MAX, "the activities"),
  logicOutputs: text(LONG_TEXT_MAX, "the outputs"),
  logicOutcomes: text(LONG_TEXT_MAX, "the outcomes"),
});

export type Worksheet = z.infer<typeof worksheetSchema>;
export type WorksheetField = keyof Worksheet;

export const titleSchema = z
  .string({ error: "Give your plan a name" })
  .min(1, "Give your plan a name")
  .max(TITLE_MAX, `Keep the name under ${TITLE_MAX} characters`)
  .refine((value) => value.trim().length > 0, "Give your plan a name");

/** Objectives typed one per line: lines are kept as typed, blank lines dropped. */
export function objectivesFromText(value: string | undefined): string[] {
  return (value ?? "")
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim().length > 0);
}

export const objectivesToText = (objectives: readonly string[] | undefined) => (objectives ?? []).join("\n");

/** The editor's form: the worksheet, its title, objectives as one textarea. */
export const planFormSchema = worksheetSchema.omit({ objectives: true }).extend({
  intent: z.literal("save").default("save"),
  title: titleSchema,
  objectives: z
    .string()
    .optional()
    .transform(objectivesFromText)
    .pipe(z.array(objective).max(OBJECTIVES_MAX, `Write at most ${OBJECTIVES_MAX} objectives, one per line`)),
});

export type PlanFormOutput = z.output<typeof planFormSchema>;

/** Browsers send line breaks as CRLF; the member typed plain line breaks. */
const plainLineBreaks = (value: string) => value.replace(/\r\n?/g, "\n");

/** The worksheet part of a parsed editor form. */
export function worksheetFromForm({ intent: _intent, title: _title, objectives, ...rest }: PlanFormOutput): Worksheet {
  const worksheet: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    worksheet[key] = typeof value === "string" ? plainLineBreaks(value) : value;
  }
  return { ...(worksheet as Worksheet), ...(objectives.length ? { objectives } : {}) };
}

/** A "name your plan" form (new plan). */
export const newPlanSchema = z.object({
  title: titleSchema,
  step: z.string().max(64).optional(),
});

/**
 * Reads a stored worksheet without ever failing: unknown keys and invalid
 * values are dropped (an array keeps its valid items).
 */
export function readWorksheet(stored: unknown): Worksheet {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const source = stored as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(worksheetSchema.shape)) {
    const value = source[key];
    if (value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) {
      result[key] = parsed.data;
      continue;
    }
    const inner = schema.unwrap();
    if (Array.isArray(value) && inner instanceof z.ZodArray) {
      const items = value.filter((item) => (inner.element as z.ZodType).safeParse(item).success);
      const kept = schema.safeParse(items.slice(0, OBJECTIVES_MAX));
      if (kept.success && items.length) result[key] = kept.data;
    }
  }
  return result as Worksheet;
}

// ─── Help texts ─────────────────────────────────────────────────────────────

/** One sentence per field, shown under its label. */
export const FIELD_HELP: Record<WorksheetField | "title", { label: string; help: string }> = {
  title: { label: "Name of the plan", help: "A working title you will recognise later; learners never see it." },
  practiceGap: {
    label: "Professional practice gap",
    help: "Describe the difference between what clinicians do today and what best practice says they should do.",
  },
  gapSources: {
    label: "How you know the gap exists",
    help: "Name the evidence behind the gap, such as quality data, guidelines, surveys, literature or learner questions.",
  },
  needTypes: {
    label: "Type of educational need",
    help: "Say why the gap exists: missing knowledge, missing competence, or a performance problem in practice.",
  },
  needStatement: {
    label: "Educational need",
    help: "Explain in a few sentences what learners are missing that keeps the gap open.",
  },
  audience: {
    label: "Target audience",
    help: "Who the activity is for: professions, specialties, settings and roughly how many learners.",
  },
  objectives: {
    label: "Learning objectives",
    help: "One per line; each should start with a verb you could observe, such as describe, compare or apply.",
  },
  format: {
    label: "Activity format",
    help: "The kind of activity, which shapes how learners take part and what you can measure afterwards.",
  },
  formatNotes: {
    label: "Format details",
    help: "Optional practical details such as length, setting, platform or how often it runs.",
  },
  outcomeLevel: {
    label: "Planned outcome level (Moore)",
    help: "The highest level of change the activity is designed to achieve and that you intend to measure.",
  },
  evaluationMethods: {
    label: "Evaluation methods",
    help: "Tick every method you will use; each can only show certain outcome levels.",
  },
  evaluationPlan: {
    label: "Evaluation plan",
    help: "When and how you will collect the data, for example a follow-up survey eight weeks later.",
  },
  disclosure: {
    label: "Collecting and disclosing financial relationships",
    help: "Explain how you will gather everyone's financial relationships with ineligible companies from the past 24 months and tell learners before the activity starts.",
  },
  mitigation: {
    label: "Mitigation plan",
    help: "Describe the steps you will take before anyone with a relevant relationship plans or teaches, such as peer review of content or stepping back from a decision.",
  },
  logicInputs: {
    label: "Inputs",
    help: "The resources you put in: people, budget, time, expertise and data.",
  },
  logicActivities: {
    label: "Activities",
    help: "What you will do with those resources, such as planning meetings, sessions and follow-up.",
  },
  logicOutputs: {
    label: "Outputs",
    help: "The direct, countable products, such as sessions held, learners reached and materials produced.",
  },
  logicOutcomes: {
    label: "Outcomes",
    help: "The changes you expect in learners, their practice and their patients, short and longer term.",
  },
};

// ─── Advice ─────────────────────────────────────────────────────────────────

export type Advice = { field: WorksheetField; message: string };

/** Verbs that name something a learner can be seen to do. */
export const MEASURABLE_VERBS = [
  "administer", "adjust", "analyse", "analyze", "appraise", "apply", "assess", "calculate", "categorize",
  "choose", "classify", "communicate", "compare", "conduct", "construct", "contrast", "counsel", "create",
  "critique", "debate", "define", "demonstrate", "describe", "design", "determine", "develop", "diagnose",
  "differentiate", "discuss", "distinguish", "document", "estimate", "evaluate", "examine", "explain",
  "formulate", "identify", "illustrate", "implement", "initiate", "integrate", "interpret", "justify", "label",
  "list", "locate", "manage", "measure", "modify", "monitor", "name", "order", "organize", "outline", "perform",
  "plan", "predict", "prescribe", "prioritise", "prioritize", "rank", "recall", "recognise", "recognize",
  "recommend", "refer", "report", "screen", "select", "sequence", "solve", "state", "summarise", "summarize",
  "use", "verify", "write",
] as const;

/** Wordings that describe a state of mind nobody can observe. */
export const VAGUE_VERBS = [
  "be aware of", "become aware of", "be familiar with", "become familiar with", "gain an understanding of",
  "gain insight", "have an understanding of", "understand", "know", "appreciate", "learn", "realize", "realise",
  "believe", "comprehend",
] as const;

function inflections(verb: string): string[] {
  const forms = new Set([verb, `${verb}s`, `${verb}es`, `${verb}d`, `${verb}ed`, `${verb}ing`]);
  if (verb.endsWith("e")) forms.add(`${verb.slice(0, -1)}ing`);
  if (verb.endsWith("y")) {
    forms.add(`${verb.slice(0, -1)}ies`);
    forms.add(`${verb.slice(0, -1)}ied`);
  }
  if (/[^aeiou][aeiou][bdglmnprt]$/.test(verb)) {
    const last = verb.at(-1)!;
    forms.add(`${verb}${last}ed`);
    forms.add(`${verb}${last}ing`);
  }
  return [...forms];
}

const MEASURABLE_WORDS = new Set(MEASURABLE_VERBS.flatMap(inflections));
const VAGUE_WORDS = VAGUE_VERBS.filter((v) => !v.includes(" "));
const VAGUE_PHRASES = VAGUE_VERBS.filter((v) => v.includes(" "));
const VAGUE_WORD_FORMS = new Map(VAGUE_WORDS.flatMap((verb) => inflections(verb).map((form) => [form, verb] as const)));
// Irregular forms of the vague verbs.
for (const [form, verb] of [["knows", "know"], ["knew", "know"], ["known", "know"], ["learnt", "learn"]] as const) {
  VAGUE_WORD_FORMS.set(form, verb);
}

const words = (value: string) => value.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];

/**
 * Whether an objective names an observable action: "measurable" when it
 * uses a verb from the list, otherwise the vague wording it relies on (if
 * any) so the advice can name it.
 */
export function checkObjective(objective: string): { measurable: true } | { measurable: false; vague: string | null } {
  const list = words(objective);
  if (list.some((word) => MEASURABLE_WORDS.has(word))) return { measurable: true };
  const joined = ` ${list.join(" ")} `;
  const phrase = VAGUE_PHRASES.find((p) => joined.includes(` ${p} `));
  if (phrase) return { measurable: false, vague: phrase };
  const word = list.find((w) => VAGUE_WORD_FORMS.has(w));
  return { measurable: false, vague: word ? VAGUE_WORD_FORMS.get(word)! : null };
}

const blank = (value: string | undefined) => !value || value.trim().length === 0;

const quote = (value: string) => {
  const trimmed = value.trim();
  return `“${trimmed.length > 60 ? `${trimmed.slice(0, 57)}…` : trimmed}”`;
};

const LOGIC_PARTS = [
  ["logicInputs", "inputs", "the people, money, time and data the activity needs"],
  ["logicActivities", "activities", "what you will actually do with those resources"],
  ["logicOutputs", "outputs", "what you will be able to count when it is done"],
  ["logicOutcomes", "outcomes", "the changes you hope to see in learners and patients"],
] as const;

/** "level 5 (performance)" */
function levelPhrase(level: MooreLevel): string {
  const name = labelOf.level(level).split(" — ")[1] ?? "";
  return `level ${level} (${name.toLowerCase()})`;
}

/** A level's number for ordering ("3A" and "3B" sit between 2 and 4). */
const levelRank = (level: MooreLevel) => MOORE_LEVEL_OPTIONS.findIndex((o) => o.value === level);

/**
 * Reads a plan for the usual mistakes. Pure; the result is advice shown
 * beside the worksheet, in worksheet order, never a reason to refuse a save.
 */
export function reviewPlan(worksheet: Worksheet): Advice[] {
  const advice: Advice[] = [];
  const add = (field: WorksheetField, message: string) => advice.push({ field, message });

  if (blank(worksheet.practiceGap)) {
    add(
      "practiceGap",
      "No practice gap yet: every accredited activity starts from the difference between current and best practice.",
    );
  }
  if (!worksheet.needTypes?.length) {
    add("needTypes", "Say whether the gap comes from missing knowledge, competence or performance.");
  }
  if (blank(worksheet.needStatement)) {
    add("needStatement", "No educational need yet: explain why learners are not doing what best practice says.");
  }
  if (blank(worksheet.audience)) {
    add("audience", "Name the target audience, so the objectives and format can fit them.");
  }

  const objectives = (worksheet.objectives ?? []).filter((o) => !blank(o));
  if (objectives.length === 0) {
    add("objectives", "No learning objectives yet: write at least one, starting with a verb you could observe.");
  }
  objectives.forEach((objective, index) => {
    const check = checkObjective(objective);
    if (check.measurable) return;
    const which = `Objective ${index + 1} (${quote(objective)})`;
    add(
      "objectives",
      check.vague
        ? `${which} uses “${check.vague}”, which you cannot observe or measure; try a verb such as describe, identify or apply.`
        : `${which} has no measurable action verb; start it with a verb such as list, compare or demonstrate.`,
    );
  });

  const level = worksheet.outcomeLevel;
  const methods = worksheet.evaluationMethods ?? [];
  if (!worksheet.format) add("format", "Choose a format for the activity.");
  if (!level) {
    add("outcomeLevel", "Choose the outcome level you are aiming for, so you can plan how to measure it.");
  }
  if (methods.length === 0) {
    add("evaluationMethods", "Choose at least one evaluation method, so you can tell whether the activity worked.");
  } else if (level && !methods.some((method) => MEASURABLE_LEVELS[method].includes(level))) {
    const chosen = methods.map((m) => `“${labelOf.method(m)}” shows level ${MEASURABLE_LEVELS[m].join(" or ")}`);
    const suggestions = methodsFor(level).map((m) => `“${labelOf.method(m)}”`);
    add(
      "evaluationMethods",
      `You plan for ${levelPhrase(level)}, but your evaluation cannot show it (${chosen.join("; ")}). ` +
        `To measure it, add ${suggestions.join(" or ")}.`,
    );
  }
  if (level && worksheet.format === "PI_CME" && levelRank(level) < levelRank("5")) {
    add(
      "outcomeLevel",
      "Performance improvement CME is built on measuring practice before and after; plan for level 5 (performance) or higher.",
    );
  }
  if (
    level &&
    (worksheet.format === "ENDURING_MATERIAL" || worksheet.format === "JOURNAL") &&
    levelRank(level) >= levelRank("6")
  ) {
    add(
      "outcomeLevel",
      `Patient or community health is hard to link to ${labelOf.format(worksheet.format).toLowerCase()} taken at a time of the learner's choosing; make sure you can follow learners up and reach their patient data.`,
    );
  }

  if (blank(worksheet.disclosure)) {
    add(
      "disclosure",
      "No disclosure plan yet: say how you will collect financial relationships from the past 24 months and tell learners about them.",
    );
  }
  if (blank(worksheet.mitigation)) {
    add(
      "mitigation",
      "No mitigation plan yet: say what you will do when a planner or speaker has a relevant financial relationship.",
    );
  }

  for (const [field, name, what] of LOGIC_PARTS) {
    if (blank(worksheet[field])) add(field, `The logic model has no ${name} yet: add ${what}.`);
  }
  return advice;
}
