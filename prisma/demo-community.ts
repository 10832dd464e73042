/**
 * The demo community for `npm run db:seed -- --demo`: three associations with
 * different join policies, roles and a pending join request, and a dozen
 * threads in the community forum and the association forums, with replies,
 * quotes, @mentions, "helpful" reactions, an accepted answer and a pinned
 * announcement.
 *
 * Everything goes through the domain functions (as the demo members
 * themselves), so counters, reading state and notifications are what the app
 * would have produced. Those functions stamp "now"; afterwards each thread's
 * posts (and what hangs off them) are moved back to a timeline over the last
 * few weeks, in one transaction per thread, keeping lastPostAt equal to the
 * newest post's createdAt.
 *
 * Idempotent: an association whose slug exists is skipped, and so is a thread
 * when its author already has one with that title in that forum.
 */
import type { Prisma } from "~/generated/prisma/client";
import { createAssociation } from "~/domain/associations/associations.server";
import { acceptInvitation, createInvitation } from "~/domain/associations/invitations.server";
import { approveJoinRequest, requestToJoin } from "~/domain/associations/join-requests.server";
import { joinAssociation, setMemberRole } from "~/domain/associations/memberships.server";
import type { CategoryVisibilityName, JoinPolicyName } from "~/domain/associations/schemas";
import { createCategory } from "~/domain/discussions/categories.server";
import { setPinned } from "~/domain/discussions/moderation.server";
import { acceptAnswer, createReply, setHelpful } from "~/domain/discussions/posts.server";
import { createThread } from "~/domain/discussions/threads.server";
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/session.server";

export type DemoHandle =
  | "amara-okafor"
  | "daniel-reyes"
  | "ingrid-larsen"
  | "wei-chen"
  | "grace-mensah"
  | "sam-patel"
  | "priya-natarajan"
  | "tomas-alvarez"
  | "hannah-brooks";

const ALL_HANDLES: DemoHandle[] = [
  "amara-okafor",
  "daniel-reyes",
  "ingrid-larsen",
  "wei-chen",
  "grace-mensah",
  "sam-patel",
  "priya-natarajan",
  "tomas-alvarez",
  "hannah-brooks",
];

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;
/** Notifications about posts older than this are shown as already read. */
const READ_AFTER_DAYS = 4;
/** Threads start in the (UTC) afternoon: a North American morning, a European afternoon. */
const START_HOUR_UTC = 14;

// ─── Associations ───────────────────────────────────────────────────────────

type DemoAssociation = {
  slug: string;
  name: string;
  description: string;
  joinPolicy: JoinPolicyName;
  createdDaysAgo: number;
  owner: DemoHandle;
  /** How each joined, in order: as an open association allows, by an approved request, or by an invitation link. */
  members: { handle: DemoHandle; daysAgo: number; moderator?: boolean; message?: string }[];
  extraCategories: { name: string; description: string; visibility: CategoryVisibilityName }[];
  pendingRequest?: { handle: DemoHandle; daysAgo: number; message: string };
};

export const DEMO_ASSOCIATIONS: DemoAssociation[] = [
  {
    slug: "great-lakes-hospital-cme",
    name: "Great Lakes Hospital CME Planners Network",
    joinPolicy: "OPEN",
    createdDaysAgo: 120,
    owner: "amara-okafor",
    description:
      "A regional network of people who plan accredited education in hospitals and health systems around the Great Lakes: grand rounds, tumor boards, M&M conferences, skills courses and the odd regional update.\n\nWe meet online every quarter and use this forum in between to swap checklists, templates and hard-won lessons. Anyone who plans CME in a hospital setting is welcome to join.",
    members: [
      { handle: "grace-mensah", daysAgo: 118, moderator: true },
      { handle: "sam-patel", daysAgo: 90 },
      { handle: "daniel-reyes", daysAgo: 55 },
      { handle: "priya-natarajan", daysAgo: 112 },
      { handle: "tomas-alvarez", daysAgo: 80 },
      { handle: "hannah-brooks", daysAgo: 40 },
    ],
    extraCategories: [
      {
        name: "Grand rounds and series",
        description: "Regularly scheduled series: grand rounds, tumor boards, case conferences. Attendance, planning and documentation.",
        visibility: "ASSOCIATION",
      },
    ],
  },
  {
    slug: "academic-cme-leaders",
    name: "Academic CME Leaders’ Roundtable",
    joinPolicy: "APPROVAL",
    createdDaysAgo: 210,
    owner: "grace-mensah",
    description:
      "A small, candid group for people who lead CME and CPD units in academic medical centres, medical schools and large teaching hospitals.\n\nTopics we keep returning to: accreditation strategy and commendation, developing our own teams, research and scholarship in continuing education, and linking education with quality improvement. The moderators approve each request to join so that the conversation stays among peers.",
    members: [
      {
        handle: "amara-okafor",
        daysAgo: 200,
        moderator: true,
        message: "I lead continuing professional development at Lakeshore Health System and would value a peer group.",
      },
      {
        handle: "ingrid-larsen",
        daysAgo: 150,
        message: "Accreditation manager at a cardiology specialty society; keen to compare notes with academic units.",
      },
    ],
    extraCategories: [],
    pendingRequest: {
      handle: "daniel-reyes",
      daysAgo: 2,
      message:
        "I coordinate the regularly scheduled series at Riverside School of Medicine. I’m not a unit leader yet, but I would love to learn how leaders think about strategy.",
    },
  },
  {
    slug: "meded-company-circle",
    name: "MedEd Company Professionals Circle",
    joinPolicy: "INVITE",
    createdDaysAgo: 140,
    owner: "wei-chen",
    description:
      "A circle for people working in medical education companies and their accredited partners: program design, learning technology, outcomes and grant reporting.\n\nMembership is by invitation from a current member, so that we can talk openly about our own programs.",
    members: [
      { handle: "sam-patel", daysAgo: 138, moderator: true },
      { handle: "ingrid-larsen", daysAgo: 100 },
    ],
    extraCategories: [],
  },
];

