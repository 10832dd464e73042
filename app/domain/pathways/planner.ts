/**
 * The mock-activity planner (client-safe): the worksheet a member fills over
 * several visits, and `reviewPlan`, which reads a plan the way an experienced
 * planner would and returns advice — never errors. Its options and help texts
 * are in the zod-free ./planner-options, re-exported here.
 *
 * Every worksheet field is optional while drafting: a save fails only when a
 * field is malformed (an unknown option) or too long. Text is kept exactly as
 * typed; the only normalising is that blank objective lines are dropped.
 */
import { z } from "zod";
import {
  COMMERCIAL_SUPPORT_OPTIONS,
  EVALUATION_OPTIONS,
  FORMAT_OPTIONS,
  labelOf,
  LONG_TEXT_MAX,
  MARKETING_OPTIONS,
  MEASURABLE_LEVELS,
  methodsFor,
  MOORE_LEVEL_OPTIONS,
  NEED_OPTIONS,
  OBJECTIVE_MAX,
  OBJECTIVES_MAX,
  objectivesFromText,
  PLAN_SECTIONS,
  SHORT_TEXT_MAX,
  TITLE_MAX,
  type MooreLevel,
  type PlanSectionId,
  type WorksheetField,
} from "./planner-options";
import { singleLine } from "~/utils/text";

// Limits, options, labels and help texts live in the zod-free ./planner-options
// (pages import them from there).
export * from "./planner-options";

const values = <V extends string>(options: readonly { value: V }[]) =>
  options.map((option) => option.value) as [V, ...V[]];

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
  // The Standards for Integrity and Independence, 1 to 5 (fields added later
  // than the rest: plans saved before them simply leave them out).
  contentValidity: text(LONG_TEXT_MAX, "the content review plan"),
  independence: text(LONG_TEXT_MAX, "the independence plan"),
  disclosure: text(LONG_TEXT_MAX, "the disclosure plan"),
  mitigation: text(LONG_TEXT_MAX, "the mitigation plan"),
  commercialSupport: choice(COMMERCIAL_SUPPORT_OPTIONS, "Choose whether the activity has commercial support"),
  commercialSupportPlan: text(LONG_TEXT_MAX, "the commercial support plan"),
  marketing: choice(MARKETING_OPTIONS, "Choose whether marketing comes with the activity"),
  marketingPlan: text(LONG_TEXT_MAX, "the marketing plan"),
  creditDesignation: text(SHORT_TEXT_MAX, "the credit designation"),
  logicInputs: text(LONG_TEXT_MAX, "the inputs"),
  logicActivities: text(LONG_TEXT_MAX, "the activities"),
  logicOutputs: text(LONG_TEXT_MAX, "the outputs"),
  logicOutcomes: text(LONG_TEXT_MAX, "the outcomes"),
});

export type Worksheet = z.infer<typeof worksheetSchema>;
// ./planner-options names the fields without zod (FIELD_LABELS): the schema must have exactly those.
const sameFields: [keyof Worksheet] extends [WorksheetField] ? ([WorksheetField] extends [keyof Worksheet] ? true : never) : never = true;
void sameFields;

export const titleSchema = z
  .string({ error: "Give your plan a name" })
  .overwrite(singleLine)
  .min(1, "Give your plan a name")
  .max(TITLE_MAX, `Keep the name under ${TITLE_MAX} characters`)
  .refine((value) => value.trim().length > 0, "Give your plan a name");

/**
 * Every field of the editor: the worksheet, its title, objectives as one
 * textarea. The editor posts one section at a time (`sectionFormSchema`);
 * this whole schema gives the page its HTML constraints.
 */
export const planFormSchema = worksheetSchema.omit({ objectives: true }).extend({
  title: titleSchema,
  objectives: z
    .string()
    .optional()
    .transform(objectivesFromText)
    .pipe(z.array(objective).max(OBJECTIVES_MAX, `Write at most ${OBJECTIVES_MAX} objectives, one per line`)),
});

export type PlanFormOutput = z.output<typeof planFormSchema>;

/** What one section's form gives: its own fields, nothing else. */
export type PlanSectionOutput = Partial<PlanFormOutput>;

