/**
 * Words for the benchmark data set: names, titles and Markdown bodies that
 * read like a CME professionals' forum (written for this project). Bodies
 * use what members really type: paragraphs, **bold**, lists, links, quotes,
 * inline code, the odd table and @mentions.
 */
import type { Rng } from "./rng";

export const FIRST_NAMES = [
  "Amara", "Daniel", "Ingrid", "Wei", "Grace", "Sam", "Priya", "Mateo", "Hannah", "Kwame", "Lucia", "Tomas",
  "Aisha", "Noah", "Elena", "Ravi", "Sofia", "Jonas", "Fatima", "Liam", "Mei", "Oscar", "Nadia", "Felix",
  "Chloe", "Diego", "Yara", "Ethan", "Leila", "Marcus", "Anika", "Hugo", "Zara", "Isaac", "Maya", "Pedro",
  "Olga", "Kenji", "Rosa", "Victor", "Amina", "Lars", "Julia", "Omar", "Clara", "Arjun", "Nora", "Tobias",
  "Esther", "Malik", "Iris", "Rafael", "Sienna", "Bruno", "Keiko", "Adrian", "Lena", "Samuel", "Alma", "Henrik",
];

export const LAST_NAMES = [
  "Okafor", "Reyes", "Larsen", "Chen", "Mensah", "Patel", "Novak", "Haddad", "Schmidt", "Kowalski", "Silva",
  "Tanaka", "Osei", "Moreau", "Ivanova", "Rossi", "Nguyen", "Fischer", "Costa", "Bergstrom", "Alvarez", "Kim",
  "Dubois", "Mwangi", "Johansson", "Ferreira", "Yilmaz", "Brennan", "Sato", "Abebe", "Lindqvist", "Morales",
  "Walsh", "Hoffmann", "Adeyemi", "Papadopoulos", "Castillo", "Nakamura", "Eriksen", "Banerjee", "Quinn",
  "Volkov", "Duarte", "Achterberg", "Hughes", "Rahman", "Svensson", "Obi", "Laurent", "Pereira",
];

export const ORGANIZATIONS = [
  "Lakeshore Health System", "Riverside School of Medicine", "Nordic Society of Cardiology", "Meridian Medical Education",
  "Atlantic Health Partners", "Summit Oncology Society", "Prairie Regional Hospital", "Harbor Academic Medical Center",
  "Coastal Pediatrics Association", "Granite State Medical Society", "Evergreen Learning Group", "Northern Nursing Institute",
  "Sunbelt Family Physicians", "Metro Pharmacy Education", "Highland University Hospitals", "Valley Primary Care Network",
];

export const JOB_TITLES = [
  "CME Coordinator", "Accreditation Manager", "Director of Continuing Professional Development", "Outcomes Analyst",
  "Program Developer", "Learning Technology Lead", "Vice President, Medical Education", "Education Specialist",
  "Medical Writer", "Grants Manager", "Meeting Planner", "Instructional Designer", "Compliance Officer",
];

export const CREDENTIALS = ["CHCP", "PMP", "MHA", "MEd", "PhD", "RN", "MD", "CMP"];

const REGIONS = [
  "Great Lakes", "Pacific Northwest", "Gulf Coast", "Nordic", "Andean", "Alpine", "Coastal", "Prairie", "Highland",
  "Southern", "Eastern", "Western", "Central", "Atlantic", "Mediterranean", "Baltic", "Iberian", "Rocky Mountain",
  "New England", "Midlands",
];
const SPECIALTIES = [
  "Cardiology", "Oncology", "Pediatric", "Family Medicine", "Hospital", "Nursing", "Pharmacy", "Surgical", "Primary Care",
  "Emergency Medicine", "Psychiatry", "Radiology", "Academic", "Interprofessional", "Rural Health", "Dermatology",
];
const KINDS = ["CME Network", "Education Society", "CPD Collaborative", "Planners Group", "Learning Council", "Educators Forum"];

export function associationName(rng: Rng, index: number): string {
  if (index === 0) return "Large Association of CME Professionals";
  return `${rng.pick(REGIONS)} ${rng.pick(SPECIALTIES)} ${rng.pick(KINDS)}`;
}

export const ASSOCIATION_DESCRIPTIONS = [
  "A network of people who plan, accredit and evaluate education for clinicians in our region. We meet monthly online and share **templates, checklists and lessons learned**.",
  "We bring together education staff from hospitals, societies and schools.\n\n- Monthly case reviews of activities\n- A shared library of needs assessments\n- Mentoring for newcomers",
  "A place for CPD teams to compare notes on accreditation, outcomes measurement and learner engagement. Everyone who works on clinician education is welcome.",
  "Our members run grand rounds, conferences and online courses. This forum is where we ask each other *how did you handle that?* before reinventing anything.",
];

