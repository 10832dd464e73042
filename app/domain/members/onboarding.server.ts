/** First-run onboarding: a few profile answers (all optional), then the personal home. */
import type { AccreditationSystem, Background, CareerLevel, RoleArchetype } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";

export async function completeOnboarding(
  userId: string,
  answers: { roleArchetype?: RoleArchetype; background?: Background; careerLevel?: CareerLevel },
) {
  await prisma.$transaction([
    prisma.profile.update({
      where: { userId },
      data: {
        roleArchetype: answers.roleArchetype ?? undefined,
        background: answers.background ?? undefined,
        careerLevel: answers.careerLevel ?? undefined,
      },
      select: { userId: true },
    }),
    prisma.user.update({ where: { id: userId }, data: { onboardedAt: new Date() }, select: { id: true } }),
  ]);
}

/** What the personal home needs: how complete the profile is. */
export async function getHomeSummary(userId: string) {
  const profile = await prisma.profile.findUniqueOrThrow({
    where: { userId },
    select: {
      displayName: true,
      handle: true,
      jobTitle: true,
      organization: true,
      roleArchetype: true,
      background: true,
      careerLevel: true,
      bio: true,
    },
  });
  const [submitted, draft] = await Promise.all([
    prisma.assessment.count({ where: { userId, status: "SUBMITTED" } }),
    prisma.assessment.findUnique({ where: { draftOwnerId: userId }, select: { currentStep: true } }),
  ]);
  const missing = (["jobTitle", "organization", "roleArchetype", "background", "careerLevel", "bio"] as const).filter(
    (field) => !profile[field],
  );
  return {
    displayName: profile.displayName,
    handle: profile.handle,
    profileComplete: missing.length === 0,
    missingCount: missing.length,
    assessments: { submitted, draftStep: draft?.currentStep ?? null },
  };
}

export type { AccreditationSystem };
