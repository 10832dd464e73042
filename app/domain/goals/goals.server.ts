/**
 * Development goals: what a member will do, how they will know (a measurable
 * outcome), by when, in which competency areas; what serves it (pathway
 * steps, activity plans, forum threads, evidence); dated progress notes; and
 * how it ended (achieved, changed or dropped) with a reflection.
 *
 * Goals are the member's. Who else sees them is one where-builder,
 * `visibleGoalsWhere`, used by every read: a share link's reader only when
 * the member ticked "include my goals" for that link, an invited reviewer
 * only when the member allows reviewers to see them. Area names follow the
 * framework's rights for the reader, as the profile's do: a licensed
 * framework's areas go by number, and their slugs by opaque keys
 * (competencies/withheld.server.ts).
 */
import { frameworkTextVisibleSql, readableVersionIds } from "~/domain/competencies/rights.server";
import { withheldAreaKeys, withholdAreaSlugs } from "~/domain/competencies/withheld.server";
import { threadPath } from "~/domain/discussions/constants";
import { visibleThreadsWhere } from "~/domain/discussions/policy";
import { readerTimeZone, type Actor, type MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import type { GoalLinkKind, GoalStatus } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { addDays, dateToDay, dayIn, dayToDate, daysBetween, formatLongDateIn, isTimeZone, type CalendarDay, formatLongDay } from "~/utils/zoned-dates";
import { adviseOnGoal, type GoalAdvice } from "./advice";
import { instantFromJson, writeCommitment } from "./commitments.server";
import { GOAL_DUE_SOON_DAYS, GOAL_STATUS_LABELS, type GoalStatusName } from "./options";
import { scheduleGoalReminder } from "./reminders.server";
import type { GoalInput, LinkInput } from "./schemas";

/** Who reads goals: the member, a share link's reader, or a reviewer the member invited. */
export type GoalViewer =
  | { kind: "owner"; userId: string }
  | { kind: "share"; ownerId: string; includeGoals: boolean }
  | { kind: "reviewer"; ownerId: string; reviewerId: string };

/** The goals `viewer` may see: the rule every read of goals goes through. */
export function visibleGoalsWhere(viewer: GoalViewer): Prisma.GoalWhereInput {
  switch (viewer.kind) {
    case "owner":
      return { userId: viewer.userId };
    case "share":
      return viewer.includeGoals ? { userId: viewer.ownerId } : { id: { in: [] } };
    case "reviewer":
      return {
        userId: viewer.ownerId,
        user: { goalsForReviewers: true, reviewInvitationsSent: { some: { reviewerId: viewer.reviewerId, revokedAt: null } } },
      };
  }
}

export interface GoalArea {
  slug: string;
  name: string;
}

export interface GoalSummary {
  id: string;
  title: string;
  outcome: string;
  /** "YYYY-MM-DD", for the date field. */
  dueOn: CalendarDay | null;
  /** "March 31, 2027" */
  dueLabel: string | null;
  /** Days from today (in the member's time zone) to the date; negative when past. */
  daysLeft: number | null;
  status: GoalStatusName;
  statusLabel: string;
  areas: GoalArea[];
  endedOn: string | null;
  reflection: string;
  startedOn: string;
}

const SUMMARY_SELECT = {
  id: true,
  title: true,
  outcome: true,
  dueOn: true,
  status: true,
  versionId: true,
  areaSlugs: true,
  endedAt: true,
  reflection: true,
  createdAt: true,
} satisfies Prisma.GoalSelect;

type SummaryRow = Pick<
  Prisma.GoalGetPayload<{ select: typeof SUMMARY_SELECT }>,
  "id" | "title" | "outcome" | "dueOn" | "status" | "endedAt" | "reflection" | "createdAt"
>;

/**
 * `visibleGoalsWhere` as a SQL condition on a "Goal" alias, for the raw
 * queries that read goals with their area names in the same round trip
 * (goals.server.test.ts holds the two to the same answers).
 */
export function visibleGoalsSql(viewer: GoalViewer, goal: Prisma.Sql): Prisma.Sql {
  switch (viewer.kind) {
    case "owner":
      return Prisma.sql`${goal}."userId" = ${viewer.userId}`;
    case "share":
      return viewer.includeGoals ? Prisma.sql`${goal}."userId" = ${viewer.ownerId}` : Prisma.sql`FALSE`;
    case "reviewer":
      // The User primary key; ReviewerInvitation (revieweeId, createdAt).
      return Prisma.sql`${goal}."userId" = ${viewer.ownerId}
        AND EXISTS (SELECT 1 FROM "User" gu WHERE gu."id" = ${goal}."userId" AND gu."goalsForReviewers")
        AND EXISTS (SELECT 1 FROM "ReviewerInvitation" gi
                     WHERE gi."revieweeId" = ${goal}."userId" AND gi."reviewerId" = ${viewer.reviewerId} AND gi."revokedAt" IS NULL)`;
  }
}

/** One area of a goal as the SQL below reads it: its name only when the reader may read the framework version's text. */
type AreaJson = { slug: string; position: number; name: string | null };

/** A json column as the driver hands it: parsed already, or as text. */
const parsedJson = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * A goal's areas as a JSON array in framework order, for a SELECT list, with
 * names only where `reader` may read the version's text
 * (`frameworkTextVisibleSql`, the rule every page follows). Uses the
 * CompetencyArea (versionId, slug) unique index.
 */
function goalAreasJsonSql(reader: Actor, goal: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`COALESCE((
    SELECT json_agg(json_build_object(
             'slug', ar."slug", 'position', ar."position",
             'name', CASE WHEN ${frameworkTextVisibleSql(reader, Prisma.sql`ar."versionId"`)} THEN ar."name" END)
           ORDER BY ar."position")
      FROM "CompetencyArea" ar
     WHERE ar."versionId" = ${goal}."versionId" AND ar."slug" = ANY(${goal}."areaSlugs")), '[]'::json)`;
}

/**
 * Names for goals' areas as read ("Area 3" where the name is withheld), and
 * the keys that stand in for withheld slugs: a slug the reader may read in
 * any of these goals' versions travels as it is, the others as opaque keys
 * (competencies/withheld.server.ts).
 */
async function areaReading(areaLists: AreaJson[][]) {
  const all = areaLists.flat();
  const readSlugs = new Set(all.filter((area) => area.name !== null).map((area) => area.slug));
  const keys = await withheldAreaKeys(all.filter((area) => area.name === null && !readSlugs.has(area.slug)).map((area) => area.slug));
  const name = (areas: AreaJson[]): GoalArea[] => areas.map((area) => ({ slug: area.slug, name: area.name ?? `Area ${area.position}` }));
  return { name, keys };
}

function summaryOf(row: SummaryRow, areas: GoalArea[], today: CalendarDay, timeZone: string): GoalSummary {
  const dueOn = row.dueOn ? dateToDay(row.dueOn) : null;
  return {
    id: row.id,
    title: row.title,
    outcome: row.outcome,
    dueOn,
    dueLabel: row.dueOn ? formatLongDay(row.dueOn) : null,
    daysLeft: dueOn ? daysBetween(today, dueOn) : null,
    status: row.status,
    statusLabel: GOAL_STATUS_LABELS[row.status],
    areas,
    endedOn: row.endedAt ? formatLongDateIn(row.endedAt, timeZone) : null,
    reflection: row.reflection,
    startedOn: formatLongDateIn(row.createdAt, timeZone),
  };
}

export interface GoalListOptions {
  status?: GoalStatus[];
  dueBefore?: CalendarDay;
  take?: number;
}

/**
 * The goals `viewer` may see, with their areas as `reader` may read them, as
 * one JSON value: an expression for a SELECT list, so a page reads them in
 * the same round trip as its other panels (pages/own-panels.server.ts). Open
 * goals first (soonest date first, undated last), then ended ones (most
 * recent first); the (userId, status, dueOn) index finds them. Read back
 * with `goalsFromJson`.
 */
export function goalsJsonSql(viewer: GoalViewer, reader: Actor, options: GoalListOptions = {}): Prisma.Sql {
  const status = options.status?.length
    ? Prisma.sql`AND g."status" IN (${Prisma.join(options.status.map((value) => Prisma.sql`${value}::"GoalStatus"`))})`
    : Prisma.empty;
  const dueBefore = options.dueBefore ? Prisma.sql`AND g."dueOn" <= ${options.dueBefore}::date` : Prisma.empty;
  return Prisma.sql`COALESCE((
    SELECT json_agg(x ORDER BY x."rank") FROM (
      SELECT g."id", g."title", g."outcome", to_char(g."dueOn", 'YYYY-MM-DD') AS "dueOn", g."status",
             g."endedAt", g."reflection", g."createdAt",
             ${goalAreasJsonSql(reader, Prisma.raw("g"))} AS "areas",
             row_number() OVER (ORDER BY g."status", g."dueOn" NULLS LAST, g."endedAt" DESC, g."createdAt" DESC, g."id") AS "rank"
        FROM "Goal" g
       WHERE ${visibleGoalsSql(viewer, Prisma.raw("g"))} ${status} ${dueBefore}
       ORDER BY "rank"
       LIMIT ${options.take ?? 200}) x), '[]'::json)`;
}

type GoalJson = {
  id: string;
  title: string;
  outcome: string;
  dueOn: CalendarDay | null;
  status: GoalStatus;
  endedAt: string | null;
  reflection: string;
  createdAt: string;
  areas: AreaJson[];
};

/** The summaries of what `goalsJsonSql` read, dated in the owner's time zone. */
export async function goalsFromJson(value: unknown, timeZone: string, now: Date): Promise<GoalSummary[]> {
  const rows = parsedJson<GoalJson[] | null>(value) ?? [];
  const { name, keys } = await areaReading(rows.map((row) => row.areas));
  const today = dayIn(timeZone, now);
  return withholdAreaSlugs(
    rows.map((row) =>
      summaryOf(
        {
          ...row,
          dueOn: row.dueOn ? dayToDate(row.dueOn) : null,
          endedAt: row.endedAt ? instantFromJson(row.endedAt) : null,
          createdAt: instantFromJson(row.createdAt),
        },
        name(row.areas),
        today,
        timeZone,
      ),
    ),
    keys,
  );
}

/** Whose goals `viewer` reads. */
const ownerOf = (viewer: GoalViewer) => (viewer.kind === "owner" ? viewer.userId : viewer.ownerId);

/**
 * The goals `viewer` may see, as `reader` may read their areas, with dates
 * counted in the owner's time zone (read in the same query): one round trip.
 * Open goals first.
 */
export async function listGoals(viewer: GoalViewer, reader: Actor, options: GoalListOptions & { now: Date }): Promise<GoalSummary[]> {
  const [row] = await prisma.$queryRaw<{ timeZone: string; goals: unknown }[]>`
    SELECT u."timeZone", ${goalsJsonSql(viewer, reader, options)} AS "goals"
      FROM "User" u
     WHERE u."id" = ${ownerOf(viewer)}`;
  if (!row) return [];
  return goalsFromJson(row.goals, isTimeZone(row.timeZone) ? row.timeZone : "UTC", options.now);
}

/** Open goals whose date is within GOAL_DUE_SOON_DAYS or past (home). */
export function listGoalsDueSoon(actor: MemberActor, timeZone: string, now: Date) {
  return listGoals({ kind: "owner", userId: actor.userId }, actor, {
    now,
    status: ["OPEN"],
    dueBefore: addDays(dayIn(timeZone, now), GOAL_DUE_SOON_DAYS),
    take: 5,
  });
}

// ─── Areas a goal can name ───────────────────────────────────────────────────

export interface AreaChoice {
  /** The slug, or its opaque key when the member may no longer read the framework. */
  value: string;
  label: string;
}

/** The areas of the member's latest submitted assessment's version: what a new goal can name. */
export async function areaChoices(actor: MemberActor): Promise<{ versionId: string | null; choices: AreaChoice[]; slugOf: Map<string, string> }> {
  const latest = await prisma.assessment.findFirst({
    // Uses the (userId, status, submittedAt) index.
    where: { userId: actor.userId, status: "SUBMITTED" },
    orderBy: [{ submittedAt: "desc" }, { createdAt: "desc" }],
    select: { versionId: true },
  });
  const versionId = latest?.versionId ?? (await currentVersionId());
  if (!versionId) return { versionId: null, choices: [], slugOf: new Map() };
  const [areas, readable] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { slug: true, name: true, position: true } }),
    readableVersionIds(actor, [versionId]),
  ]);
  const canRead = readable.has(versionId);
  const keys = canRead ? new Map<string, string>() : await withheldAreaKeys(areas.map((area) => area.slug));
  const slugOf = new Map<string, string>();
  const choices = areas.map((area) => {
    const value = keys.get(area.slug) ?? area.slug;
    slugOf.set(value, area.slug);
    return { value, label: canRead ? `${area.position}. ${area.name}` : `Area ${area.position}` };
  });
  return { versionId, choices, slugOf };
}

