/**
 * Matching on a generated population of 1,000 members: nobody at capacity,
 * paused, hidden (either way) or who already declined is ever suggested;
 * every stage a reason shows is one the mentor consented to show (an area
 * they offer) and is their real latest stage; nobody eligible is missed when
 * there is room; and the number of round trips does not grow with the
 * population.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RoleArchetype } from "~/generated/prisma/enums";
import { countQueries, prisma } from "~/utils/db.server";
import { seed } from "../../../prisma/seed";
import { currentVersion, type TestVersion } from "../../../tests/fixtures/crosswalk";
import { SUGGESTIONS_SHOWN } from "./constants";
import { suggestMentors } from "./suggestions.server";

const POPULATION = 1000;
const run = `mp${Math.random().toString(36).slice(2, 7)}`;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seedValue: number) {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Person = {
  id: string;
  handle: string;
  name: string;
  stages: Record<string, number>;
  targets: Record<string, number>;
  offering: boolean;
  paused: boolean;
  offerAreas: string[];
  capacity: number;
  active: number;
  seeking: boolean;
  seekAreas: string[];
};

let version: TestVersion;
const people: Person[] = [];
const mentees: Person[] = [];
/** mentee id → mentor ids excluded by a block (either way), a decline or a waiting request. */
const excluded = new Map<string, Set<string>>();

beforeAll(async () => {
  await seed();
  version = await currentVersion();
  const slugs = version.areas.map((area) => area.slug);
  const stageCount = version.stages.length;
  const next = random(20261207);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const roles: RoleArchetype[] = ["ACCREDITATION_SPECIALIST", "PROGRAM_DEVELOPER", "OUTCOMES_EVALUATION", "OTHER"];

  for (let i = 0; i < POPULATION; i += 1) {
    const stages = Object.fromEntries(slugs.map((slug) => [slug, 1 + Math.floor(next() * stageCount)]));
    const targets: Record<string, number> = {};
    for (const slug of slugs) if (stages[slug]! < stageCount && next() < 0.3) targets[slug] = stages[slug]! + 1 + Math.floor(next() * (stageCount - stages[slug]!));
    const offering = next() < 0.45;
    people.push({
      id: `${run}-u${i}`,
      handle: `${run}-h${i}`,
      name: `Pop ${run} ${String(i).padStart(4, "0")}`,
      stages,
      targets,
      offering,
      paused: offering && next() < 0.15,
      offerAreas: offering ? slugs.filter(() => next() < 0.4) : [],
      capacity: 1 + Math.floor(next() * 3),
      active: 0,
      seeking: false,
      seekAreas: [],
    });
  }
  // Five mentees looking in two gap areas each (their targets set above their stages there).
  for (let m = 0; m < 5; m += 1) {
    const mentee = people[m * 7]!;
    const areas = [slugs[m % slugs.length]!, slugs[(m + 3) % slugs.length]!];
    for (const slug of areas) {
      mentee.stages[slug] = 1 + (m % 2);
      mentee.targets[slug] = stageCount - 1;
    }
    mentee.offering = false;
    mentee.offerAreas = [];
    mentee.seeking = true;
    mentee.seekAreas = areas;
    mentees.push(mentee);
  }

  await prisma.user.createMany({
    data: people.map((person) => ({ id: person.id, email: `${person.handle}@example.org`, passwordHash: "x", emailConfirmedAt: new Date() })),
  });
  await prisma.profile.createMany({
    data: people.map((person) => ({ userId: person.id, handle: person.handle, displayName: person.name, roleArchetype: pick(roles) })),
  });
  const stageId = (position: number) => version.stages.find((stage) => stage.position === position)!.id;
  await prisma.assessment.createMany({
    data: people.map((person) => ({ id: `${person.id}-a`, userId: person.id, versionId: version.id, draftOwnerId: person.id })),
  });
  await prisma.assessmentAnswer.createMany({
    data: people.flatMap((person) =>
      version.areas.map((area) => ({
        assessmentId: `${person.id}-a`,
        areaId: area.id,
        stageId: stageId(person.stages[area.slug]!),
        targetStageId: person.targets[area.slug] ? stageId(person.targets[area.slug]!) : null,
      })),
    ),
  });
  // Submitted once answered (a submitted assessment's answers are frozen by a trigger).
  await prisma.assessment.updateMany({
    where: { id: { in: people.map((person) => `${person.id}-a`) } },
    data: { status: "SUBMITTED", draftOwnerId: null, submittedAt: new Date() },
  });
  await prisma.mentoringPreference.createMany({
    data: people
      .filter((person) => person.offering || person.seeking)
      .map((person) => ({
        userId: person.id,
        offering: person.offering,
        offerAreas: person.offerAreas,
        capacity: person.capacity,
        offerPausedAt: person.paused ? new Date() : null,
        seeking: person.seeking,
        seekAreas: person.seekAreas,
      })),
  });

  // Fill many mentors to capacity with active mentees from the rest of the population.
  const others = people.slice(100);
  const mentorships: { mentorId: string; menteeId: string; status: "ACTIVE" | "DECLINED" | "REQUESTED" | "ENDED" }[] = [];
  for (const person of people) {
    if (!person.offering || next() < 0.5) continue;
    const fill = next() < 0.6 ? person.capacity : person.capacity - 1;
    for (let k = 0; k < fill; k += 1) mentorships.push({ mentorId: person.id, menteeId: pick(others).id, status: "ACTIVE" });
    person.active = fill;
  }
  // Ended mentorships take no place.
  for (const person of people.slice(200, 260)) if (person.offering) mentorships.push({ mentorId: person.id, menteeId: pick(others).id, status: "ENDED" });
  // For each mentee: declines, waiting requests, and blocks in both directions.
  const blocks: { userId: string; blockedId: string }[] = [];
  for (const mentee of mentees) {
    const set = new Set<string>();
    excluded.set(mentee.id, set);
    const offering = people.filter((person) => person.offering && person.id !== mentee.id);
    for (let k = 0; k < 40; k += 1) {
      const mentor = pick(offering);
      if (set.has(mentor.id)) continue;
      set.add(mentor.id);
      const kind = k % 4;
      if (kind === 0) mentorships.push({ mentorId: mentor.id, menteeId: mentee.id, status: "DECLINED" });
      else if (kind === 1) mentorships.push({ mentorId: mentor.id, menteeId: mentee.id, status: "REQUESTED" });
      else if (kind === 2) blocks.push({ userId: mentee.id, blockedId: mentor.id });
      else blocks.push({ userId: mentor.id, blockedId: mentee.id });
    }
  }
  await prisma.mentorship.createMany({ data: mentorships });
  await prisma.mentoringBlock.createMany({ data: blocks, skipDuplicates: true });
}, 240_000);