// ─── Threads ────────────────────────────────────────────────────────────────

type DemoReply = {
  by: DemoHandle;
  /** Hours after the previous post. */
  after: number;
  body: string;
  /** The number of the post it quotes ("in reply to #n"). */
  quote?: number;
  helpfulFrom?: DemoHandle[];
  /** The accepted answer of its question (marked by the thread's author). */
  accepted?: boolean;
};

type DemoThread = {
  forum: string;
  category: string;
  by: DemoHandle;
  title: string;
  kind: "DISCUSSION" | "QUESTION";
  tags: string[];
  areas: string[];
  /** When the opening post was written, in days before the seed runs. */
  daysAgo: number;
  body: string;
  pinned?: boolean;
  replies: DemoReply[];
};

const quote = (name: string, number: number, text: string) => `> **${name}** wrote in #${number}:\n>\n> ${text}\n\n`;

export const DEMO_THREADS: DemoThread[] = [
  // ── Community forum ──
  {
    forum: "community",
    category: "introductions",
    by: "daniel-reyes",
    title: "Hello from a conference planner turned CME coordinator",
    kind: "DISCUSSION",
    tags: ["introductions", "newcomers"],
    areas: [],
    daysAgo: 27,
    body: "Hi everyone, I’m Daniel, CME coordinator at Riverside School of Medicine. Two years ago I was booking hotel blocks and AV for specialty conferences; now I look after our regularly scheduled series and a handful of live courses.\n\nThe logistics feel familiar. The educational design side (gaps, needs, objectives, outcomes) is where I’m still finding my feet. I’ve started the newcomer pathway here. If you also came to CME sideways, what helped you most in your first year?",
    replies: [
      {
        by: "amara-okafor",
        after: 3,
        body: "Welcome, Daniel! I came from the ICU, so my first year was the mirror image of yours: I knew the clinical content and had never negotiated a venue contract. Your planning background is a real asset. The moment an activity meets reality, logistics decide whether the education works.\n\nWhat helped me most was following one planning committee from its first meeting to the evaluation summary, and keeping a glossary. The difference between a *practice gap* (what happens now versus what should happen) and an *educational need* (why the gap exists) took me longer than I’d like to admit.",
      },
      {
        by: "ingrid-larsen",
        after: 5,
        body: "Welcome! A small tip from our joint meeting with European partners: learn early how credit is counted elsewhere. Under EACCME one European CME credit stands for one hour of education, and the conversations with partners go much more smoothly when you know that from the start.",
      },
      {
        by: "daniel-reyes",
        after: 20,
        quote: 2,
        body: `${quote("Amara Okafor", 2, "The difference between a *practice gap* (what happens now versus what should happen) and an *educational need* (why the gap exists) took me longer than I’d like to admit.")}That is exactly where I am. I mapped last year’s grand rounds onto gap → need → objective, and half of the sessions had no stated gap at all. Expect a question about that soon!`,
      },
      {
        by: "grace-mensah",
        after: 48,
        body: "Welcome aboard. One more suggestion: take the baseline self-assessment now, even if it feels early. In a year you will be glad to see how far you have come, and it makes the conversation with your manager about development much more concrete.",
      },
    ],
  },
  {
    forum: "community",
    category: "needs-and-outcomes",
    by: "daniel-reyes",
    title: "Where do I start with a needs assessment for a new grand rounds series?",
    kind: "QUESTION",
    tags: ["needs-assessment", "grand-rounds", "rss"],
    areas: ["educational-interventions", "measuring-performance"],
    daysAgo: 21,
    body: "Our department of medicine wants to relaunch its weekly grand rounds as an accredited regularly scheduled series next quarter, and I’ve been asked to draft the needs assessment for the planning committee.\n\nWhat I have so far: a list of topics the chair would like, and last year’s evaluation forms (mostly “great speaker”). I suspect that isn’t enough. How do you find real practice gaps for a series that covers many topics? And how much documentation is enough for a series compared with a single course?",
    replies: [
      {
        by: "amara-okafor",
        after: 4,
        accepted: true,
        helpfulFrom: ["daniel-reyes", "grace-mensah"],
        body: "Good instinct: a topic wish list is a starting point, not a needs assessment. What has worked for our series:\n\n1. **Start from data you already have.** Quality dashboards, safety reports, chart audit results and new guidelines point at gaps in *performance*, not just knowledge. Ask your quality department for their top five concerns in the department of medicine.\n2. **Ask the learners, briefly.** A short survey with two or three case questions tells you more than “which topics interest you?”.\n3. **Write each gap as current versus desired practice**, then the need behind it: is it knowledge, competence (knowing how to apply it) or performance (actually doing it)?\n4. **Document at series level, and per session where it differs.** We keep one planning document for the year with the main gaps, and a one-paragraph gap statement for each session.\n\nAfter that the objectives almost write themselves, and you know what to measure afterwards.",
      },
      {
        by: "sam-patel",
        after: 6,
        body: "Adding to Amara’s second point: keep those case questions, because you can ask them again after the series as a matched pre/post measure. @daniel-reyes I’m happy to share a template. The trick is to build each question around a decision the clinician makes, not a fact they recall.",
      },
      {
        by: "grace-mensah",
        after: 20,
        quote: 2,
        body: `${quote("Amara Okafor", 2, "Ask your quality department for their top five concerns in the department of medicine.")}Strongly agree. It is also the easiest way to get the quality team invested in the series: once they see grand rounds taking on their priorities, they start bringing you data without being asked.`,
      },
      {
        by: "daniel-reyes",
        after: 26,
        body: "Thank you all, this is exactly what I needed. Quality sent their list this morning: sepsis bundle compliance and medication reconciliation at discharge are at the top. I’m marking Amara’s answer as the accepted one, and @sam-patel yes please to the template!",
      },
    ],
  },
  {
    forum: "community",
    category: "accreditation",
    by: "ingrid-larsen",
    title: "Mitigating relevant financial relationships under Standard 3: what works for planners?",
    kind: "DISCUSSION",
    tags: ["standard-3", "disclosure", "mitigation"],
    areas: ["administration"],
    daysAgo: 18,
    body: "We are reviewing how we handle financial relationships on our planning committees. Collecting the information is under control: everyone in control of content lists all their financial relationships with ineligible companies from the past 24 months, whatever the amount.\n\nWhere we are less consistent is the next step: deciding which relationships are relevant, and mitigating them *before* the person starts in their role. For faculty we mostly rely on peer review of the content. For planners it is murkier. What do you do when a committee member has a relevant relationship, and how do you record it so that it holds up at your next review?",
    replies: [
      {
        by: "amara-okafor",
        after: 5,
        helpfulFrom: ["ingrid-larsen", "daniel-reyes"],
        body: "For planners we use three tools, depending on how central the person is:\n\n- **Recusal** from the decisions the relationship touches (for example, they don’t choose topics or faculty in that therapeutic area);\n- **Peer review of their planning decisions** by a committee member without relevant relationships;\n- **Divestment**, when someone would rather end the relationship than step back. Rare, but it happens.\n\nWe record the relationship, why we judged it relevant, the mitigation chosen, who decided and when, all before the first planning meeting. One row per person per activity, linked from the activity file.",
      },
      {
        by: "grace-mensah",
        after: 9,
        helpfulFrom: ["ingrid-larsen"],
        body: "One thing that tripped us up: the mitigation has to happen before the person takes on their role, not just before the activity. For a series planned months ahead, that makes the review of relationships the first item of the first planning meeting, not something the coordinator does the week before the session.",
      },
      {
        by: "wei-chen",
        after: 22,
        quote: 2,
        body: `${quote("Amara Okafor", 2, "One row per person per activity, linked from the activity file.")}We moved exactly this into our learning platform last year: the disclosure form feeds a review queue, and the reviewer’s decision is stored with the date. The audit trail is the real win. Nobody has to reconstruct who decided what.`,
      },
      {
        by: "ingrid-larsen",
        after: 26,
        body: "Thank you, this is the level of detail I was hoping for. We will add a peer-review step for planners and move the review to the first meeting. And a reminder to myself as much as anyone: learners have to see the disclosure information before the activity begins, so we will keep it on the registration page as well as the first slide.",
      },
    ],
  },
  {
    forum: "community",
    category: "needs-and-outcomes",
    by: "sam-patel",
    title: "Measuring Moore level 5 with chart audits: how small can the sample be?",
    kind: "DISCUSSION",
    tags: ["outcomes", "moore-levels", "chart-audit"],
    areas: ["measuring-performance", "systems-thinking"],
    daysAgo: 14,
    body: "Most of our outcomes work stops at level 4, competence, measured with case vignettes. A health-system partner has now offered access to their records so that we can look at what clinicians actually do (level 5, performance) after a heart-failure education series.\n\nThe plan so far: three quality indicators tied to the objectives, charts from participating clinicians for the three months before and the three months after, compared with clinicians who did not attend. For those who have done this: how many charts per clinician did you pull? Did it go through quality-improvement or research review? And what did you do about clinicians who see few eligible patients?",
    replies: [
      {
        by: "amara-okafor",
        after: 6,
        helpfulFrom: ["sam-patel", "grace-mensah"],
        body: "We have done this twice, for our anticoagulation series. A few lessons:\n\n- Ten charts per clinician before and after was our floor; with fewer, one unusual patient swings the result.\n- Our quality department ran the audit as part of its existing improvement program. Check your own institution’s rules, though; they differ.\n- Low-volume clinicians we pooled by practice group instead of reporting them individually.\n\nThe biggest surprise: the comparison group improved too, because the hospital launched a new order set at the same time. Write down what else is changing in the system during your measurement window.",
      },
      {
        by: "grace-mensah",
        after: 22,
        body: "Amara’s last point is the important one. At level 5 you are measuring the system as much as the education. I would describe the result as the education *contributing to* the change rather than causing it, and invite the quality team to co-author the summary.",
      },
      {
        by: "daniel-reyes",
        after: 5,
        body: "A newcomer’s question: what is the practical difference between level 4 and level 5 here? If a clinician answers a case vignette correctly, is that “competence” even when it is about the same decision the chart audit looks at?",
      },
      {
        by: "sam-patel",
        after: 3,
        quote: 4,
        helpfulFrom: ["daniel-reyes"],
        body: `${quote("Daniel Reyes", 4, "If a clinician answers a case vignette correctly, is that “competence” even when it is about the same decision the chart audit looks at?")}Yes. The vignette shows what the clinician *would* do (competence); the chart shows what they *actually did* with real patients (performance). Same decision, different evidence, and the gap between the two is often where the interesting story is.`,
      },
      {
        by: "wei-chen",
        after: 20,
        body: "If the partner’s record system can export the indicators, ask for the raw extract rather than a summary, with a clinician identifier you can link to attendance. @sam-patel we can match it against our platform’s attendance records without anyone typing names into spreadsheets.",
      },
    ],
  },
  {
    forum: "community",
    category: "careers",
    by: "wei-chen",
    title: "CHCP exam study group for the next testing window?",
    kind: "DISCUSSION",
    tags: ["chcp", "certification", "study-group"],
    areas: ["self-assessment-and-lifelong-learning"],
    daysAgo: 10,
    body: "I’m planning to sit the CHCP exam in one of the coming testing windows (there are four a year, and remote testing is an option). Is anyone else preparing? I would like to set up a small study group: a call every two weeks, each of us leading one competency area in turn.\n\nFor those who already hold the credential: what do you wish you had studied more?",
    replies: [
      {
        by: "grace-mensah",
        after: 5,
        helpfulFrom: ["wei-chen"],
        body: "Happy to join one session as a “been there” guest. What I would stress: the exam rewards judgement across the whole cycle (planning, independence, outcomes, running a program) more than memorised rules. Scenarios from your own work are the best practice material you have.",
      },
      {
        by: "ingrid-larsen",
        after: 8,
        body: "Count me in as a study partner. I certified years ago, but my renewal is coming up and a refresher won’t hurt. For everyone planning ahead: the credential is renewed every three years, and as long as you keep it current you never have to sit the exam again.",
      },
      {
        by: "daniel-reyes",
        after: 22,
        body: "I’m probably a year or two away from being eligible, but could I listen in? Going through one competency area per session would help with my own self-assessment too.",
      },
      {
        by: "wei-chen",
        after: 4,
        quote: 4,
        body: `${quote("Daniel Reyes", 4, "could I listen in?")}Of course! @ingrid-larsen and I will draft a schedule this week and post it here.`,
      },
    ],
  },
  {
    forum: "community",
    category: "accreditation",
    by: "wei-chen",
    title: "Enduring materials: how do you keep release and expiry dates in step?",
    kind: "QUESTION",
    tags: ["enduring-materials", "online-learning"],
    areas: ["administration", "educational-interventions"],
    daysAgo: 8,
    body: "We have about forty on-demand modules and podcasts live at the moment. Each has a release date and an expiry date, at most three years later, after which the content has to be reviewed before it can carry on. Right now those dates live in three places (the platform, the accreditation file and a shared calendar) and they drift apart.\n\nHow do others manage this? In particular: who starts the content review, and how long before expiry?",
    replies: [
      {
        by: "ingrid-larsen",
        after: 7,
        helpfulFrom: ["wei-chen"],
        body: "We make the accreditation file the single source of truth and everything else reads from it. Review starts six months before expiry: the original planner and one content reviewer check the evidence, and the outcome is “update and re-release”, “retire”, or (rarely) “still current”. Six months sounds generous until you try to book a busy cardiologist.",
      },
      {
        by: "amara-okafor",
        after: 21,
        body: "Same here, plus one habit: when a major guideline changes, we check the enduring materials on that topic straight away instead of waiting for the expiry date. Content has to stay valid for as long as the module is live, not just on the day it was reviewed.",
      },
    ],
  },
  {
    forum: "community",
    category: "accreditation",
    by: "grace-mensah",
    title: "PARS year-end reporting: keeping activity data clean all year",
    kind: "DISCUSSION",
    tags: ["pars", "reporting"],
    areas: ["administration", "systems-thinking"],
    daysAgo: 4,
    body: "Every year we end up in a scramble before the PARS deadline (the last business day of March), reconstructing learner counts and hours. This year I want to fix the process rather than the symptoms.\n\nFor each activity PARS asks, among other things, whether it was directly or jointly provided, its hours, what it was designed to change (competence, performance or patient outcomes) and whether that change was evaluated, how many learners took part, and any commercial support. Which of these do you capture when the activity is planned, and which at close-out?",
    replies: [
      {
        by: "ingrid-larsen",
        after: 4,
        body: "We capture everything except learner numbers at planning time, in the activity application itself. The planner has to say what the activity is designed to change and how that will be evaluated before we approve it, so the reporting answer is already there, and it is an honest one.",
      },
      {
        by: "daniel-reyes",
        after: 9,
        body: "Does anyone have a close-out checklist they would share? Our series are the worst: paper sign-in sheets for 48 weekly sessions.",
      },
      {
        by: "amara-okafor",
        after: 6,
        quote: 3,
        helpfulFrom: ["grace-mensah", "daniel-reyes"],
        body: `${quote("Daniel Reyes", 3, "paper sign-in sheets for 48 weekly sessions.")}For our series we close out monthly, not yearly: attendance, hours, any changes to the schedule. Twelve small jobs instead of one big one. I’ll share our close-out checklist in the Great Lakes network forum.`,
      },
      {
        by: "grace-mensah",
        after: 20,
        body: "Monthly close-out: that is the change we need. Thank you all, I’m taking this to our team meeting on Monday.",
      },
    ],
  },

  // ── Great Lakes Hospital CME Planners Network ──
  {
    forum: "great-lakes-hospital-cme",
    category: "announcements",
    by: "amara-okafor",
    title: "Welcome to the network’s forum: how we use it",
    kind: "DISCUSSION",
    tags: ["announcement", "meetings"],
    areas: [],
    daysAgo: 24,
    pinned: true,
    body: "This forum is where hospital CME planners in our region trade practical know-how between our quarterly meetings.\n\n- **Announcements** (this category) is public: meeting dates and shared resources.\n- **Members’ discussion** and **Grand rounds and series** are for members only, so ask freely there.\n- Our next quarterly meeting is online. Agenda suggestions are welcome below.\n\nPlease keep patient details out of posts, and flag anything that looks wrong.",
    replies: [
      {
        by: "grace-mensah",
        after: 6,
        body: "Thanks, Amara. Agenda suggestion: a quick round of “one thing we changed this year” from each hospital.",
      },
      {
        by: "daniel-reyes",
        after: 30,
        body: "Suggestion: twenty minutes on how each of us takes attendance for weekly series. I’m collecting approaches and would happily summarise them for everyone.",
      },
    ],
  },
  {
    forum: "great-lakes-hospital-cme",
    category: "members",
    by: "grace-mensah",
    title: "Joint providership with a community hospital: who keeps which records?",
    kind: "DISCUSSION",
    tags: ["joint-providership", "partnerships"],
    areas: ["collaboration", "administration"],
    daysAgo: 16,
    body: "We have been asked to jointly provide a regional stroke update with a community hospital that is not accredited. As I understand it, in joint providership we plan the activity together with them, but as the accredited provider we stay responsible for it meeting every requirement.\n\nFor those who do this regularly: what goes into your written agreement, and who keeps the disclosure, planning and evaluation records?",
    replies: [
      {
        by: "amara-okafor",
        after: 5,
        helpfulFrom: ["grace-mensah", "daniel-reyes"],
        body: "We do four or five a year. Our agreement covers who plans (a joint committee, with our CME office on it), who collects and reviews financial relationships (always us), who handles money and any commercial support (us, documented), and who keeps the file (us; the partner gets a copy). The partner usually takes care of the venue and local promotion, and we check every flyer before it goes out.",
      },
      {
        by: "sam-patel",
        after: 22,
        body: "From the outcomes side: agree the evaluation plan in the agreement as well. Otherwise the partner sends out a satisfaction form of their own and you have nothing to say about what changed.",
      },
      {
        by: "grace-mensah",
        after: 4,
        quote: 2,
        body: `${quote("Amara Okafor", 2, "we check every flyer before it goes out.")}That one has bitten us before. Adding it to our checklist, thank you both.`,
      },
    ],
  },
  {
    forum: "great-lakes-hospital-cme",
    category: "grand-rounds-and-series",
    by: "daniel-reyes",
    title: "Tracking attendance at a weekly tumor board without paper sheets",
    kind: "QUESTION",
    tags: ["rss", "attendance", "tumor-board"],
    areas: ["administration"],
    daysAgo: 12,
    body: "Our tumor board meets every Tuesday at 7 a.m., and attendance is still a paper sheet passed around the room. Half the signatures are unreadable and the sheet sometimes never makes it back to my office. What do your hospitals use: QR codes, badge scans, a text-in code?",
    replies: [
      {
        by: "grace-mensah",
        after: 5,
        helpfulFrom: ["daniel-reyes"],
        body: "We show a session code on the last slide that learners text in or type on their phone; it works only on the day of the session. It is simple and people actually do it. Paper stays as a backup for the two surgeons who refuse to touch a phone at 7 a.m.",
      },
      {
        by: "amara-okafor",
        after: 20,
        body: "A QR code on a table tent linking to a one-question form (name and department), plus a monthly check against the list of regular attendees. @daniel-reyes I can show you our setup at the next quarterly meeting.",
      },
      {
        by: "daniel-reyes",
        after: 3,
        body: "Both great. I’ll pilot the session code next month and report back here.",
      },
    ],
  },
  {
    forum: "great-lakes-hospital-cme",
    category: "grand-rounds-and-series",
    by: "priya-natarajan",
    title: "Our M&M conference moved to noon and attendance halved: what worked for you?",
    kind: "DISCUSSION",
    tags: ["rss", "attendance", "m-and-m"],
    areas: ["educational-interventions", "administration"],
    daysAgo: 6,
    body: "Since our morbidity and mortality conference moved from 7 a.m. to the lunch hour, attendance has dropped from about forty to under twenty, mostly because the hospitalists are on the wards at noon. The department wants to keep the new time.\n\nHas anyone kept a series alive after a schedule change like this? I am thinking about a recording for those who miss it, but I am not sure how that fits with credit for a live series.",
    replies: [
      {
        by: "tomas-alvarez",
        after: 4,
        body: "We had the same drop last spring. What brought people back was the case itself: last month we went through the readmission of Mr. Kowalski from room 4B, the 68-year-old admitted on the 3rd with a missed anticoagulation dose, and the room was full. Pick cases people have heard about on the wards.",
      },
      {
        by: "hannah-brooks",
        after: 6,
        body: "We asked the hospitalist group which half hour they could protect, and moved the case discussion to the first thirty minutes with lunch served. Attendance recovered within two months. A recording can be a separate enduring activity, but check with your accreditor before offering credit for it.",
      },
    ],
  },

  // ── Academic CME Leaders’ Roundtable ──
  {
    forum: "academic-cme-leaders",
    category: "announcements",
    by: "grace-mensah",
    title: "This month’s roundtable call: showing what the CME unit is worth",
    kind: "DISCUSSION",
    tags: ["meetings", "leadership"],
    areas: ["leadership", "systems-thinking"],
    daysAgo: 7,
    body: "Our next call is on the last Thursday of the month, one hour, online. The theme, suggested by several of you: how we show hospital and school leadership what the CME unit contributes, beyond the number of credits issued.\n\nBring one slide or one paragraph you have actually used with your own leadership: a dashboard, an outcomes story, a link to a quality priority. Members will find the joining details in the members’ discussion.",
    replies: [
      {
        by: "amara-okafor",
        after: 5,
        body: "I’ll bring the one-page summary we gave our board last year: activities and learners on the front, and on the back the two outcome studies where education was part of a measurable change in practice. The back page was the one they asked questions about.",
      },
      {
        by: "ingrid-larsen",
        after: 20,
        body: "Looking forward to it. If it helps, I can spend five minutes on how our society reports to its board; a specialty society is a little different from a health system, but the question we get asked is the same.",
      },
    ],
  },
  {
    forum: "academic-cme-leaders",
    category: "members",
    by: "amara-okafor",
    title: "Building a professional development plan for our own CME team",
    kind: "DISCUSSION",
    tags: ["commendation", "team-development"],
    areas: ["leadership", "self-assessment-and-lifelong-learning"],
    daysAgo: 9,
    body: "We are working toward Accreditation with Commendation, and one criterion we are considering is supporting the professional development of the CME team itself. As I read it, that means a plan built on an assessment of the team’s needs, including some learning from outside the organisation, with time and resources set aside for it.\n\nMy idea: each of us takes the competency self-assessment here, we look at the pattern together, and we choose two areas as team priorities for the year. Has anyone done something similar? What counted as “dedicated time” for you?",
    replies: [
      {
        by: "grace-mensah",
        after: 8,
        helpfulFrom: ["amara-okafor"],
        body: "We did this last year. Dedicated time meant four hours a month blocked in calendars that nobody could book over, plus a budget line for one external conference per person. The needs assessment was the self-assessment plus a conversation with each person’s manager: self-ratings alone were too modest for some people and too generous for others.",
      },
      {
        by: "ingrid-larsen",
        after: 20,
        body: "In our society the external part was the easiest to justify: the team attended accreditation sessions at the ACCME’s annual meeting and came back with a revised disclosure process. Tie each external activity to one of your priority areas and the plan documents itself.",
      },
      {
        by: "amara-okafor",
        after: 5,
        quote: 2,
        body: `${quote("Grace Mensah", 2, "self-ratings alone were too modest for some people and too generous for others.")}Good point. I’ll ask everyone to invite their manager as a reviewer on their competency profile, so the ratings sit side by side. Thank you both.`,
      },
    ],
  },

  // ── MedEd Company Professionals Circle ──
  {
    forum: "meded-company-circle",
    category: "members",
    by: "sam-patel",
    title: "Writing case questions that measure competence, not recall",
    kind: "DISCUSSION",
    tags: ["case-questions", "outcomes", "moore-levels"],
    areas: ["measuring-performance", "educational-interventions"],
    daysAgo: 3,
    body: "Sharing the template I promised in the community forum, in a slightly longer form for this group.\n\nEach question has a short patient case (age, setting, two or three findings), one decision the learner has to make, four plausible options drawn from what we saw in the needs assessment, and one correct answer tied to the guideline. No “which of the following is true” questions. We ask the same questions before and after the activity, and a matched subset again in a follow-up survey six to eight weeks later.\n\nWhat would you add?",
    replies: [
      {
        by: "wei-chen",
        after: 4,
        body: "Shuffle the option order between the pre and post questions; otherwise some learners remember the position rather than the reasoning. Our platform can do that for each learner.",
      },
      {
        by: "ingrid-larsen",
        after: 22,
        helpfulFrom: ["sam-patel", "wei-chen"],
        body: "Ask for a confidence rating with each answer. A correct answer given with low confidence tells a different story from a confident wrong one, and it shows faculty where to spend their time.",
      },
      {
        by: "sam-patel",
        after: 6,
        quote: 3,
        body: `${quote("Ingrid Larsen", 3, "Ask for a confidence rating with each answer.")}Adding it to the template. @wei-chen can we store the ratings alongside the answers?`,
      },
      {
        by: "wei-chen",
        after: 2,
        body: "Yes, easily. I’ll set it up in the test environment this week.",
      },
    ],
  },
];