/** The framework version in use site-wide (a member without an assessment writes goals against it). */
async function currentVersionId(): Promise<string | null> {
  const settings = await prisma.siteSettings.findFirst({ select: { currentFrameworkVersionId: true } });
  return settings?.currentFrameworkVersionId ?? null;
}

function areaSlugsFrom(values: string[] | undefined, slugOf: Map<string, string>): Result<string[]> {
  const slugs: string[] = [];
  for (const value of values ?? []) {
    const slug = slugOf.get(value);
    if (!slug) return failFields({ areas: ["Choose areas from the list"] });
    if (!slugs.includes(slug)) slugs.push(slug);
  }
  return ok(slugs);
}

// ─── Writing goals ───────────────────────────────────────────────────────────

export async function createGoal(actor: MemberActor, input: GoalInput, timeZone: string, now: Date): Promise<Result<{ id: string }>> {
  const { versionId, slugOf } = await areaChoices(actor);
  const slugs = areaSlugsFrom(input.areas, slugOf);
  if (!slugs.ok) return slugs;
  const dueOn = input.dueOn ?? null;
  const goal = await prisma.$transaction(async (tx) => {
    const created = await tx.goal.create({
      data: {
        userId: actor.userId,
        title: input.title,
        outcome: input.outcome ?? "",
        dueOn: dueOn ? dayToDate(dueOn) : null,
        versionId: slugs.value.length ? versionId : null,
        areaSlugs: slugs.value,
        createdAt: now,
      },
      select: { id: true },
    });
    await scheduleGoalReminder(tx, { id: created.id, userId: actor.userId, dueOn }, timeZone, now);
    return created;
  });
  return ok(goal);
}

