/**
 * Demo data for `npm run db:seed -- --demo`: members with filled-in profiles so
 * that a newcomer sees a living directory, their pathway progress, (in
 * ./demo-community) associations and forum threads, (in ./demo-assessments)
 * a baseline and a reassessment for everyone and a reviewer's rating, and (in
 * ./demo-statements) statements at every stage and a flag waiting for
 * moderators. Idempotent (members are found by email, the rest by slug or title).
 * Every demo member's password is DEMO_PASSWORD.
 */
import { syncEnrolmentCompletion } from "~/domain/pathways/pathways.server";
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { hashPassword } from "~/utils/password.server";
import { seedDemoAssessments } from "./demo-assessments";
import { demoActors, seedDemoCommunity } from "./demo-community";
import { seedDemoStatements } from "./demo-statements";

export const DEMO_PASSWORD = "demo-commons-2026";

type DemoMember = {
  email: string;
  handle: string;
  displayName: string;
  jobTitle: string;
  organization: string;
  organizationType: "HOSPITAL_HEALTH_SYSTEM" | "SCHOOL_OF_MEDICINE" | "MEDICAL_SOCIETY" | "EDUCATION_COMPANY" | "OTHER";
  roleArchetype: "ACCREDITATION_SPECIALIST" | "PROGRAM_DEVELOPER" | "MEDICAL_EDUCATION_TECHNOLOGIST" | "ACADEMIC_CME_LEADER" | "OTHER";
  careerLevel: "COORDINATOR" | "MANAGER" | "DIRECTOR" | "VICE_PRESIDENT" | "OTHER";
  background: "CLINICAL" | "ADMINISTRATIVE" | "MEETING_PLANNING" | "EDUCATION" | "OTHER";
  yearsInField: number;
  credentials: string[];
  accreditationSystem: "ACCME" | "EACCME" | "OTHER";
  bio: string;
  visibility: "PUBLIC" | "MEMBERS";
  /** How long ago the account was made (demo accounts are not "new accounts" with posting limits). */
  memberForDays: number;
};

