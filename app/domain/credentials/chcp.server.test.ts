import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount } from "~/domain/members/accounts.server";
import { completeStep } from "~/domain/pathways/pathways.server";
import { runBackgroundTick } from "~/jobs/tick.server";
import { resetClock, setClockOffset } from "~/utils/clock.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { expectOk, type Result } from "~/utils/result";
import { seed } from "../../../prisma/seed";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import {
  completedStepsToAdd,
  createEntry,
  deleteChcpLog,
  deleteEntry,
  getChcpLog,
  getChcpOverview,
  getEntry,
  saveCredential,
  updateEntry,
} from "./chcp.server";
import type { EntryInput } from "./schemas";

beforeAll(async () => {
  await seed();
});

afterEach(() => resetClock());

const NOW = new Date("2027-06-15T12:00:00Z");

function fieldErrors(result: Result<unknown>) {
  if (result.ok) throw new Error("expected a refusal");
  return result.fieldErrors;
}

const education = (hours: number, occurredOn = "2026-05-01"): EntryInput => ({
  kind: "EDUCATION",
  occurredOn,
  hours,
  description: "Webinar on outcomes measurement",
  evidence: "Certificate in my files",
});

async function memberWithCredential(cycleStartOn = "2025-03-01") {
  const member = await createTestMember();
  expectOk(await saveCredential(member.actor, { earnedOn: "2022-03-01", cycleStartOn }, NOW));
  return member;
}