// ─── Seeding ────────────────────────────────────────────────────────────────

class DemoSeedError extends Error {}

export function must<T>(outcome: { ok: true; value: T } | { ok: false; message: string }, what: string): T {
  if (!outcome.ok) throw new DemoSeedError(`${what}: ${outcome.message}`);
  return outcome.value;
}

/** The demo members as actors (the domain functions act as them). */
export async function demoActors(): Promise<Map<DemoHandle, MemberActor>> {
  const profiles = await prisma.profile.findMany({
    where: { handle: { in: ALL_HANDLES } },
    select: { handle: true, displayName: true, user: { select: { id: true, role: true } } },
  });
  return new Map(
    profiles.map((profile) => [
      profile.handle as DemoHandle,
      {
        kind: "member",
        userId: profile.user.id,
        sessionId: "",
        role: profile.user.role,
        handle: profile.handle,
        displayName: profile.displayName,
        onboarded: true,
        confirmed: true,
      } satisfies MemberActor,
    ]),
  );
}

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** Creates one association with its members, roles, extra categories and pending request; then dates it all. */
async function seedAssociation(spec: DemoAssociation, actors: Map<DemoHandle, MemberActor>, now: Date) {
  const actor = (handle: DemoHandle) => actors.get(handle)!;
  const owner = actor(spec.owner);
  must(
    await createAssociation(owner, {
      slug: spec.slug,
      name: spec.name,
      description: spec.description,
      joinPolicy: spec.joinPolicy,
    }),
    `association ${spec.slug}`,
  );
  const invitationIds = new Map<DemoHandle, string>();
  for (const member of spec.members) {
    const who = actor(member.handle);
    if (spec.joinPolicy === "OPEN") {
      must(await joinAssociation(who, spec.slug), `${member.handle} joining ${spec.slug}`);
    } else if (spec.joinPolicy === "APPROVAL") {
      must(await requestToJoin(who, spec.slug, member.message), `${member.handle} asking to join ${spec.slug}`);
      const request = await prisma.associationJoinRequest.findFirstOrThrow({
        where: { association: { slug: spec.slug }, userId: who.userId },
        select: { id: true },
      });
      must(await approveJoinRequest(owner, spec.slug, request.id), `approving ${member.handle} in ${spec.slug}`);
    } else {
      const { url } = must(
        await createInvitation(owner, spec.slug, { days: 14, label: `For ${who.displayName}` }, "http://localhost"),
        `inviting ${member.handle} to ${spec.slug}`,
      );
      const token = url.slice(url.lastIndexOf("/") + 1);
      invitationIds.set(member.handle, hashToken(token));
      const accepted = await acceptInvitation(who, token);
      if (!accepted.ok) throw new DemoSeedError(`${member.handle} accepting the invitation to ${spec.slug}: ${accepted.reason}`);
    }
    if (member.moderator) {
      must(await setMemberRole(owner, spec.slug, who.userId, "MODERATOR"), `${member.handle} as moderator of ${spec.slug}`);
    }
  }
  const forum = await prisma.forum.findUniqueOrThrow({ where: { slug: spec.slug }, select: { id: true } });
  for (const category of spec.extraCategories) {
    must(await createCategory(owner, forum.id, category), `category ${category.name} in ${spec.slug}`);
  }

  // The association's history, dated: created, each member joining (and any moderator appointment a day later).
  const association = await prisma.association.findUniqueOrThrow({ where: { slug: spec.slug }, select: { id: true } });
  const createdAt = daysAgo(now, spec.createdDaysAgo);
  const ofAssociation = { path: ["associationSlug"], equals: spec.slug };
  const ops: Prisma.PrismaPromise<unknown>[] = [
    prisma.association.update({ where: { id: association.id }, data: { createdAt, updatedAt: createdAt }, select: { id: true } }),
    prisma.forum.update({ where: { id: forum.id }, data: { createdAt, updatedAt: createdAt }, select: { id: true } }),
    prisma.category.updateMany({ where: { forumId: forum.id }, data: { createdAt, updatedAt: createdAt } }),
    prisma.associationMembership.update({
      where: { associationId_userId: { associationId: association.id, userId: owner.userId } },
      data: { joinedAt: createdAt, updatedAt: createdAt },
      select: { userId: true },
    }),
  ];
  for (const member of spec.members) {
    const userId = actor(member.handle).userId;
    const joinedAt = daysAgo(now, member.daysAgo);
    const askedAt = new Date(joinedAt.getTime() - DAY_MS);
    const appointedAt = new Date(joinedAt.getTime() + DAY_MS);
    ops.push(
      prisma.associationMembership.update({
        where: { associationId_userId: { associationId: association.id, userId } },
        data: { joinedAt, updatedAt: member.moderator ? appointedAt : joinedAt },
        select: { userId: true },
      }),
      prisma.associationJoinRequest.updateMany({
        where: { associationId: association.id, userId },
        data: { createdAt: askedAt, decidedAt: joinedAt, updatedAt: joinedAt },
      }),
      prisma.notification.updateMany({
        where: { kind: "JOIN_REQUEST", actorId: userId, data: ofAssociation },
        data: { createdAt: askedAt, readAt: joinedAt },
      }),
      prisma.notification.updateMany({
        where: { kind: "JOIN_APPROVED", userId, data: ofAssociation },
        data: { createdAt: joinedAt, readAt: joinedAt },
      }),
      prisma.notification.updateMany({
        where: { kind: "ROLE_CHANGED", userId, data: ofAssociation },
        data: { createdAt: appointedAt, readAt: appointedAt },
      }),
    );
    const invitationId = invitationIds.get(member.handle);
    if (invitationId) {
      const sentAt = new Date(joinedAt.getTime() - 2 * DAY_MS);
      ops.push(
        prisma.associationInvitation.update({
          where: { id: invitationId },
          data: { createdAt: sentAt, expiresAt: new Date(sentAt.getTime() + 14 * DAY_MS), usedAt: joinedAt },
          select: { id: true },
        }),
      );
    }
  }
  await prisma.$transaction(ops);

  // Last, a request still waiting: its reviewers' notifications stay unread.
  if (spec.pendingRequest) {
    const { handle, message } = spec.pendingRequest;
    const who = actor(handle);
    must(await requestToJoin(who, spec.slug, message), `${handle} asking to join ${spec.slug}`);
    const askedAt = daysAgo(now, spec.pendingRequest.daysAgo);
    await prisma.$transaction([
      prisma.associationJoinRequest.updateMany({
        where: { associationId: association.id, userId: who.userId, status: "PENDING" },
        data: { createdAt: askedAt, updatedAt: askedAt },
      }),
      prisma.notification.updateMany({
        where: { kind: "JOIN_REQUEST", actorId: who.userId, data: ofAssociation },
        data: { createdAt: askedAt },
      }),
    ]);
  }
}