/** The member's own open goal, for a change; ended goals are kept as they ended. */
async function ownOpenGoal(actor: MemberActor, goalId: string): Promise<Result<{ id: string; versionId: string | null; dueOn: Date | null }>> {
  const goal = await prisma.goal.findFirst({
    where: { id: goalId, ...visibleGoalsWhere({ kind: "owner", userId: actor.userId }) },
    select: { id: true, status: true, versionId: true, dueOn: true },
  });
  if (!goal) return fail("not-found", "There is no such goal among yours.");
  if (goal.status !== "OPEN") return fail("conflict", "This goal has ended, so it stays as it was when it ended.");
  return ok(goal);
}

export async function updateGoal(actor: MemberActor, goalId: string, input: GoalInput, timeZone: string, now: Date): Promise<Result> {
  const goal = await ownOpenGoal(actor, goalId);
  if (!goal.ok) return goal;
  const { versionId, slugOf } = await areaChoicesFor(actor, goal.value.versionId);
  const slugs = areaSlugsFrom(input.areas, slugOf);
  if (!slugs.ok) return slugs;
  const dueOn = input.dueOn ?? null;
  await prisma.$transaction(async (tx) => {
    await tx.goal.update({
      where: { id: goalId },
      data: {
        title: input.title,
        outcome: input.outcome ?? "",
        dueOn: dueOn ? dayToDate(dueOn) : null,
        versionId: slugs.value.length ? versionId : null,
        areaSlugs: slugs.value,
      },
      select: { id: true },
    });
    // A new date gets its reminder (keyed by the date: an unchanged date is not scheduled twice).
    await scheduleGoalReminder(tx, { id: goalId, userId: actor.userId, dueOn }, timeZone, now);
  });
  return ok(null);
}