describe("the credential record", () => {
  it("records the dates, with the expiry at the end of a three-year cycle unless given", async () => {
    const member = await createTestMember();
    expect(await saveCredential(member.actor, { earnedOn: "2021-02-28", cycleStartOn: "2024-02-29" }, NOW)).toEqual({
      ok: true,
      value: { expiresOn: "2027-02-28" },
    });
    expectOk(await saveCredential(member.actor, { earnedOn: "2021-02-28", cycleStartOn: "2025-03-01", expiresOn: "2028-03-15" }, NOW));
    const log = await getChcpLog(member.actor, NOW);
    expect(log.credential).toMatchObject({ earnedOn: "2021-02-28", cycleStartOn: "2025-03-01", expiresOn: "2028-03-15", expired: false });
    expect(log.credential!.reminders.map((reminder) => [reminder.monthsBefore, reminder.on])).toEqual([
      [6, "2027-09-15"],
      [3, "2027-12-15"],
    ]);
  });

  it("refuses impossible dates field by field and writes nothing", async () => {
    const member = await createTestMember();
    expect(fieldErrors(await saveCredential(member.actor, { earnedOn: "2027-06-16", cycleStartOn: "2027-06-16" }, NOW))).toMatchObject({
      earnedOn: [expect.stringContaining("in the future")],
    });
    expect(fieldErrors(await saveCredential(member.actor, { earnedOn: "2024-01-01", cycleStartOn: "2023-01-01" }, NOW))).toEqual({
      cycleStartOn: ["A cycle cannot start before you earned the credential."],
    });
    expect(
      fieldErrors(await saveCredential(member.actor, { earnedOn: "2024-01-01", cycleStartOn: "2024-01-01", expiresOn: "2023-12-31" }, NOW)),
    ).toEqual({ expiresOn: ["The expiry must come after the start of the cycle."] });
    expect(await prisma.chcpCredential.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("reads today in the member's time zone: the day before in Los Angeles is not yet the earned date", async () => {
    const member = await createTestMember();
    await prisma.user.update({ where: { id: member.userId }, data: { timeZone: "America/Los_Angeles" } });
    // 03:00 UTC on 1 July is still 30 June in Los Angeles.
    const early = new Date("2027-07-01T03:00:00Z");
    expect(fieldErrors(await saveCredential(member.actor, { earnedOn: "2027-07-01", cycleStartOn: "2027-07-01" }, early))).toMatchObject({
      earnedOn: [expect.stringContaining("in the future")],
    });
    expectOk(await saveCredential(member.actor, { earnedOn: "2027-06-30", cycleStartOn: "2027-06-30" }, early));
  });
});

describe("log entries", () => {
  it("asks for the amount the kind is counted in, with an error beside the field", async () => {
    const member = await memberWithCredential();
    expect(fieldErrors(await createEntry(member.actor, { ...education(2), hours: undefined }, NOW))).toEqual({
      hours: ["Enter the hours of informal education."],
    });
    expect(fieldErrors(await createEntry(member.actor, { ...education(2), kind: "MEMBERSHIP" }, NOW))).toMatchObject({
      years: [expect.stringContaining("Enter the years")],
      hours: ["Membership in a CPD association is logged in years: leave hours empty."],
    });
    expect(fieldErrors(await createEntry(member.actor, { ...education(2), kind: "PUBLICATION" }, NOW))).toEqual({
      hours: ["A publication counts as one entry: leave hours and years empty."],
    });
    expect(fieldErrors(await createEntry(member.actor, education(2, "2027-06-16"), NOW))).toMatchObject({
      occurredOn: [expect.stringContaining("in the future")],
    });
    expect(await prisma.chcpEntry.count({ where: { userId: member.userId } })).toBe(0);
  });

  it("adds up the current cycle per section and shows entries outside it apart", async () => {
    const member = await memberWithCredential("2025-03-01");
    expectOk(await createEntry(member.actor, education(12.5, "2025-04-02"), NOW));
    expectOk(await createEntry(member.actor, education(10, "2024-11-30"), NOW)); // before the cycle
    expectOk(await createEntry(member.actor, { kind: "WORK_PERIOD", occurredOn: "2025-03-01", years: 2, description: "CPD coordinator" }, NOW));
    let log = await getChcpLog(member.actor, NOW);
    expect(log.progress.map((section) => [section.key, section.complete])).toEqual([
      ["section-1", false],
      ["section-2", false],
    ]);
    expect(log.progress[0]!.status).toContain("20 hours of informal education: 12.5 hours logged, 7.5 hours to go");
    expect(log.progress[1]!.status).toBe("Not complete yet: 3 years of healthcare CPD work: 2 years logged, 1 year to go.");
    expect(log.sections.map((section) => section.entries.map((entry) => entry.occurredOn))).toEqual([["2025-04-02"], ["2025-03-01"]]);
    expect(log.outside.map((entry) => entry.occurredOn)).toEqual(["2024-11-30"]);

    expectOk(await createEntry(member.actor, education(7.5, "2026-01-10"), NOW));
    log = await getChcpLog(member.actor, NOW);
    expect(log.progress[0]).toMatchObject({ complete: true, status: "Complete in your log: 20 hours of informal education." });
    expect((await getChcpOverview(member.actor, NOW))!.progress.map((section) => section.complete)).toEqual([true, false]);
  });

  it("edits and deletes the member's own entries; another member finds none of them", async () => {
    const owner = await memberWithCredential();
    const other = await createTestMember();
    const { id } = expectOk(await createEntry(owner.actor, education(3), NOW));

    for (const result of [
      await getEntry(other.actor, id, NOW),
      await updateEntry(other.actor, id, education(99), NOW),
      await deleteEntry(other.actor, id),
    ]) {
      expect(result).toMatchObject({ ok: false, reason: "not-found" });
    }
    expect((await getChcpLog(other.actor, NOW)).entryCount).toBe(0);
    expect(await getChcpOverview(other.actor, NOW)).toBeNull();

    expectOk(await updateEntry(owner.actor, id, { ...education(4), description: "Edited" }, NOW));
    expect(expectOk(await getEntry(owner.actor, id, NOW))).toMatchObject({ hours: 4, description: "Edited" });
    expectOk(await deleteEntry(owner.actor, id));
    expect(await prisma.chcpEntry.count({ where: { userId: owner.userId } })).toBe(0);
  });

  it("adds a completed pathway step as an entry the member describes, once", async () => {
    const member = await memberWithCredential();
    const other = await createTestMember();
    expectOk(await completeStep(member.actor, { slug: "newcomer-onboarding", key: "cme-fundamentals" }, { reflection: "Made a glossary." }));
    const [step] = await completedStepsToAdd(member.actor);
    expect(step).toMatchObject({ pathwayTitle: expect.any(String), href: "/pathways/newcomer-onboarding/steps/cme-fundamentals" });

    // Someone else's completion is not theirs to add.
    expect(await createEntry(other.actor, { ...education(1), completion: step!.completionId }, NOW)).toMatchObject({ ok: false, reason: "not-found" });

    expectOk(await createEntry(member.actor, { ...education(1.5, "2026-02-01"), description: step!.stepTitle, completion: step!.completionId }, NOW));
    expect(await completedStepsToAdd(member.actor)).toEqual([]);
    const log = await getChcpLog(member.actor, NOW);
    expect(log.sections[0]!.entries[0]!.fromStep).toMatchObject({ href: step!.href });
  });

  it("stops keeping the log: the record and every entry go", async () => {
    const member = await memberWithCredential();
    expectOk(await createEntry(member.actor, education(3), NOW));
    expectOk(await deleteChcpLog(member.actor));
    expect(await prisma.chcpCredential.count({ where: { userId: member.userId } })).toBe(0);
    expect(await prisma.chcpEntry.count({ where: { userId: member.userId } })).toBe(0);
  });
});

describe("reminders before expiry", () => {
  const reminders = (member: TestMember) =>
    prisma.outboxEmail.findMany({ where: { userId: member.userId, kind: "chcp-reminder" }, select: { subject: true, text: true }, orderBy: { createdAt: "asc" } });

  /** Moves the clock to `iso` and lets every instance tick. */
  async function tickAt(iso: string) {
    setClockOffset(new Date(iso).getTime() - Date.now());
    await Promise.all([runBackgroundTick(), runBackgroundTick()]);
  }

  async function member(options: { timeZone: string; cycleStartOn: string; reminderEmails?: boolean }) {
    const member = await createTestMember();
    await prisma.user.update({ where: { id: member.userId }, data: { timeZone: options.timeZone, reminderEmails: options.reminderEmails ?? true } });
    expectOk(await saveCredential(member.actor, { earnedOn: options.cycleStartOn, cycleStartOn: options.cycleStartOn }, new Date()));
    return member;
  }

  it("emails 6 and 3 months before expiry at 9:00 in the member's time zone, once each, across a leap day and month ends", async () => {
    // Auckland: expiry 31 August 2029 → 28 February 2029 (6 months) and 31 May 2029 (3 months).
    // In 2028 the cycle would give 29 February; here a cycle from 2026-08-31 ends 2029-08-31.
    const auckland = await member({ timeZone: "Pacific/Auckland", cycleStartOn: "2026-08-31" });
    const quiet = await member({ timeZone: "Pacific/Auckland", cycleStartOn: "2026-08-31", reminderEmails: false });

    // 09:00 on 28 February in Auckland (UTC+13) is 20:00 UTC on the 27th.
    await tickAt("2029-02-27T19:59:00Z");
    expect(await reminders(auckland)).toEqual([]);
    await tickAt("2029-02-27T20:01:00Z");
    await tickAt("2029-02-27T21:05:00Z"); // the next hour's batch finds it again: still one email
    const [first, ...others] = await reminders(auckland);
    expect(others).toEqual([]);
    expect(first!.subject).toBe("Your CHCP® expires on August 31, 2029: 6 months to go");
    const text = first!.text.replace(/\s+/g, " ");
    expect(text).toContain("Section 1: informal education or engagement: Not complete yet. Any one of these completes it:");
    expect(text).toContain("https://www.acehp.org/Recognition/Recertification");
    expect(text).toContain("CME Commons is not affiliated with the Alliance");

    // 09:00 on 31 May in Auckland (UTC+12) is 21:00 UTC on the 30th.
    // The outbox keeps an email 30 days (housekeeping, decision 0020): by then the first has gone,
    // and it is not written again.
    await tickAt("2029-05-30T21:10:00Z");
    expect((await reminders(auckland)).map((email) => email.subject)).toEqual(["Your CHCP® expires on August 31, 2029: 3 months to go"]);
    expect(await reminders(quiet)).toEqual([]);
  });

  it("reminds on 29 February in a leap year, and not for a date changed since", async () => {
    // A cycle from 2025-08-31 ends 2028-08-31: six months before is 29 February 2028.
    const member2 = await member({ timeZone: "UTC", cycleStartOn: "2025-08-31" });
    const moved = await member({ timeZone: "UTC", cycleStartOn: "2025-08-31" });
    await tickAt("2028-02-29T08:30:00Z");
    expect(await reminders(member2)).toEqual([]);
    // The second member renews just before: the old expiry's reminder is not sent.
    expectOk(await saveCredential(moved.actor, { earnedOn: "2025-08-31", cycleStartOn: "2025-08-31", expiresOn: "2028-12-31" }, new Date()));
    await tickAt("2028-02-29T09:30:00Z");
    expect((await reminders(member2)).map((email) => email.subject)).toEqual(["Your CHCP® expires on August 31, 2028: 6 months to go"]);
    expect(await reminders(moved)).toEqual([]);
  });

  it("account deletion leaves no record, entry, reminder email or reminder job behind", async () => {
    const leaving = await member({ timeZone: "UTC", cycleStartOn: "2026-09-30" });
    expectOk(await createEntry(leaving.actor, education(3, "2027-01-01"), new Date("2027-06-01T00:00:00Z")));
    await tickAt("2029-03-30T09:30:00Z");
    expect(await reminders(leaving)).toHaveLength(1);
    await prisma.user.update({ where: { id: leaving.userId }, data: { passwordHash: await hashPassword("a long enough password") } });
    resetClock();
    expectOk(await deleteAccount({ userId: leaving.userId }, "a long enough password"));
    expect(await prisma.chcpCredential.count({ where: { userId: leaving.userId } })).toBe(0);
    expect(await prisma.chcpEntry.count({ where: { userId: leaving.userId } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { userId: leaving.userId } })).toBe(0);
    expect(await prisma.job.count({ where: { key: { contains: leaving.userId }, status: "PENDING" } })).toBe(0);
  });
});