/**
 * On a site seeded before an open association gained demo members: the
 * missing ones join it now (as the association allows), dated like the rest.
 */
async function joinLaterMembers(spec: DemoAssociation, associationId: string, actors: Map<DemoHandle, MemberActor>, now: Date) {
  if (spec.joinPolicy !== "OPEN") return;
  const present = new Set(
    (await prisma.associationMembership.findMany({ where: { associationId }, select: { userId: true } })).map((m) => m.userId),
  );
  for (const member of spec.members) {
    const who = actors.get(member.handle)!;
    if (present.has(who.userId)) continue;
    must(await joinAssociation(who, spec.slug), `${member.handle} joining ${spec.slug}`);
    const joinedAt = daysAgo(now, member.daysAgo);
    await prisma.associationMembership.update({
      where: { associationId_userId: { associationId, userId: who.userId } },
      data: { joinedAt, updatedAt: joinedAt },
      select: { userId: true },
    });
  }
}

type ThreadOutcome = { status: "created"; replies: number } | { status: "existing" } | { status: "skipped"; reason: string };

/** Starts one thread and its replies as their authors, then reactions, the accepted answer, the pin and the dates. */
async function seedThread(spec: DemoThread, actors: Map<DemoHandle, MemberActor>, now: Date): Promise<ThreadOutcome> {
  const actor = (handle: DemoHandle) => actors.get(handle)!;
  const author = actor(spec.by);
  const category = await prisma.category.findFirst({
    where: { slug: spec.category, forum: { slug: spec.forum } },
    select: { id: true, forumId: true },
  });
  if (!category) return { status: "skipped", reason: `no category ${spec.forum}/${spec.category}` };
  const existing = await prisma.thread.findFirst({
    where: { forumId: category.forumId, authorId: author.userId, title: spec.title },
    select: { id: true },
  });
  if (existing) return { status: "existing" };

  const started = await createThread(author, {
    categoryId: category.id,
    title: spec.title,
    body: spec.body,
    kind: spec.kind,
    tags: spec.tags,
    areaSlugs: spec.areas,
  });
  if (!started.ok) return { status: "skipped", reason: `“${spec.title}”: ${started.message}` };
  const threadId = started.value.id;

  // Post #1 is the opening post; reply i is post #(i + 2).
  const day = new Date(now.getTime() - spec.daysAgo * DAY_MS);
  day.setUTCHours(START_HOUR_UTC, (spec.daysAgo * 7) % 60, 0, 0);
  const times = [day];
  const postIds: string[] = [];
  for (const reply of spec.replies) {
    const created = must(
      await createReply(actor(reply.by), threadId, {
        body: reply.body,
        ...(reply.quote ? { replyToNumber: reply.quote } : {}),
      }),
      `reply by ${reply.by} in “${spec.title}”`,
    );
    postIds.push(created.id);
    times.push(new Date(times[times.length - 1]!.getTime() + reply.after * HOUR_MS));
  }
  for (const [index, reply] of spec.replies.entries()) {
    const postId = postIds[index]!;
    for (const helper of reply.helpfulFrom ?? []) {
      must(await setHelpful(actor(helper), postId, true), `${helper} marking a reply helpful in “${spec.title}”`);
    }
    if (reply.accepted) must(await acceptAnswer(author, postId), `accepting an answer in “${spec.title}”`);
  }
  if (spec.pinned) must(await setPinned(author, threadId, true), `pinning “${spec.title}”`);
  await backdateThread(threadId, times, Boolean(spec.pinned), now);
  return { status: "created", replies: spec.replies.length };
}

