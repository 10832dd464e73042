// Profile fields beside a member's competency data follow the profile's
// per-section visibility: a share link grants its reader the competency data
// only, and shows any other profile field just as /members/<handle> shows it
// to a visitor; reviewers see no more than the member profile shows them; the
// member's own pack shows everything.
import { beforeAll, describe, expect, it } from "vitest";
import { getStep, saveStep, startOrResumeDraft, submitDraft } from "~/domain/assessments/assessments.server";
import { createShareLink } from "~/domain/assessments/share-links.server";
import { ROLE_ARCHETYPE_LABELS } from "~/domain/members/profile-options";
import type { Visibility } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { generateToken, hashToken } from "~/utils/session.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as ownPackLoader } from "~/routes/competencies/me.competencies.pack";
import { loader as profileLoader } from "~/routes/members/members.$handle";
import { loader as reviewLinkLoader } from "~/routes/competencies/review.$token";
import { loader as rateLoader } from "~/routes/competencies/review.rate.$ratingId";
import { loader as sharedLoader } from "~/routes/competencies/shared.$token";

const VISIBILITIES: Visibility[] = ["PUBLIC", "MEMBERS", "PRIVATE"];

/** The profile fields the competency pages show beside the member's name, and how each is recognised in a page's data. */
const FIELDS = [
  { field: "job title", markers: (member: Sharer) => [member.jobTitle] },
  {
    field: "role archetype",
    markers: () => ["MEDICAL_EDUCATION_TECHNOLOGIST", ROLE_ARCHETYPE_LABELS.MEDICAL_EDUCATION_TECHNOLOGIST],
  },
] as const;

type Viewer = "owner's own pack" | "share-link reader" | "reviewer" | "signed-in member" | "visitor";

/**
 * Who sees the professional section's fields, by its visibility. A share-link
 * reader sees what a visitor sees; the reviewer's pages (invitation link and
 * rating form) show the reviewee's name only, never more than a member may see.
 */
const SEES: Record<Viewer, Record<Visibility, boolean>> = {
  "owner's own pack": { PUBLIC: true, MEMBERS: true, PRIVATE: true },
  "share-link reader": { PUBLIC: true, MEMBERS: false, PRIVATE: false },
  reviewer: { PUBLIC: false, MEMBERS: false, PRIVATE: false },
  "signed-in member": { PUBLIC: true, MEMBERS: true, PRIVATE: false },
  visitor: { PUBLIC: true, MEMBERS: false, PRIVATE: false },
};

type Sharer = TestMember & { jobTitle: string; shareToken: string; ratingId: string };

let sharers: Record<Visibility, Sharer>;
let onlooker: TestMember;
let reviewer: TestMember;

async function submitAssessment(member: TestMember) {
  await startOrResumeDraft(member.actor);
  const { stepCount } = (await getStep(member.actor, 1))!;
  for (let step = 1; step <= stepCount; step++) {
    await saveStep(member.actor, step, { intent: "save", stage: "competent", target: "expert", evidence: "Shared evidence", links: [] }, step + 1);
  }
  await submitDraft(member.actor);
}

/** The reviewer claims an invitation from `reviewee` through the link, as from the email, and gets their rating's id. */
async function inviteReviewer(reviewee: TestMember) {
  const token = generateToken();
  await prisma.reviewerInvitation.create({
    data: { id: hashToken(token), revieweeId: reviewee.userId, email: reviewer.email, expiresAt: new Date(Date.now() + 86_400_000) },
    select: { id: true },
  });
  const response = await reviewLinkLoader(routeArgs(`/review/${token}`, { params: { token }, cookie: reviewer.cookie }));
  const location = (response as Response).headers.get("Location") ?? "";
  expect(location).toMatch(/^\/review\/rate\//);
  return { ratingId: location.split("/").at(-1)!, linkData: response };
}

/** A member whose professional section (and every other one) has `visibility`; competencies stay "only me". */
async function createSharer(visibility: Visibility): Promise<Sharer> {
  const jobTitle = `Title-${crypto.randomUUID()}`;
  const member = await createTestMember({
    profile: {
      jobTitle,
      roleArchetype: "MEDICAL_EDUCATION_TECHNOLOGIST",
      professionalVisibility: visibility,
      backgroundVisibility: visibility,
      bioVisibility: visibility,
      competencyVisibility: "PRIVATE",
    },
  });
  await submitAssessment(member);
  const { token } = await createShareLink(member.actor, { days: 30, label: "Manager" });
  const { ratingId } = await inviteReviewer(member);
  return { ...member, jobTitle, shareToken: token, ratingId };
}

/** What each viewer's page hands the browser, as the loaders return it. */
async function pageData(viewer: Viewer, sharer: Sharer): Promise<unknown> {
  switch (viewer) {
    case "owner's own pack":
      return ownPackLoader(routeArgs("/me/competencies/pack", { cookie: sharer.cookie }));
    case "share-link reader": {
      const token = sharer.shareToken;
      const data = await sharedLoader(routeArgs(`/shared/${token}`, { params: { token } }));
      // A share link grants the competency data whatever the profile's competency setting.
      expect(data.pack?.areas.length).toBeGreaterThan(0);
      return data;
    }
    case "reviewer":
      return rateLoader(routeArgs(`/review/rate/${sharer.ratingId}`, { params: { ratingId: sharer.ratingId }, cookie: reviewer.cookie }));
    case "signed-in member":
      return profileLoader(routeArgs(`/members/${sharer.handle}`, { params: { handle: sharer.handle }, cookie: onlooker.cookie }));
    case "visitor":
      return profileLoader(routeArgs(`/members/${sharer.handle}`, { params: { handle: sharer.handle } }));
  }
}

beforeAll(async () => {
  await seed();
  [onlooker, reviewer] = await Promise.all([createTestMember(), createTestMember()]);
  const made: Sharer[] = [];
  for (const visibility of VISIBILITIES) made.push(await createSharer(visibility));
  sharers = Object.fromEntries(VISIBILITIES.map((visibility, index) => [visibility, made[index]!])) as Record<Visibility, Sharer>;
});

describe("profile fields beside the competency data", () => {
  const cases = FIELDS.flatMap(({ field, markers }) =>
    VISIBILITIES.flatMap((visibility) =>
      (Object.keys(SEES) as Viewer[]).map((viewer) => ({ field, markers, visibility, viewer, sees: SEES[viewer][visibility] })),
    ),
  );

  it.each(cases)("$field set to $visibility: the $viewer sees it: $sees", async ({ markers, visibility, viewer, sees }) => {
    const sharer = sharers[visibility];
    const serialized = JSON.stringify(await pageData(viewer, sharer));
    // The name is always public: every page names the member.
    expect(serialized).toContain(sharer.displayName);
    // Pages show a field as its value or its label: seen if either is there, hidden only if neither is.
    const shown = markers(sharer).filter((marker) => serialized.includes(marker));
    expect(shown.length > 0, `shown: ${JSON.stringify(shown)}`).toBe(sees);
  });
});
