/**
 * Settings → Mentoring: offering to mentor and asking for a mentor. Both are
 * off until the member turns them on, and each can be paused.
 */
import { prisma } from "~/utils/db.server";
import { failFields, ok, type Result } from "~/utils/result";
import { latestAreas, toSlugs, type MemberArea } from "./areas.server";
import type { MentoringSettingsInput } from "./schemas";

export type OnOff = "on" | "paused" | "off";

export type MentoringSettings = {
  hasAssessment: boolean;
  areas: MemberArea[];
  offer: OnOff;
  offerAreas: string[];
  capacity: number;
  offerNote: string;
  seek: OnOff;
  /** Form values: the member's choice, or their gaps until they choose. */
  seekAreas: string[];
  seekAreasAreGaps: boolean;
  hopes: string;
  activeMentees: number;
};

const state = (on: boolean, pausedAt: Date | null): OnOff => (!on ? "off" : pausedAt ? "paused" : "on");

/** Two round trips: the preference and the member's latest areas (with the active mentees count). */
export async function getMentoringSettings(userId: string): Promise<MentoringSettings> {
  const [preference, latest, activeMentees] = await Promise.all([
    prisma.mentoringPreference.findUnique({ where: { userId } }),
    latestAreas(userId),
    prisma.mentorship.count({ where: { mentorId: userId, status: "ACTIVE" } }),
  ]);
  const valuesOf = (slugs: readonly string[]) => {
    const wanted = new Set(slugs);
    return latest.areas.filter((area) => wanted.has(area.slug)).map((area) => area.value);
  };
  const chosenSeek = preference?.seekAreas ?? [];
  return {
    hasAssessment: latest.hasAssessment,
    areas: latest.areas,
    offer: preference ? state(preference.offering, preference.offerPausedAt) : "off",
    offerAreas: valuesOf(preference?.offerAreas ?? []),
    capacity: preference?.capacity ?? 1,
    offerNote: preference?.offerNote ?? "",
    seek: preference ? state(preference.seeking, preference.seekPausedAt) : "off",
    seekAreas: valuesOf(chosenSeek.length > 0 ? chosenSeek : latest.gapSlugs),
    seekAreasAreGaps: chosenSeek.length === 0,
    hopes: preference?.hopes ?? "",
    activeMentees,
  };
}

/**
 * Saves both choices in one statement. Areas must be areas of the member's
 * latest assessment: offering is consent to show the latest stage there, so
 * there has to be one.
 */
export async function saveMentoringSettings(userId: string, input: MentoringSettingsInput, now = new Date()): Promise<Result> {
  const latest = await latestAreas(userId);
  const offerAreas = toSlugs(latest.areas, input.offerAreas);
  const seekAreas = toSlugs(latest.areas, input.seekAreas);
  if (input.offer !== "off" && offerAreas.length === 0) {
    return failFields({ offerAreas: ["Choose at least one area of your latest self-assessment"] });
  }
  if (input.seek !== "off" && seekAreas.length === 0) {
    return failFields({ seekAreas: ["Choose at least one area of your latest self-assessment"] });
  }
  const existing = await prisma.mentoringPreference.findUnique({
    where: { userId },
    select: { offerPausedAt: true, seekPausedAt: true },
  });
  const values = {
    offering: input.offer !== "off",
    offerAreas,
    capacity: input.capacity ?? 1,
    offerNote: input.offerNote ?? "",
    offerPausedAt: input.offer === "paused" ? (existing?.offerPausedAt ?? now) : null,
    seeking: input.seek !== "off",
    seekAreas,
    hopes: input.hopes ?? "",
    seekPausedAt: input.seek === "paused" ? (existing?.seekPausedAt ?? now) : null,
  };
  await prisma.mentoringPreference.upsert({
    where: { userId },
    create: { userId, ...values },
    update: values,
    select: { userId: true },
  });
  return ok(null);
}
