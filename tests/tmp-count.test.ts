import { it } from "vitest";
import { countQueries } from "~/utils/db.server";
import { createTestMember } from "./fixtures/members";
import { getChcpOverview } from "~/domain/credentials/chcp.server";
import { listGoals } from "~/domain/goals/goals.server";
import { listCommitments } from "~/domain/goals/commitments.server";
import { getTimeZone } from "~/domain/members/time-zone.server";
import { getHomeGoals } from "~/domain/goals/home.server";
import { getHomeChcp } from "~/domain/pages/home.server";
it("counts", async () => {
  const m = await createTestMember();
  const actor = m.actor as any;
  const now = new Date();
  for (const [name, fn] of [
    ["tz", () => getTimeZone(m.userId)],
    ["chcp", () => getChcpOverview(actor)],
    ["goals", () => listGoals({ kind: "owner", userId: m.userId }, actor, { timeZone: "UTC", now, take: 50 })],
    ["commitments", () => listCommitments(m.userId, "UTC", now, 50)],
    ["homeGoals", () => getHomeGoals(actor, now)],
    ["homeChcp", () => getHomeChcp(actor)],
  ] as const) {
    const { queries } = await countQueries(fn as () => Promise<unknown>);
    console.log("COUNT", name, queries);
  }
});