/** The areas the edit form of one of the member's goals offers. */
export async function areaChoicesForGoal(actor: MemberActor, goalId: string) {
  const goal = await prisma.goal.findFirst({ where: { id: goalId, userId: actor.userId }, select: { versionId: true } });
  const { choices } = await areaChoicesFor(actor, goal?.versionId ?? null);
  return { choices };
}

/** The areas a goal's edit form offers: those of the goal's own version when it has one, else the latest assessment's. */
async function areaChoicesFor(actor: MemberActor, versionId: string | null) {
  const latest = await areaChoices(actor);
  if (!versionId || versionId === latest.versionId) return latest;
  const [areas, readable] = await Promise.all([
    prisma.competencyArea.findMany({ where: { versionId }, orderBy: { position: "asc" }, select: { slug: true, name: true, position: true } }),
    readableVersionIds(actor, [versionId]),
  ]);
  const canRead = readable.has(versionId);
  const keys = canRead ? new Map<string, string>() : await withheldAreaKeys(areas.map((area) => area.slug));
  const slugOf = new Map<string, string>();
  const choices = areas.map((area) => {
    const value = keys.get(area.slug) ?? area.slug;
    slugOf.set(value, area.slug);
    return { value, label: canRead ? `${area.position}. ${area.name}` : `Area ${area.position}` };
  });
  return { versionId, choices, slugOf };
}