/** Who may be suggested to `mentee`, from the generated data alone: mentor id → areas qualifying. */
function eligible(mentee: Person): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const person of people) {
    if (person.id === mentee.id || !person.offering || person.paused || person.active >= person.capacity) continue;
    if (excluded.get(mentee.id)!.has(person.id)) continue;
    const areas = mentee.seekAreas.filter((slug) => person.offerAreas.includes(slug) && person.stages[slug]! > mentee.stages[slug]!);
    if (areas.length > 0) result.set(person.id, areas);
  }
  return result;
}

describe("matching on a population of 1,000 members", () => {
  it("suggests only available mentors, shows only consented stages, and misses nobody when there is room", async () => {
    const byHandle = new Map(people.map((person) => [person.handle, person]));
    const areaName = new Map(version.areas.map((area) => [area.slug, area.name]));
    let suggestedTotal = 0;
    for (const mentee of mentees) {
      const { result, queries } = await countQueries(() => suggestMentors(mentee.id));
      expect(queries).toBeLessThanOrEqual(5);
      expect(result.kind).toBe("suggestions");
      if (result.kind !== "suggestions") continue;
      const allowed = eligible(mentee);
      expect(result.items.length).toBe(Math.min(SUGGESTIONS_SHOWN, allowed.size));
      for (const item of result.items) {
        const mentor = byHandle.get(item.handle)!;
        // Never someone at capacity, paused, hidden either way, declined or already asked.
        expect(mentor.offering).toBe(true);
        expect(mentor.paused).toBe(false);
        expect(mentor.active).toBeLessThan(mentor.capacity);
        expect(excluded.get(mentee.id)!.has(mentor.id)).toBe(false);
        // Every stage shown is in an offered area the mentee asked about, and is the mentor's real stage.
        const stageLines = item.reasons.filter((reason) => reason.startsWith("Stage "));
        expect(stageLines.length).toBe(allowed.get(mentor.id)!.length);
        for (const line of stageLines) {
          const slug = version.areas.find((area) => line.includes(` in ${area.name}`))!.slug;
          expect(mentor.offerAreas).toContain(slug);
          expect(mentee.seekAreas).toContain(slug);
          expect(line.startsWith(`Stage ${mentor.stages[slug]} in ${areaName.get(slug)}`)).toBe(true);
        }
        expect(item.reasons.at(-1)).toMatch(/^Room for \d+ more mentees?$/);
        // No score pretends to more precision than the data.
        expect(item.reasons.join(" ")).not.toMatch(/%|\d\.\d|score/i);
      }
      // The best first: no one left out covers more of the mentee's areas than the last one shown.
      const shown = new Set(result.items.map((item) => byHandle.get(item.handle)!.id));
      const fewestShown = Math.min(...result.items.map((item) => allowed.get(byHandle.get(item.handle)!.id)!.length));
      for (const [id, areas] of allowed) if (!shown.has(id)) expect(areas.length).toBeLessThanOrEqual(fewestShown);
      suggestedTotal += result.items.length;
    }
    expect(suggestedTotal).toBeGreaterThan(0);
  }, 120_000);

  it("shows nothing once the member pauses, and nothing to a member who is not asking", async () => {
    const mentee = mentees[0]!;
    await prisma.mentoringPreference.update({ where: { userId: mentee.id }, data: { seekPausedAt: new Date() } });
    expect(await suggestMentors(mentee.id)).toEqual({ kind: "paused" });
    await prisma.mentoringPreference.update({ where: { userId: mentee.id }, data: { seekPausedAt: null } });
    expect(await suggestMentors(people[1]!.id)).toEqual({ kind: "not-seeking" });
  });
});