/**
 * Moves a thread made "now" to its timeline in one transaction: each post's
 * createdAt, the notifications and reactions that followed it, and the
 * thread's createdAt, lastPostAt (= the newest post's) and pin date.
 */
async function backdateThread(threadId: string, times: Date[], pinned: boolean, now: Date) {
  const posts = await prisma.post.findMany({ where: { threadId }, orderBy: { number: "asc" }, select: { id: true, number: true } });
  const readBefore = now.getTime() - READ_AFTER_DAYS * DAY_MS;
  const latest = (at: number) => new Date(Math.min(at, now.getTime() - 60_000));
  const ops: Prisma.PrismaPromise<unknown>[] = [];
  for (const post of posts) {
    const at = times[post.number - 1];
    if (!at) continue;
    ops.push(
      prisma.post.update({ where: { id: post.id }, data: { createdAt: at, updatedAt: at }, select: { id: true } }),
      prisma.notification.updateMany({
        where: { postId: post.id },
        data: { createdAt: at, readAt: at.getTime() < readBefore ? latest(at.getTime() + 2 * HOUR_MS) : null },
      }),
      prisma.postReaction.updateMany({ where: { postId: post.id }, data: { createdAt: latest(at.getTime() + 3 * HOUR_MS) } }),
    );
  }
  const first = times[0]!;
  const last = times[Math.min(times.length, posts.length) - 1]!;
  ops.push(
    prisma.thread.update({
      where: { id: threadId },
      data: { createdAt: first, lastPostAt: last, updatedAt: last, ...(pinned ? { pinnedAt: latest(first.getTime() + HOUR_MS) } : {}) },
      select: { id: true },
    }),
  );
  await prisma.$transaction(ops);
}

