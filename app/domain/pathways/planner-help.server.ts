/**
 * One sentence of help per planner field, shown under its label. Sent with
 * the page's data rather than bundled: the texts are long, and the planner
 * page's first-load JavaScript has a budget (PRODUCT.md). Labels stay in
 * planner-options.ts (FIELD_LABELS).
 */
import type { PlanSectionId, WorksheetField } from "./planner";

export const FIELD_HELP: Record<WorksheetField | "title", string> = {
  title: "A working title you will recognise later; learners never see it.",
  practiceGap: "Describe the difference between what clinicians do today and what best practice says they should do.",
  gapSources: "Name the evidence behind the gap, such as quality data, guidelines, surveys, literature or learner questions.",
  needTypes: "Say why the gap exists: missing knowledge, missing competence, or a performance problem in practice.",
  needStatement: "Explain in a few sentences what learners are missing that keeps the gap open.",
  audience: "Who the activity is for: professions, specialties, settings and roughly how many learners.",
  objectives: "One per line; each should start with a verb you could observe, such as describe, compare or apply.",
  format: "The kind of activity, which shapes how learners take part and what you can measure afterwards.",
  formatNotes: "Optional practical details such as length, setting, platform or how often it runs.",
  outcomeLevel: "The highest level of change the activity is designed to achieve and that you intend to measure, on the outcome levels of Moore, Green and Gallis (2009).",
  evaluationMethods: "Tick every method you will use; each can only show certain outcome levels.",
  evaluationPlan: "When and how you will collect the data, for example a follow-up survey eight weeks later.",
  contentValidity: "Recommendations for patient care must rest on current evidence and give a fair view of the options, with new or still-evolving topics marked as such: say who will review the content for this, and how.",
  independence: "Owners and employees of ineligible companies may have no part in planning, choosing faculty, teaching or evaluating, nothing may be sold or promoted in the education, and learners' contact details go to no one without their consent: say how you will see to this.",
  disclosure: "Explain how you will gather, from everyone in control of content (planners, faculty, authors and reviewers), all their financial relationships with ineligible companies from the past 24 months, whatever the amount, and tell learners about the relevant ones before the activity starts.",
  mitigation: "Describe what you will do before anyone in control of content who has a relevant relationship takes on their role, such as peer review of their content or stepping back from a decision.",
  commercialSupport: "Standard 4 applies only when an ineligible company gives money or in-kind help, which must then be managed under a written agreement, recorded, and kept from paying learners' own expenses.",
  commercialSupportPlan: "If the activity is supported, describe the written agreement with the supporter and how you will record what was received and how it was spent.",
  marketing: "Standard 5 applies only when exhibits, advertising or promotional sessions come with the activity, and asks you to keep them clearly apart from the education.",
  marketingPlan: "If marketing comes with the activity, describe how you will keep it apart, such as exhibits and promotional talks outside the education's room and time, and no ads in front of learners during an online or print activity.",
  creditDesignation: "Name the credit the activity is designated for and the most a learner can claim, such as a maximum number of AMA PRA Category 1 Credits™: each physician then claims only the credit that matches their own participation.",
  logicInputs: "The resources you put in: people, budget, time, expertise and data.",
  logicActivities: "What you will do with those resources, such as planning meetings, sessions and follow-up.",
  logicOutputs: "The direct, countable products, such as sessions held, learners reached and materials produced.",
  logicOutcomes: "The changes you expect in learners, their practice and their patients, short and longer term.",
};

/** What a section is about, above its fields (each field's help explains its own). */
export const SECTION_INTROS: Partial<Record<PlanSectionId, string>> = {
  integrity:
    "The ACCME Standards for Integrity and Independence in Accredited Continuing Education have five standards: " +
    "the first three apply to every accredited activity, the fourth only when an ineligible company supports it, " +
    "and the fifth only when marketing comes with it. An ineligible company is one whose main business is making, " +
    "marketing, selling or distributing healthcare products used by or on patients.",
  "logic-model":
    "A logic model links what you put in to the change you hope for: inputs lead to activities, activities produce outputs, and outputs lead to outcomes.",
};