const members: DemoMember[] = [
  {
    email: "amara.okafor@demo.cme-commons.org", memberForDays: 520, handle: "amara-okafor", displayName: "Amara Okafor",
    jobTitle: "Director of Continuing Professional Development", organization: "Lakeshore Health System",
    organizationType: "HOSPITAL_HEALTH_SYSTEM", roleArchetype: "ACADEMIC_CME_LEADER", careerLevel: "DIRECTOR",
    background: "CLINICAL", yearsInField: 14, credentials: ["CHCP"], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Former ICU nurse. I lead a team of six that runs grand rounds, tumor boards and a growing set of enduring materials. Happy to talk about **outcomes measurement** beyond satisfaction surveys.",
  },
  {
    email: "daniel.reyes@demo.cme-commons.org", memberForDays: 400, handle: "daniel-reyes", displayName: "Daniel Reyes",
    jobTitle: "CME Coordinator", organization: "Riverside School of Medicine", organizationType: "SCHOOL_OF_MEDICINE",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "COORDINATOR", background: "MEETING_PLANNING", yearsInField: 2,
    credentials: [], accreditationSystem: "ACCME", visibility: "MEMBERS",
    bio: "Came to CME from conference planning two years ago. Currently learning how needs assessments turn into objectives.",
  },
  {
    email: "ingrid.larsen@demo.cme-commons.org", memberForDays: 470, handle: "ingrid-larsen", displayName: "Ingrid Larsen",
    jobTitle: "Accreditation Manager", organization: "Heartland Society of Cardiology", organizationType: "MEDICAL_SOCIETY",
    roleArchetype: "ACCREDITATION_SPECIALIST", careerLevel: "MANAGER", background: "ADMINISTRATIVE", yearsInField: 9,
    credentials: ["CHCP", "PMP"], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Our society is accredited by the ACCME. I keep our live and online activities in line with the Standards for Integrity and Independence, coordinate disclosure reviews, and work with European partners on our joint meeting abroad.",
  },
  {
    email: "wei.chen@demo.cme-commons.org", memberForDays: 450, handle: "wei-chen", displayName: "Wei Chen",
    jobTitle: "Learning Technology Lead", organization: "Meridian Medical Education", organizationType: "EDUCATION_COMPANY",
    roleArchetype: "MEDICAL_EDUCATION_TECHNOLOGIST", careerLevel: "MANAGER", background: "EDUCATION", yearsInField: 6,
    credentials: [], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Platforms, learner data and accessible online modules. Ask me about tracking participation without drowning in spreadsheets.",
  },
  {
    email: "grace.mensah@demo.cme-commons.org", memberForDays: 500, handle: "grace-mensah", displayName: "Grace Mensah",
    jobTitle: "Vice President, Medical Education", organization: "Atlantic Health Partners", organizationType: "HOSPITAL_HEALTH_SYSTEM",
    roleArchetype: "ACADEMIC_CME_LEADER", careerLevel: "VICE_PRESIDENT", background: "CLINICAL", yearsInField: 22,
    credentials: ["CHCP", "MHA"], accreditationSystem: "ACCME", visibility: "MEMBERS",
    bio: "Physician by training. Interested in how education links to quality improvement and population health.",
  },
  {
    email: "sam.patel@demo.cme-commons.org", memberForDays: 440, handle: "sam-patel", displayName: "Sam Patel",
    jobTitle: "Outcomes Analyst", organization: "Meridian Medical Education", organizationType: "EDUCATION_COMPANY",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "OTHER", background: "EDUCATION", yearsInField: 4,
    credentials: [], accreditationSystem: "OTHER", visibility: "PUBLIC",
    bio: "I design pre/post case questions and follow-up surveys, and write up what changed.",
  },
  {
    email: "priya.natarajan@demo.cme-commons.org", memberForDays: 480, handle: "priya-natarajan", displayName: "Priya Natarajan",
    jobTitle: "CME Manager", organization: "Northshore Community Hospital", organizationType: "HOSPITAL_HEALTH_SYSTEM",
    roleArchetype: "ACCREDITATION_SPECIALIST", careerLevel: "MANAGER", background: "ADMINISTRATIVE", yearsInField: 7,
    credentials: [], accreditationSystem: "ACCME", visibility: "MEMBERS",
    bio: "I run a small CME office in a community hospital that is accredited through our state medical society. Most of my week goes to the regularly scheduled series and our annual hospital medicine day.",
  },
  {
    email: "tomas.alvarez@demo.cme-commons.org", memberForDays: 430, handle: "tomas-alvarez", displayName: "Tomás Alvarez",
    jobTitle: "Medical Staff Education Coordinator", organization: "St. Brigid Medical Center", organizationType: "HOSPITAL_HEALTH_SYSTEM",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "COORDINATOR", background: "MEETING_PLANNING", yearsInField: 3,
    credentials: [], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Event planner by trade. I coordinate our case conferences and the simulation skills days, and I am learning to write objectives that someone can actually measure.",
  },
  {
    email: "hannah.brooks@demo.cme-commons.org", memberForDays: 420, handle: "hannah-brooks", displayName: "Hannah Brooks",
    jobTitle: "Continuing Education Specialist", organization: "Lakeshore Health System", organizationType: "HOSPITAL_HEALTH_SYSTEM",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "COORDINATOR", background: "CLINICAL", yearsInField: 2,
    credentials: [], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Hospital pharmacist who moved into education. I help plan our interprofessional sessions for pharmacists, nurses and physicians.",
  },
];

/** Every demo member's handle, in the order above. */
export const DEMO_HANDLES = members.map((member) => member.handle);

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Demo profiles an earlier seed wrote differently, by email: a re-seed corrects
 * them where they still read as before (issue 18: a society audited against
 * ACCME's Standard 3 that reports in PARS is ACCME-accredited, not EACCME-only).
 */
const EARLIER_PROFILES: Record<string, { organization: string; accreditationSystem: DemoMember["accreditationSystem"] }> = {
  "ingrid.larsen@demo.cme-commons.org": { organization: "Nordic Society of Cardiology", accreditationSystem: "EACCME" },
};

export async function seedDemo(now = new Date()): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const member of members) {
    const { email, visibility, bio, memberForDays, ...profile } = member;
    const createdAt = new Date(now.getTime() - memberForDays * DAY_MS);
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) {
      // Made by an earlier seed that stamped "now" (or dated it later than a year of assessments needs): date it back,
      // or the new-account posting limit stops the demo threads and the baseline would predate the account.
      await prisma.user.updateMany({
        where: { id: existing.id, createdAt: { gt: createdAt } },
        data: { createdAt },
      });
      const earlier = EARLIER_PROFILES[email];
      if (earlier) {
        await prisma.profile.updateMany({
          where: { userId: existing.id, ...earlier },
          data: {
            organization: profile.organization,
            accreditationSystem: profile.accreditationSystem,
            bio,
            bioHtml: renderMarkdown(bio),
          },
        });
      }
      continue;
    }
    await prisma.user.create({
      data: {
        email,
        passwordHash,
        createdAt,
        onboardedAt: createdAt,
        // Demo members have confirmed their addresses: they post, join and sign.
        emailConfirmedAt: createdAt,
        profile: {
          create: {
            ...profile,
            bio,
            bioHtml: renderMarkdown(bio),
            professionalVisibility: visibility,
            backgroundVisibility: visibility,
            bioVisibility: visibility,
          },
        },
      },
      select: { id: true },
    });
    created++;
  }
  const report = [
    `demo: ${created} member(s) added, ${members.length - created} already there (password: ${DEMO_PASSWORD})`,
    await seedDemoPathways(),
    ...(await seedDemoCommunity(now)),
  ];
  const actors = await demoActors();
  if (actors.size < members.length) return report;
  return [...report, ...(await seedDemoAssessments(actors, now)), ...(await seedDemoStatements(actors))];
}

