/**
 * Dates in the reader's zone (decision 0023): the same instant, half past
 * eleven at night UTC on December 7, 2026, is December 8 for a member in
 * Auckland and still December 7 for one in Los Angeles — on pages that format
 * in their loader and on pages whose components format with the zone the root
 * loader read with the session.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as notificationsRoute from "~/routes/discussions/notifications";
import { loader as reviewersLoader } from "~/routes/competencies/me.competencies.reviewers";
import { loader as plansLoader } from "~/routes/pathways/me.plans._index";
import { action as newPlanAction } from "~/routes/pathways/me.plans.new";
import { loader as reviewLoader } from "~/routes/competencies/review.$token";
import { loader as rootLoader } from "~/root";
import { generateToken, hashToken } from "~/utils/session.server";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { pageHandler } from "../fixtures/route-page";

const NEAR_MIDNIGHT_UTC = new Date("2026-12-07T23:30:00Z");

let auckland: TestMember;
let losAngeles: TestMember;
let utc: TestMember;

async function memberIn(timeZone: string | null) {
  const member = await createTestMember();
  if (timeZone) await prisma.user.update({ where: { id: member.userId }, data: { timeZone, timeZoneConfirmedAt: new Date() } });
  return member;
}

beforeAll(async () => {
  [auckland, losAngeles, utc] = [await memberIn("Pacific/Auckland"), await memberIn("America/Los_Angeles"), await memberIn(null)];
});

describe("the reader's zone comes with the session", () => {
  it("the root loader hands the member's zone to the page, UTC to a visitor", async () => {
    const zoneOf = async (cookie: string | null) => {
      const result = (await rootLoader(routeArgs("/", { cookie }))) as unknown as { data: { timeZone: string } };
      return result.data.timeZone;
    };
    expect(await zoneOf(auckland.cookie)).toBe("Pacific/Auckland");
    expect(await zoneOf(losAngeles.cookie)).toBe("America/Los_Angeles");
    expect(await zoneOf(utc.cookie)).toBe("UTC");
    expect(await zoneOf(null)).toBe("UTC");
  });
});

describe("activity plans: 'last saved' in the reader's zone (formatted by the loader)", () => {
  async function planSavedNearMidnight(member: TestMember) {
    const response = (await newPlanAction(routeArgs("/me/plans/new", { cookie: member.cookie, form: { title: "Statin webinar" } }))) as Response;
    const id = response.headers.get("Location")!.split("/").at(-1)!;
    await prisma.activityPlan.update({ where: { id }, data: { updatedAt: NEAR_MIDNIGHT_UTC } });
  }

  it("shows December 8 in Auckland, December 7 in Los Angeles, and says UTC to a member in UTC", async () => {
    for (const member of [auckland, losAngeles, utc]) await planSavedNearMidnight(member);
    const label = async (member: TestMember) => {
      const { plans } = await plansLoader(routeArgs("/me/plans", { cookie: member.cookie }));
      return plans.map((plan: { updated: { iso: string; label: string } }) => plan.updated);
    };
    expect(await label(auckland)).toEqual([{ iso: NEAR_MIDNIGHT_UTC.toISOString(), label: "Dec 8, 2026, 12:30 PM" }]);
    expect(await label(losAngeles)).toEqual([{ iso: NEAR_MIDNIGHT_UTC.toISOString(), label: "Dec 7, 2026, 3:30 PM" }]);
    expect(await label(utc)).toEqual([{ iso: NEAR_MIDNIGHT_UTC.toISOString(), label: "Dec 7, 2026, 11:30 PM UTC" }]);
  });
});

describe("reviewer invitations: sent and expiry days in the reader's zone (formatted by the loader)", () => {
  it("an invitation sent near midnight UTC was sent on December 8 in Auckland, December 7 in Los Angeles", async () => {
    const expiresAt = new Date("2026-12-21T11:00:00Z"); // 00:00 on the 22nd in Auckland, 03:00 on the 21st in Los Angeles
    for (const member of [auckland, losAngeles]) {
      await prisma.reviewerInvitation.create({
        data: { id: `${member.handle}-inv`, revieweeId: member.userId, email: `reviewer-${member.handle}@example.org`, expiresAt, createdAt: NEAR_MIDNIGHT_UTC },
      });
    }
    const days = async (member: TestMember) => {
      const { invitations } = await reviewersLoader(routeArgs("/me/competencies/reviewers", { cookie: member.cookie }));
      return invitations.map(({ sentOn, expiresOn }: { sentOn: string; expiresOn: string }) => ({ sentOn, expiresOn }));
    };
    expect(await days(auckland)).toEqual([{ sentOn: "December 8, 2026", expiresOn: "December 22, 2026" }]);
    expect(await days(losAngeles)).toEqual([{ sentOn: "December 7, 2026", expiresOn: "December 21, 2026" }]);
  });
});

describe("links read signed out: a visitor is told the day is UTC's", () => {
  it("a reviewer opening an invitation reads its expiry day marked UTC", async () => {
    const token = generateToken();
    await prisma.reviewerInvitation.create({
      data: { id: hashToken(token), revieweeId: auckland.userId, email: "visitor-reviewer@example.org", expiresAt: new Date("2099-12-21T23:30:00Z") },
    });
    const { preview } = (await reviewLoader(routeArgs(`/review/${token}`, { params: { token } }))) as { preview: { expiresOn: string } };
    expect(preview.expiresOn).toBe("December 21, 2099 (UTC)");
  });
});

describe("notifications: the date in the reader's zone (formatted by the component, zone from the root)", () => {
  const handle = pageHandler("routes/discussions/notifications", "notifications", notificationsRoute, rootLoader);

  it("renders the same instant on different days for Auckland and Los Angeles, the instant kept in datetime", async () => {
    for (const member of [auckland, losAngeles]) {
      await prisma.notification.create({
        data: { userId: member.userId, kind: "JOIN_APPROVED", data: { associationName: "Night owls", associationSlug: "night-owls" }, createdAt: NEAR_MIDNIGHT_UTC },
      });
    }
    const page = async (member: TestMember) => {
      const response = await handle(new Request("http://localhost/notifications", { headers: { Cookie: member.cookie } }));
      expect(response.status).toBe(200);
      return response.text();
    };
    const [inAuckland, inLosAngeles] = [await page(auckland), await page(losAngeles)];
    const instant = `dateTime="${NEAR_MIDNIGHT_UTC.toISOString()}"`;
    expect(inAuckland).toContain(instant);
    expect(inAuckland).toContain("Dec 8, 2026, 12:30 PM");
    expect(inAuckland).not.toContain("Dec 7, 2026");
    expect(inLosAngeles).toContain(instant);
    expect(inLosAngeles).toContain("Dec 7, 2026, 3:30 PM");
    expect(inLosAngeles).not.toContain("UTC");
  });
});