/** Extra categories larger association forums add after the starter two. */
export const EXTRA_CATEGORIES = [
  { name: "Accreditation questions", description: "Criteria, documentation and reaccreditation, asked and answered.", visibility: "MEMBERS" },
  { name: "Outcomes and evaluation", description: "Measuring what changed after an activity.", visibility: "ASSOCIATION" },
] as const;

export const TAGS = [
  "accme", "eaccme", "pars", "outcomes", "moore-levels", "needs-assessment", "disclosure", "mitigation", "grand-rounds",
  "rss", "jointly-provided", "enduring-material", "podcast", "evaluation", "commercial-support", "chcp", "mentoring",
  "budget", "learner-engagement", "interprofessional",
];

const TOPICS = [
  "needs assessments", "practice gaps", "learning objectives", "outcomes measurement", "disclosure review",
  "conflict-of-interest mitigation", "PARS reporting", "regularly scheduled series", "enduring materials",
  "joint providership", "commercial support agreements", "learner evaluations", "faculty briefings", "activity budgets",
  "hybrid conferences", "podcast accreditation", "self-assessment modules", "interprofessional activities",
  "accreditation self-studies", "post-activity surveys",
];
const VERBS = [
  "document", "structure", "simplify", "measure", "review", "plan", "report", "scale", "automate", "justify",
  "evaluate", "budget for", "explain",
];
const CONTEXTS = [
  "a small hospital team", "a specialty society", "a grand rounds series", "a two-day conference", "an online course",
  "our first self-study", "a jointly provided activity", "a busy quarter", "a new coordinator", "a reaccreditation year",
];

export function threadTitle(rng: Rng): string {
  const topic = rng.pick(TOPICS);
  const patterns = [
    () => `How do you ${rng.pick(VERBS)} ${topic} for ${rng.pick(CONTEXTS)}?`,
    () => `Sharing our approach to ${topic}`,
    () => `Question about ${topic} in ${rng.pick(CONTEXTS)}`,
    () => `Lessons learned: ${topic} after ${rng.pick(CONTEXTS)}`,
    () => `Templates for ${topic}?`,
    () => `What counts as good ${topic}?`,
    () => `${topic.charAt(0).toUpperCase()}${topic.slice(1)}: what changed this year`,
  ];
  return rng.pick(patterns)();
}

const SENTENCES = [
  "We started writing the practice gap before anything else, and the objectives almost wrote themselves afterwards.",
  "Our accreditation self-study went much faster once every activity file had the same checklist at the front.",
  "The learners said the case discussions were the most useful part, which matches what the follow-up survey showed.",
  "I would separate the needs assessment from the evaluation plan, because they answer different questions.",
  "Disclosure review takes us about ten minutes per faculty member when the forms arrive complete.",
  "We mitigate relevant financial relationships with a peer review of the slides before the session.",
  "Moore's levels are a helpful ladder, but most of our activities realistically stop at competence.",
  "Reporting in PARS is less painful if you enter each activity as soon as it closes.",
  "A regularly scheduled series needs a yearly review of the topics against the gaps it was meant to close.",
  "Our commercial support agreements are signed before any planning meeting takes place.",
  "The budget template has a line for evaluation, which stops it from being the first thing we cut.",
  "For enduring materials we check the content again every year and record the review date.",
  "New coordinators shadow two complete activities before they run one on their own.",
  "We ask faculty to write one measurable objective each, then we edit them together.",
  "Interprofessional activities need planners from each profession at the table from the first meeting.",
  "Post-activity surveys get better response rates when they arrive within a day.",
  "Pre and post case questions told us more than the satisfaction scores ever did.",
  "Joint providership works well when the roles are written down in a one-page agreement.",
  "We moved our grand rounds evaluation to a two-question form and the response rate doubled.",
  "The hardest part of outcomes measurement is deciding early what change you are looking for.",
  "Our podcast episodes are accredited as enduring material with a short self-assessment at the end.",
  "I keep a running list of questions from the surveyors so the next self-study team starts ahead.",
  "Learners asked for shorter sessions with more time for questions, so we tried forty-five minutes.",
  "We map every activity to the competency areas so the yearly report shows where the gaps are.",
  "A hybrid conference doubles the logistics, so plan the online experience as its own activity.",
  "Mentoring a newcomer through their first needs assessment is the best onboarding we have found.",
  "Faculty briefings now include a slide on what independence from industry means in practice.",
  "The evaluation plan should name the data source for each objective before the activity starts.",
  "We pilot new formats with one department before offering them across the hospital.",
  "Keeping minutes of planning meetings saved us during the last accreditation review.",
];

