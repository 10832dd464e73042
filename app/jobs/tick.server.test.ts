import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember } from "../../tests/fixtures/members";
import { handlers, runBackgroundTick } from "./tick.server";

describe("the background tick", () => {
  it("schedules this hour's housekeeping and digest batches once, however many instances tick", async () => {
    // A Wednesday in a year no other test uses.
    const now = new Date("2003-06-11T10:17:00Z");
    await Promise.all([runBackgroundTick(now), runBackgroundTick(now), runBackgroundTick(now)]);
    const jobs = await prisma.job.findMany({
      where: { key: { in: ["housekeeping:2003-06-11T10:00:00.000Z"] } },
      select: { kind: true, status: true },
    });
    expect(jobs).toEqual([{ kind: "housekeeping", status: "DONE" }]);
    // One digest batch per frequency and UTC hour (members' own midnights fall in every hour), this
    // hour's and those of the day before it that had none, all run.
    const batches = await prisma.job.findMany({
      where: { kind: "digest-batch", key: { contains: ":2003-06-1" } },
      select: { key: true, status: true },
      orderBy: { key: "asc" },
    });
    expect(batches).toHaveLength(48);
    expect(batches.every((batch) => batch.status === "DONE")).toBe(true);
    expect(batches.map((batch) => batch.key)).toContain("digest-batch:DAILY:hour:2003-06-11T10:00:00.000Z");
    expect(batches.map((batch) => batch.key)).toContain("digest-batch:WEEKLY:hour:2003-06-10T11:00:00.000Z");
    expect(batches.map((batch) => batch.key)).not.toContain("digest-batch:DAILY:hour:2003-06-10T10:00:00.000Z");
  });

  it("purges expired sessions through the housekeeping job", async () => {
    const member = await createTestMember();
    const expired = await prisma.session.create({
      data: { id: `expired-${member.userId}`, userId: member.userId, expiresAt: new Date("2004-01-01T00:00:00Z") },
      select: { id: true },
    });
    await runBackgroundTick(new Date("2004-02-02T09:30:00Z"));
    expect(await prisma.session.findUnique({ where: { id: expired.id }, select: { id: true } })).toBeNull();
  });

  it("has a handler for every kind of job the app enqueues", () => {
    expect(Object.keys(handlers).sort()).toEqual([
      "chcp-reminder",
      "chcp-reminder-batch",
      "check-in-reminder",
      "digest",
      "digest-batch",
      "goal-reminder",
      "housekeeping",
      "inbound-email",
      "mailing-list-post",
      "member-import",
      "member-import-invitation",
      "mentoring-program-invitation-email",
      "mentoring-program-invitations",
      "notification-email",
    ]);
  });
});