/** The form of one section: its fields only, so a save validates and writes nothing else. */
export function sectionFormSchema(id: PlanSectionId): z.ZodType<PlanSectionOutput, Record<string, unknown>> {
  const section = PLAN_SECTIONS.find((s) => s.id === id)!;
  const mask = Object.fromEntries(section.fields.map((field) => [field, true] as const));
  return planFormSchema.pick(mask as { [K in keyof PlanFormOutput]?: true });
}

/** Browsers send line breaks as CRLF; the member typed plain line breaks. */
const plainLineBreaks = (value: string) => value.replace(/\r\n?/g, "\n");

/**
 * A parsed section form as the domain saves it: the title when the section
 * has it, and the section's worksheet fields (a field left blank is absent,
 * and saving clears it; no objectives is no objectives).
 */
export function sectionFromForm({ title, objectives, ...rest }: PlanSectionOutput): { title?: string; worksheet: Worksheet } {
  const worksheet: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    worksheet[key] = typeof value === "string" ? plainLineBreaks(value) : value;
  }
  if (objectives?.length) worksheet.objectives = objectives;
  return { ...(title === undefined ? {} : { title }), worksheet: worksheet as Worksheet };
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
    // Commitment to change has two steps, at two levels (DOMAIN.md §9.4).
    const commitment =
      level === "5" && methods.includes("CASE_VIGNETTES")
        ? " A commitment written at the activity shows what learners intend (level 4); asking them weeks or months later whether they made the change gives self-reported performance (level 5)."
        : "";
    add(
      "evaluationMethods",
      `You plan for ${levelPhrase(level)}, but your evaluation cannot show it (${chosen.join("; ")}). ` +
        `To measure it, add ${suggestions.join(" or ")}.${commitment}`,
    );
  } else if (level === "5" && !methods.some((m) => m !== "PRACTICE_FOLLOW_UP" && MEASURABLE_LEVELS[m].includes("5"))) {
    add(
      "evaluationMethods",
      `What learners report about their own practice is self-reported performance; where you can, back it with other evidence such as “${labelOf.method("CHART_AUDIT")}”.`,
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

  // The Standards for Integrity and Independence: 1 to 3 apply to every
  // activity, 4 and 5 only when there is commercial support or marketing.
  if (blank(worksheet.contentValidity)) {
    add(
      "contentValidity",
      "No content review yet: say who will check that each recommendation for patient care rests on current evidence and presents the options fairly.",
    );
  }
  if (blank(worksheet.independence)) {
    add(
      "independence",
      "No independence plan yet: say how you will keep owners and employees of ineligible companies out of planning, faculty choice, teaching and evaluation.",
    );
  }
  if (blank(worksheet.disclosure)) {
    add(
      "disclosure",
      "No disclosure plan yet: say how you will collect the financial relationships of the past 24 months from everyone in control of content, and tell learners about the relevant ones.",
    );
  }
  if (blank(worksheet.mitigation)) {
    add(
      "mitigation",
      "No mitigation plan yet: say what you will do when anyone in control of content (a planner, faculty member, author or reviewer) has a relevant financial relationship.",
    );
  }
  if (!worksheet.commercialSupport) {
    add(
      "commercialSupport",
      "Say whether an ineligible company will support the activity with money or in kind: Standard 4 applies only if one does.",
    );
  } else if (worksheet.commercialSupport === "SUPPORTED" && blank(worksheet.commercialSupportPlan)) {
    add(
      "commercialSupportPlan",
      "With commercial support, describe the written agreement with the supporter and how you will account for the support; it may not pay learners' own expenses.",
    );
  }
  if (!worksheet.marketing) {
    add(
      "marketing",
      "Say whether exhibits, advertising or promotional sessions will come with the activity: Standard 5 applies only if they do.",
    );
  } else if (worksheet.marketing === "ALONGSIDE" && blank(worksheet.marketingPlan)) {
    add(
      "marketingPlan",
      "With marketing alongside, say how you will keep it apart from the education: out of its room and time at a live event, and no ads in front of learners online or in print.",
    );
  }
  if (blank(worksheet.creditDesignation)) {
    add(
      "creditDesignation",
      "No credit designation yet: name the credit the activity is designated for and the most a learner can claim for it.",
    );
  }

  for (const [field, name, what] of LOGIC_PARTS) {
    if (blank(worksheet[field])) add(field, `The logic model has no ${name} yet: add ${what}.`);
  }
  return advice;
}