export async function deleteGoal(actor: MemberActor, goalId: string): Promise<Result> {
  const { count } = await prisma.goal.deleteMany({ where: { id: goalId, ...visibleGoalsWhere({ kind: "owner", userId: actor.userId }) } });
  return count === 1 ? ok(null) : fail("not-found", "There is no such goal among yours.");
}

export async function addProgressNote(actor: MemberActor, goalId: string, body: string, now: Date): Promise<Result> {
  const goal = await ownOpenGoal(actor, goalId);
  if (!goal.ok) return goal;
  await prisma.goalNote.create({ data: { goalId, body, createdAt: now }, select: { id: true } });
  return ok(null);
}

/** "/t/123/some-title", a full address of this site, or just the id: the thread's id. */
function threadIdFrom(value: string): string | null {
  const trimmed = value.trim();
  let path = trimmed;
  try {
    path = new URL(trimmed).pathname;
  } catch {
    // Not a full address: a path or an id.
  }
  const match = /^\/?t\/([A-Za-z0-9_-]{1,64})(?:\/|$)/.exec(path) ?? /^([A-Za-z0-9_-]{1,64})$/.exec(path);
  return match?.[1] ?? null;
}

export async function addGoalLink(actor: MemberActor, goalId: string, input: LinkInput): Promise<Result<{ already: boolean }>> {
  const goal = await ownOpenGoal(actor, goalId);
  if (!goal.ok) return goal;
  let data: Prisma.GoalLinkUncheckedCreateInput;
  let same: Prisma.GoalLinkWhereInput;
  switch (input.intent) {
    case "link-step": {
      // A step of a pathway the member is enrolled in.
      const step = await prisma.pathwayStep.findFirst({
        where: { id: input.stepId, archivedAt: null, pathway: { enrolments: { some: { userId: actor.userId } } } },
        select: { id: true },
      });
      if (!step) return failFields({ stepId: ["Choose a step of a pathway you follow"] });
      data = { goalId, kind: "STEP", stepId: step.id };
      same = { stepId: step.id };
      break;
    }
    case "link-plan": {
      const plan = await prisma.activityPlan.findFirst({ where: { id: input.planId, userId: actor.userId }, select: { id: true } });
      if (!plan) return failFields({ planId: ["Choose one of your activity plans"] });
      data = { goalId, kind: "PLAN", planId: plan.id };
      same = { planId: plan.id };
      break;
    }
    case "link-thread": {
      const id = threadIdFrom(input.thread);
      const thread = id ? await prisma.thread.findFirst({ where: { AND: [{ id }, visibleThreadsWhere(actor)] }, select: { id: true } }) : null;
      if (!thread) return failFields({ thread: ["Paste the address of a forum thread you can read, such as https://…/t/abc123/its-title"] });
      data = { goalId, kind: "THREAD", threadId: thread.id };
      same = { threadId: thread.id };
      break;
    }
    case "link-evidence":
      data = { goalId, kind: "EVIDENCE", url: input.url, label: input.label ?? "" };
      same = { url: input.url };
      break;
  }
  const existing = await prisma.goalLink.findFirst({ where: { goalId, ...same }, select: { id: true } });
  if (existing) return ok({ already: true });
  await prisma.goalLink.create({ data, select: { id: true } });
  return ok({ already: false });
}