const CLOSINGS = [
  "Happy to share our template if it helps.",
  "Curious how others handle this.",
  "Thanks to everyone who replied so far.",
  "Would love to hear what worked for you.",
  "Does anyone have a better way?",
  "Hope this helps someone starting out.",
];

const LINKS = [
  "https://example.org/cme/templates/needs-assessment",
  "https://example.org/cme/outcomes-guide",
  "https://example.org/cme/disclosure-checklist",
  "https://example.org/cme/self-study-timeline",
];

const CODE_BITS = ["PARS", "activity_id", "CSV export", "Moore 5", "objective_3"];

function paragraph(rng: Rng, sentences: number): string {
  const parts: string[] = [];
  for (let i = 0; i < sentences; i++) {
    let sentence = rng.pick(SENTENCES);
    const roll = rng.next();
    if (roll < 0.12) sentence = sentence.replace(/^(\S+ \S+ \S+)/, "**$1**");
    else if (roll < 0.2) sentence = sentence.replace(/(\S+ \S+)\.$/, "*$1*.");
    else if (roll < 0.25) sentence = `${sentence} See \`${rng.pick(CODE_BITS)}\`.`;
    parts.push(sentence);
  }
  return parts.join(" ");
}

/**
 * A post body in Markdown. `mention` is a handle that exists (mentions of
 * existing handles become links when rendered); `quote` starts the reply
 * with a quoted passage, as the reply form does when quoting.
 */
export function postBody(rng: Rng, options: { mention?: string; quote?: { name: string; number: number } } = {}): string {
  const blocks: string[] = [];
  if (options.quote) {
    blocks.push(`> **${options.quote.name}** wrote in #${options.quote.number}:\n>\n> ${rng.pick(SENTENCES)}`);
  }
  const paragraphs = rng.weighted([
    [1, 4],
    [2, 4],
    [3, 2],
    [4, 1],
  ] as const);
  for (let i = 0; i < paragraphs; i++) {
    const roll = rng.next();
    if (roll < 0.12 && i > 0) {
      const items = rng.int(2, 4);
      blocks.push(Array.from({ length: items }, () => `- ${rng.pick(SENTENCES)}`).join("\n"));
    } else if (roll < 0.17 && i > 0) {
      blocks.push(Array.from({ length: rng.int(2, 3) }, (_, n) => `${n + 1}. ${rng.pick(SENTENCES)}`).join("\n"));
    } else if (roll < 0.19 && i > 0) {
      blocks.push(`| Step | Owner |\n| --- | --- |\n| ${rng.pick(TOPICS)} | coordinator |\n| ${rng.pick(TOPICS)} | director |`);
    } else {
      blocks.push(paragraph(rng, rng.int(1, 4)));
    }
  }
  if (rng.chance(0.15)) blocks.push(`There is a write-up here: [${rng.pick(TOPICS)}](${rng.pick(LINKS)}).`);
  if (options.mention) blocks.push(`@${options.mention} what do you think?`);
  if (rng.chance(0.3)) blocks.push(rng.pick(CLOSINGS));
  return blocks.join("\n\n");
}

export function bio(rng: Rng): string {
  return `${paragraph(rng, 1)} Interested in **${rng.pick(TOPICS)}** and ${rng.pick(TOPICS)}.`;
}

export function evidenceNote(rng: Rng): string {
  return `Led ${rng.pick(TOPICS)} for ${rng.pick(CONTEXTS)}. ${rng.pick(SENTENCES)}`;
}

export function reflection(rng: Rng): string {
  return `${rng.pick(SENTENCES)} Next I want to work on ${rng.pick(TOPICS)}.`;
}

/** Queries the search scenario sends: common, rare and phrase searches. */
export const SEARCH_QUERIES = ["outcomes measurement", "disclosure review", "\"needs assessment\"", "podcast enduring", "PARS reporting"];

/** What mentors write under "a note for members looking for a mentor". */
export const MENTOR_NOTES = [
  "Happy to talk through accreditation reviews and the evidence a self-study needs.",
  "I moved into CME from meeting planning; glad to help others find their feet.",
  "Outcomes measurement is my thing. A call every few weeks works best for me.",
  "I can share how we built our joint-providership process, warts and all.",
  "Ask me about disclosure review and mitigation; I have run it for eight years.",
  "",
  "Glad to help with needs assessments and writing gap statements that hold up.",
  "I mentor best by looking at real activity files together.",
];

/** What members looking for a mentor hope for. */
export const MENTEE_HOPES = [
  "I would like a sounding board before our next reaccreditation.",
  "Someone to help me plan my first outcomes study.",
  "Help turning my gap areas into a one-year plan.",
  "",
];