/** Demo members' pathway progress: enrolments and completed steps with reflections. */
const demoProgress: { handle: string; pathway: string; steps: [key: string, reflection: string, evidenceUrl?: string][] }[] = [
  {
    handle: "daniel-reyes",
    pathway: "newcomer-onboarding",
    steps: [
      ["cme-fundamentals", "Wrote a one-page glossary. The gap/need distinction finally clicked when I mapped it onto our last grand rounds series."],
      ["join-professional-communities", "Joined the Alliance and introduced myself in the community forum."],
      ["review-sample-activities", "Compared a one-day course, a tumor board session and a podcast. Only the course stated a measurable objective."],
    ],
  },
  {
    handle: "wei-chen",
    pathway: "newcomer-onboarding",
    steps: [["cme-fundamentals", "Useful vocabulary for talking with our accreditation team about what the platform has to record."]],
  },
  {
    handle: "tomas-alvarez",
    pathway: "newcomer-onboarding",
    steps: [
      ["cme-fundamentals", "The gap, need, objective, outcome chain is now the first page of every planning file I open."],
      ["join-professional-communities", "Joined the Great Lakes network here and our state's CME professionals' group."],
      ["review-sample-activities", "Compared our simulation day with two online modules: only one of the three said how it would know learners changed."],
      ["attend-planning-webinar", "Watched a planning webinar on case-based design; borrowed its idea of writing the follow-up question first."],
      ["draft-mock-activity", "Drafted a mock skills session on central line insertion with the planner, from gap to outcome measure."],
    ],
  },
  {
    handle: "sam-patel",
    pathway: "career-growth",
    steps: [
      [
        "outcome-measurement",
        "Ran matched pre/post case questions and an eight-week follow-up survey for our heart-failure workshop; wrote a two-page outcomes summary.",
        "https://example.org/demo/outcomes-summary",
      ],
    ],
  },
  {
    handle: "ingrid-larsen",
    pathway: "career-growth",
    steps: [["master-accreditation-standards", "Audited two of our activity files against the first three standards and fixed how we document mitigation."]],
  },
];

async function seedDemoPathways(): Promise<string> {
  const [profiles, steps] = await Promise.all([
    prisma.profile.findMany({ where: { handle: { in: demoProgress.map((entry) => entry.handle) } }, select: { handle: true, userId: true } }),
    prisma.pathwayStep.findMany({
      where: { pathway: { slug: { in: demoProgress.map((entry) => entry.pathway) } }, archivedAt: null },
      select: { id: true, key: true, pathwayId: true, pathway: { select: { slug: true } } },
    }),
  ]);
  const userIds = new Map(profiles.map((profile) => [profile.handle, profile.userId]));
  const stepOf = (pathway: string, key: string) => steps.find((step) => step.pathway.slug === pathway && step.key === key);
  let added = 0;
  for (const entry of demoProgress) {
    const userId = userIds.get(entry.handle);
    const first = stepOf(entry.pathway, entry.steps[0]![0]);
    if (!userId || !first) continue;
    await prisma.$transaction(async (tx) => {
      await tx.pathwayEnrolment.createMany({ data: [{ userId, pathwayId: first.pathwayId }], skipDuplicates: true });
      const result = await tx.stepCompletion.createMany({
        data: entry.steps.flatMap(([key, reflection, evidenceUrl]) => {
          const step = stepOf(entry.pathway, key);
          return step ? [{ userId, stepId: step.id, reflection, reflectionHtml: renderMarkdown(reflection), evidenceUrl: evidenceUrl ?? null }] : [];
        }),
        skipDuplicates: true,
      });
      added += result.count;
      await syncEnrolmentCompletion(tx, { pathwayId: first.pathwayId, userId });
    });
  }
  return `demo: ${added} pathway step completion(s) added`;
}
