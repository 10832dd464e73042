// The community forum's starter categories: the CHCP category states the exam's
// confidentiality rule, and a re-seed brings that correction to a running site
// without overwriting a description an administrator wrote.
import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { COMMUNITY_FORUM_SLUG, ensureCommunityForum } from "./community.server";

const careers = { slug: "careers", forum: { slug: COMMUNITY_FORUM_SLUG } };
const EARLIER =
  "Growing from coordinator to director and beyond, certification and recertification. Visible to signed-in members only.";
const description = async () => (await prisma.category.findFirstOrThrow({ where: careers, select: { description: true } })).description;

describe("the community forum's starter categories", () => {
  it("say in the CHCP category that the exam's content is confidential", async () => {
    await seed();
    const text = await description();
    expect(text).toContain("CHCP®");
    expect(text).toMatch(/never what the exam asked/);
    expect(text).toMatch(/confidential/);
  });

  it("replace the earlier starter description on a running site, and leave an administrator's own words alone", async () => {
    await seed();
    const corrected = await description();
    const id = (await prisma.category.findFirstOrThrow({ where: careers, select: { id: true } })).id;
    try {
      await prisma.category.update({ where: { id }, data: { description: EARLIER } });
      expect(await ensureCommunityForum()).toBe("updated");
      expect(await description()).toBe(corrected);
      expect(await ensureCommunityForum()).toBe("unchanged");

      await prisma.category.update({ where: { id }, data: { description: "Our own words about careers." } });
      expect(await ensureCommunityForum()).toBe("unchanged");
      expect(await description()).toBe("Our own words about careers.");
    } finally {
      await prisma.category.update({ where: { id }, data: { description: corrected } });
    }
  });
});