export async function removeGoalLink(actor: MemberActor, goalId: string, linkId: string): Promise<Result> {
  const goal = await ownOpenGoal(actor, goalId);
  if (!goal.ok) return goal;
  const { count } = await prisma.goalLink.deleteMany({ where: { id: linkId, goalId } });
  return count === 1 ? ok(null) : fail("not-found", "That link is no longer on this goal.");
}

/**
 * Ends a goal as achieved, changed or dropped, with a reflection; an achieved
 * goal may carry a commitment to change, followed up at 30 and 90 days.
 */
export async function endGoal(
  actor: MemberActor,
  goalId: string,
  input: { ending: "ACHIEVED" | "CHANGED" | "DROPPED"; reflection: string; commitment?: string },
  timeZone: string,
  now: Date,
): Promise<Result<{ committed: boolean }>> {
  if (input.commitment && input.ending !== "ACHIEVED") {
    return failFields({ commitment: ["A commitment follows an achieved goal: choose Achieved, or clear this field."] });
  }
  const ended = await prisma.$transaction(async (tx) => {
    const { count } = await tx.goal.updateMany({
      where: { id: goalId, userId: actor.userId, status: "OPEN" },
      data: { status: input.ending, reflection: input.reflection, endedAt: now },
    });
    if (count !== 1) return false;
    if (input.commitment) await writeCommitment(tx, { userId: actor.userId, text: input.commitment, goalId }, timeZone, now);
    return true;
  });
  if (!ended) {
    const exists = await prisma.goal.findFirst({ where: { id: goalId, userId: actor.userId }, select: { id: true } });
    return exists ? fail("conflict", "This goal has already ended.") : fail("not-found", "There is no such goal among yours.");
  }
  return ok({ committed: Boolean(input.commitment) });
}

/** The areas of the member's own goals (one, or all), as the member may read them now: one query. */
async function ownGoalAreas(actor: MemberActor, goalId?: string): Promise<Map<string, AreaJson[]>> {
  const rows = await prisma.$queryRaw<{ id: string; areas: unknown }[]>`
    SELECT g."id", ${goalAreasJsonSql(actor, Prisma.raw("g"))} AS "areas"
      FROM "Goal" g
     WHERE ${visibleGoalsSql({ kind: "owner", userId: actor.userId }, Prisma.raw("g"))}
       ${goalId ? Prisma.sql`AND g."id" = ${goalId}` : Prisma.empty}
       AND cardinality(g."areaSlugs") > 0`;
  return new Map(rows.map((row) => [row.id, parsedJson<AreaJson[]>(row.areas)]));
}

// ─── Reading one goal ────────────────────────────────────────────────────────

export interface GoalLinkView {
  id: string;
  kind: GoalLinkKind;
  label: string;
  href: string | null;
  /** For evidence: the address, shown beside its label. */
  url: string | null;
}

export interface GoalDetail extends GoalSummary {
  /** The stored area values for the edit form (slugs, or keys when withheld). */
  links: GoalLinkView[];
  notes: { id: string; on: string; body: string }[];
  comments: { id: string; reviewerName: string; on: string; body: string }[];
  advice: GoalAdvice[];
}

