/**
 * Demo data for `npm run db:seed -- --demo`: members with filled-in profiles so
 * that a newcomer sees a living directory. Idempotent (upserts by email).
 * Associations and threads join here when those features exist.
 * Every demo member's password is DEMO_PASSWORD.
 */
import { prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { hashPassword } from "~/utils/password.server";

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
};

const members: DemoMember[] = [
  {
    email: "amara.okafor@demo.cme-commons.org", handle: "amara-okafor", displayName: "Amara Okafor",
    jobTitle: "Director of Continuing Professional Development", organization: "Lakeshore Health System",
    organizationType: "HOSPITAL_HEALTH_SYSTEM", roleArchetype: "ACADEMIC_CME_LEADER", careerLevel: "DIRECTOR",
    background: "CLINICAL", yearsInField: 14, credentials: ["CHCP"], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Former ICU nurse. I lead a team of six that runs grand rounds, tumor boards and a growing set of enduring materials. Happy to talk about **outcomes measurement** beyond satisfaction surveys.",
  },
  {
    email: "daniel.reyes@demo.cme-commons.org", handle: "daniel-reyes", displayName: "Daniel Reyes",
    jobTitle: "CME Coordinator", organization: "Riverside School of Medicine", organizationType: "SCHOOL_OF_MEDICINE",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "COORDINATOR", background: "MEETING_PLANNING", yearsInField: 2,
    credentials: [], accreditationSystem: "ACCME", visibility: "MEMBERS",
    bio: "Came to CME from conference planning two years ago. Currently learning how needs assessments turn into objectives.",
  },
  {
    email: "ingrid.larsen@demo.cme-commons.org", handle: "ingrid-larsen", displayName: "Ingrid Larsen",
    jobTitle: "Accreditation Manager", organization: "Nordic Society of Cardiology", organizationType: "MEDICAL_SOCIETY",
    roleArchetype: "ACCREDITATION_SPECIALIST", careerLevel: "MANAGER", background: "ADMINISTRATIVE", yearsInField: 9,
    credentials: ["CHCP", "PMP"], accreditationSystem: "EACCME", visibility: "PUBLIC",
    bio: "I keep our live and e-learning activities compliant with EACCME criteria and coordinate disclosure reviews.",
  },
  {
    email: "wei.chen@demo.cme-commons.org", handle: "wei-chen", displayName: "Wei Chen",
    jobTitle: "Learning Technology Lead", organization: "Meridian Medical Education", organizationType: "EDUCATION_COMPANY",
    roleArchetype: "MEDICAL_EDUCATION_TECHNOLOGIST", careerLevel: "MANAGER", background: "EDUCATION", yearsInField: 6,
    credentials: [], accreditationSystem: "ACCME", visibility: "PUBLIC",
    bio: "Platforms, learner data and accessible online modules. Ask me about tracking participation without drowning in spreadsheets.",
  },
  {
    email: "grace.mensah@demo.cme-commons.org", handle: "grace-mensah", displayName: "Grace Mensah",
    jobTitle: "Vice President, Medical Education", organization: "Atlantic Health Partners", organizationType: "HOSPITAL_HEALTH_SYSTEM",
    roleArchetype: "ACADEMIC_CME_LEADER", careerLevel: "VICE_PRESIDENT", background: "CLINICAL", yearsInField: 22,
    credentials: ["CHCP", "MHA"], accreditationSystem: "ACCME", visibility: "MEMBERS",
    bio: "Physician by training. Interested in how education links to quality improvement and population health.",
  },
  {
    email: "sam.patel@demo.cme-commons.org", handle: "sam-patel", displayName: "Sam Patel",
    jobTitle: "Outcomes Analyst", organization: "Meridian Medical Education", organizationType: "EDUCATION_COMPANY",
    roleArchetype: "PROGRAM_DEVELOPER", careerLevel: "OTHER", background: "EDUCATION", yearsInField: 4,
    credentials: [], accreditationSystem: "OTHER", visibility: "PUBLIC",
    bio: "I design pre/post case questions and follow-up surveys, and write up what changed.",
  },
];

export async function seedDemo(): Promise<string[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const member of members) {
    const { email, visibility, bio, ...profile } = member;
    const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (existing) continue;
    await prisma.user.create({
      data: {
        email,
        passwordHash,
        onboardedAt: new Date(),
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
  return [`demo: ${created} member(s) added, ${members.length - created} already there (password: ${DEMO_PASSWORD})`];
}