/** Seeds the demo associations and threads; returns report lines. */
export async function seedDemoCommunity(now = new Date()): Promise<string[]> {
  const actors = await demoActors();
  if (actors.size < ALL_HANDLES.length) return ["demo community: skipped (the demo members are missing)"];

  let associationsAdded = 0;
  for (const spec of DEMO_ASSOCIATIONS) {
    const existing = await prisma.association.findUnique({ where: { slug: spec.slug }, select: { id: true } });
    if (existing) {
      await joinLaterMembers(spec, existing.id, actors, now);
      continue;
    }
    await seedAssociation(spec, actors, now);
    associationsAdded++;
  }

  let threadsAdded = 0;
  let repliesAdded = 0;
  let threadsThere = 0;
  const skipped: string[] = [];
  for (const spec of DEMO_THREADS) {
    const outcome = await seedThread(spec, actors, now);
    if (outcome.status === "created") {
      threadsAdded++;
      repliesAdded += outcome.replies;
    } else if (outcome.status === "existing") {
      threadsThere++;
    } else {
      skipped.push(`demo: thread skipped, ${outcome.reason}`);
    }
  }
  return [
    `demo: ${associationsAdded} association(s) added, ${DEMO_ASSOCIATIONS.length - associationsAdded} already there`,
    `demo: ${threadsAdded} thread(s) with ${repliesAdded} replies added, ${threadsThere} already there`,
    ...skipped,
  ];
}