/** One of the member's own goals, whole. */
export async function getGoal(actor: MemberActor, goalId: string, timeZone: string, now: Date): Promise<GoalDetail | null> {
  const [row, areaLists] = await Promise.all([
    prisma.goal.findFirst({
    where: { id: goalId, ...visibleGoalsWhere({ kind: "owner", userId: actor.userId }) },
    select: {
      ...SUMMARY_SELECT,
      links: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          kind: true,
          url: true,
          label: true,
          step: { select: { key: true, title: true, pathway: { select: { slug: true, title: true } } } },
          plan: { select: { id: true, title: true } },
          thread: { select: { id: true, slug: true, title: true } },
          threadId: true,
        },
      },
      notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, body: true, createdAt: true } },
      comments: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, reviewerName: true, body: true, createdAt: true } },
    },
    }),
    ownGoalAreas(actor, goalId),
  ]);
  if (!row) return null;
  // Threads the member can no longer read are named as such, not by their title.
  const threadIds = row.links.flatMap((link) => (link.threadId ? [link.threadId] : []));
  const readableThreads = threadIds.length
    ? new Set(
        (await prisma.thread.findMany({ where: { AND: [{ id: { in: threadIds } }, visibleThreadsWhere(actor)] }, select: { id: true } })).map(
          (thread) => thread.id,
        ),
      )
    : new Set<string>();
  const areas = areaLists.get(row.id) ?? [];
  const { name, keys } = await areaReading([areas]);
  const on = (date: Date) => formatLongDateIn(date, timeZone);
  const summary = summaryOf(row, name(areas), dayIn(timeZone, now), timeZone);
  const links: GoalLinkView[] = row.links.map((link) => {
    if (link.step) {
      return { id: link.id, kind: link.kind, label: `${link.step.pathway.title}: ${link.step.title}`, href: `/pathways/${link.step.pathway.slug}/steps/${link.step.key}`, url: null };
    }
    if (link.plan) return { id: link.id, kind: link.kind, label: link.plan.title, href: `/me/plans/${link.plan.id}`, url: null };
    if (link.thread) {
      return readableThreads.has(link.thread.id)
        ? { id: link.id, kind: link.kind, label: link.thread.title, href: threadPath(link.thread), url: null }
        : { id: link.id, kind: link.kind, label: "A thread you can no longer read", href: null, url: null };
    }
    return { id: link.id, kind: link.kind, label: link.label || link.url || "Evidence", href: link.url, url: link.url };
  });
  return withholdAreaSlugs<GoalDetail>(
    {
      ...summary,
      links,
      notes: row.notes.map((note) => ({ id: note.id, on: on(note.createdAt), body: note.body })),
      comments: row.comments.map((comment) => ({ id: comment.id, reviewerName: comment.reviewerName, on: on(comment.createdAt), body: comment.body })),
      advice: row.status === "OPEN" ? adviseOnGoal({ outcome: row.outcome, dueOn: summary.dueOn, areaCount: row.areaSlugs.length }) : [],
    },
    keys,
  );
}

// ─── Reviewers ───────────────────────────────────────────────────────────────

/** The member's goals a reviewer may see, each with the comments that reviewer wrote (only theirs). */
export async function listGoalsForReviewer(reviewer: MemberActor, ownerId: string, now: Date) {
  const viewer: GoalViewer = { kind: "reviewer", ownerId, reviewerId: reviewer.userId };
  // Dated in the member's time zone (listGoals reads it).
  const goals = await listGoals(viewer, reviewer, { now, take: 100 });
  if (goals.length === 0) return [];
  const comments = await prisma.goalComment.findMany({
    where: { goalId: { in: goals.map((goal) => goal.id) }, reviewerId: reviewer.userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, goalId: true, body: true, createdAt: true },
  });
  return goals.map((goal) => ({
    ...goal,
    myComments: comments
      .filter((comment) => comment.goalId === goal.id)
      .map((comment) => ({ id: comment.id, body: comment.body, on: formatLongDateIn(comment.createdAt, readerTimeZone(reviewer)) })),
  }));
}

