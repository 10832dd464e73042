/**
 * The site-wide community forum (slug "community", no association): created
 * by the seed with starter categories if it does not exist yet. Categories
 * administrators later add, rename or reorder are never touched again; a
 * starter description we corrected replaces the old one only where it is
 * still the old one, word for word.
 */
import { prisma } from "~/utils/db.server";

export const COMMUNITY_FORUM_SLUG = "community";

const STARTER_CATEGORIES = [
  {
    slug: "introductions",
    name: "Introductions",
    description: "New here? Say who you are, where you came from (clinical work, administration, meeting planning…) and what you hope to learn.",
    visibility: "PUBLIC",
  },
  {
    slug: "accreditation",
    name: "Accreditation and compliance",
    description: "ACCME criteria, the Standards for Integrity and Independence, Joint Accreditation, EACCME and reporting in PARS.",
    visibility: "PUBLIC",
  },
  {
    slug: "needs-and-outcomes",
    name: "Needs assessment and outcomes",
    description: "Finding practice gaps, writing measurable objectives, and measuring change from participation to community health.",
    visibility: "PUBLIC",
  },
  {
    slug: "careers",
    name: "Careers and the CHCP",
    description:
      "Growing from coordinator to director and beyond, and earning and renewing the CHCP® credential. Share how you prepared, never what the exam asked: candidates promise to keep its content confidential. Visible to signed-in members only.",
    visibility: "MEMBERS",
  },
  {
    slug: "site-feedback",
    name: "Site feedback",
    description: "Ideas, questions and problems with CME Commons itself.",
    visibility: "PUBLIC",
  },
] as const;

/** Starter descriptions as an earlier seed wrote them, by category slug. */
const EARLIER_DESCRIPTIONS: Partial<Record<(typeof STARTER_CATEGORIES)[number]["slug"], string>> = {
  // Before the CHCP exam's confidentiality rule was stated (issue 18).
  careers: "Growing from coordinator to director and beyond, certification and recertification. Visible to signed-in members only.",
};

/** Creates the community forum and its starter categories once, or brings corrected descriptions in. Returns what it did. */
export async function ensureCommunityForum(): Promise<"created" | "updated" | "unchanged"> {
  const existing = await prisma.forum.findUnique({ where: { slug: COMMUNITY_FORUM_SLUG }, select: { id: true } });
  if (existing) {
    let updated = 0;
    for (const category of STARTER_CATEGORIES) {
      const earlier = EARLIER_DESCRIPTIONS[category.slug];
      if (!earlier) continue;
      const { count } = await prisma.category.updateMany({
        where: { forumId: existing.id, slug: category.slug, description: earlier },
        data: { description: category.description },
      });
      updated += count;
    }
    return updated > 0 ? "updated" : "unchanged";
  }
  await prisma.forum.create({
    data: {
      slug: COMMUNITY_FORUM_SLUG,
      name: "Community",
      categories: {
        create: STARTER_CATEGORIES.map((category, index) => ({ ...category, position: index + 1 })),
      },
    },
  });
  return "created";
}
