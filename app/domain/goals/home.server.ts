/**
 * What the member's home shows about goals and commitments: the time-zone
 * question until they answer it, open goals due within a month (or overdue),
 * and check-ins waiting for an answer.
 */
import type { MemberActor } from "~/domain/members/actor";
import { getTimeZoneSetting, timeZoneChoices } from "~/domain/members/time-zone.server";
import { listDueCheckIns } from "./commitments.server";
import { listGoalsDueSoon } from "./goals.server";

export async function getHomeGoals(actor: MemberActor, now: Date) {
  const setting = await getTimeZoneSetting(actor.userId);
  const [goals, checkIns] = await Promise.all([listGoalsDueSoon(actor, setting.timeZone, now), listDueCheckIns(actor.userId, now)]);
  return {
    timeZone: { zone: setting.timeZone, confirmed: setting.confirmed, choices: setting.confirmed ? null : timeZoneChoices() },
    goals,
    checkIns,
  };
}

export type HomeGoals = Awaited<ReturnType<typeof getHomeGoals>>;