/** A reviewer's comment on a goal they may see: the member reads it, nobody else. */
export async function addGoalComment(reviewer: MemberActor, ownerId: string, goalId: string, body: string, now: Date): Promise<Result> {
  const goal = await prisma.goal.findFirst({
    where: { AND: [{ id: goalId }, visibleGoalsWhere({ kind: "reviewer", ownerId, reviewerId: reviewer.userId })] },
    select: { id: true },
  });
  if (!goal) return fail("not-found", "That goal is not shared with you.");
  await prisma.goalComment.create({
    data: { goalId, reviewerId: reviewer.userId, reviewerName: reviewer.displayName, body, createdAt: now },
    select: { id: true },
  });
  return ok(null);
}

/** Whether reviewers may see the member's goals (Reviewers page). */
export async function getGoalsForReviewers(userId: string): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { goalsForReviewers: true } });
  return user?.goalsForReviewers ?? false;
}

export async function setGoalsForReviewers(userId: string, allowed: boolean): Promise<void> {
  await prisma.user.updateMany({ where: { id: userId }, data: { goalsForReviewers: allowed } });
}

// ─── Exports ─────────────────────────────────────────────────────────────────

export interface GoalExportRow {
  goalId: string;
  title: string;
  outcome: string;
  dueOn: string | null;
  status: string;
  areas: string;
  startedAt: string;
  endedAt: string | null;
  reflection: string;
  progressNotes: { at: string; note: string }[];
  links: { kind: string; label: string; url: string | null }[];
}

/** The member's goals for the CSV and JSON downloads, oldest first. */
export async function exportGoals(actor: MemberActor): Promise<GoalExportRow[]> {
  const [rows, areaLists] = await Promise.all([
    prisma.goal.findMany({
    where: visibleGoalsWhere({ kind: "owner", userId: actor.userId }),
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      ...SUMMARY_SELECT,
      notes: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { body: true, createdAt: true } },
      links: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          kind: true,
          url: true,
          label: true,
          step: { select: { title: true, pathway: { select: { title: true } } } },
          plan: { select: { title: true } },
          thread: { select: { title: true } },
        },
      },
    },
    }),
    ownGoalAreas(actor),
  ]);
  const { name } = await areaReading([...areaLists.values()]);
  return rows.map((row) => ({
    goalId: row.id,
    title: row.title,
    outcome: row.outcome,
    dueOn: row.dueOn ? dateToDay(row.dueOn) : null,
    status: GOAL_STATUS_LABELS[row.status],
    areas: name(areaLists.get(row.id) ?? [])
      .map((area) => area.name)
      .join("; "),
    startedAt: row.createdAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    reflection: row.reflection,
    progressNotes: row.notes.map((note) => ({ at: note.createdAt.toISOString(), note: note.body })),
    links: row.links.map((link) => ({
      kind: link.kind.toLowerCase(),
      label: link.step ? `${link.step.pathway.title}: ${link.step.title}` : (link.plan?.title ?? link.thread?.title ?? (link.label || link.url || "")),
      url: link.url,
    })),
  }));
}

/** What a goal can link to: steps of the pathways the member follows, and their activity plans. */
export async function linkChoices(actor: MemberActor) {
  const [steps, plans] = await Promise.all([
    prisma.pathwayStep.findMany({
      where: { archivedAt: null, pathway: { enrolments: { some: { userId: actor.userId } } } },
      orderBy: [{ pathway: { title: "asc" } }, { position: "asc" }],
      take: 300,
      select: { id: true, title: true, pathway: { select: { title: true } } },
    }),
    prisma.activityPlan.findMany({
      where: { userId: actor.userId },
      orderBy: { updatedAt: "desc" },
      take: 100,
      select: { id: true, title: true },
    }),
  ]);
  return {
    steps: steps.map((step) => ({ value: step.id, label: `${step.pathway.title}: ${step.title}` })),
    plans: plans.map((plan) => ({ value: plan.id, label: plan.title })),
  };
}
