/**
 * The CHCP® recertification log: the member's credential dates, their log
 * entries, progress toward each section of the rules in force
 * (rules.server.ts), and the completed pathway steps they may add.
 *
 * Private: every read and write is keyed on the signed-in member
 * (policy.ts), so another member's entry is simply not found. The site adds
 * up what the member logged and decides nothing about what counts.
 */
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import type { ChcpEntryKind } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { now as clockNow } from "~/utils/clock.server";
import { fail, failFields, ok, type FieldErrors, type Result } from "~/utils/result";
import { addMonths, addYears, daysBetween, fromIsoDate, isIsoDate, todayIn, toIsoDate, zonedInstant, type IsoDate } from "./calendar";
import { ownChcpWhere } from "./policy";
import { kindRule, sectionOfKind, sectionProgress, type CredentialRules, type EntryKind, type SectionProgress } from "./rules";
import { chcpRules } from "./rules.server";
import type { CredentialInput, EntryInput } from "./schemas";

/** Reminder emails go out at this hour of the member's day. */
export const REMINDER_HOUR = 9;

const NO_SUCH_ENTRY = fail("not-found", "There is no such entry in your log.");

export interface CredentialView {
  earnedOn: IsoDate;
  cycleStartOn: IsoDate;
  expiresOn: IsoDate;
  /** Days from today (in the member's time zone) to the expiry; negative once expired. */
  daysLeft: number;
  expired: boolean;
  /** The reminder emails, in order, and whether each is still to come. */
  reminders: { monthsBefore: number; on: IsoDate; upcoming: boolean }[];
}

export interface EntryView {
  id: string;
  kind: EntryKind;
  kindLabel: string;
  occurredOn: IsoDate;
  hours: number | null;
  years: number | null;
  description: string;
  evidence: string;
  /** The pathway step it was added from, when it still exists. */
  fromStep: { title: string; pathwayTitle: string; href: string } | null;
}

export interface LogSection {
  key: string;
  title: string;
  entries: EntryView[];
}

export interface ChcpLog {
  rules: CredentialRules;
  today: IsoDate;
  timeZone: string;
  /** The member's reminder switch (Settings → Email). */
  reminderEmails: boolean;
  credential: CredentialView | null;
  /** Progress from the entries of the current cycle (every entry while no dates are recorded). */
  progress: SectionProgress[];
  /** Entries that count toward the current cycle, by section. */
  sections: LogSection[];
  /** Entries dated before the cycle started or after it ends. */
  outside: EntryView[];
  entryCount: number;
}

const entrySelect = {
  id: true,
  kind: true,
  occurredOn: true,
  hours: true,
  years: true,
  description: true,
  evidence: true,
  stepCompletion: { select: { step: { select: { key: true, title: true, pathway: { select: { slug: true, title: true } } } } } },
} as const;

type EntryRow = {
  id: string;
  kind: ChcpEntryKind;
  occurredOn: Date;
  hours: number | null;
  years: number | null;
  description: string;
  evidence: string;
  stepCompletion: { step: { key: string; title: string; pathway: { slug: string; title: string } } } | null;
};

function toEntryView(rules: CredentialRules, row: EntryRow): EntryView {
  const step = row.stepCompletion?.step;
  return {
    id: row.id,
    kind: row.kind,
    kindLabel: kindRule(rules, row.kind).label,
    occurredOn: toIsoDate(row.occurredOn),
    hours: row.hours,
    years: row.years,
    description: row.description,
    evidence: row.evidence,
    fromStep: step ? { title: step.title, pathwayTitle: step.pathway.title, href: `/pathways/${step.pathway.slug}/steps/${step.key}` } : null,
  };
}

function credentialView(
  rules: CredentialRules,
  record: { earnedOn: Date; cycleStartOn: Date; expiresOn: Date },
  today: IsoDate,
  timeZone: string,
  now: Date,
): CredentialView {
  const expiresOn = toIsoDate(record.expiresOn);
  const daysLeft = daysBetween(today, expiresOn);
  return {
    earnedOn: toIsoDate(record.earnedOn),
    cycleStartOn: toIsoDate(record.cycleStartOn),
    expiresOn,
    daysLeft,
    expired: daysLeft < 0,
    reminders: [...rules.remindMonthsBefore]
      .sort((a, b) => b - a)
      .map((monthsBefore) => {
        const on = addMonths(expiresOn, -monthsBefore);
        return { monthsBefore, on, upcoming: zonedInstant(on, REMINDER_HOUR, timeZone) > now };
      }),
  };
}

const inCycle = (credential: { cycleStartOn: IsoDate; expiresOn: IsoDate } | null, date: IsoDate) =>
  !credential || (date >= credential.cycleStartOn && date <= credential.expiresOn);

/** The member's whole log, for the log page and the exports. Two queries. */
export async function getChcpLog(actor: MemberActor, now = clockNow()): Promise<ChcpLog> {
  const [user, rows] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: actor.userId },
      select: { timeZone: true, reminderEmails: true, chcpCredential: { select: { earnedOn: true, cycleStartOn: true, expiresOn: true } } },
    }),
    // ChcpEntry(userId, occurredOn) index.
    prisma.chcpEntry.findMany({ where: ownChcpWhere(actor), orderBy: [{ occurredOn: "asc" }, { createdAt: "asc" }], select: entrySelect }),
  ]);
  const today = todayIn(user.timeZone, now);
  const rules = chcpRules(today);
  const credential = user.chcpCredential ? credentialView(rules, user.chcpCredential, today, user.timeZone, now) : null;
  const entries = rows.map((row) => toEntryView(rules, row));
  const counted = entries.filter((entry) => inCycle(credential, entry.occurredOn));
  const sections = rules.sections.map((section) => ({
    key: section.key,
    title: section.title,
    entries: counted.filter((entry) => sectionOfKind(rules, entry.kind)?.key === section.key),
  }));
  return {
    rules,
    today,
    timeZone: user.timeZone,
    reminderEmails: user.reminderEmails,
    credential,
    progress: sectionProgress(rules, counted),
    sections,
    outside: entries.filter((entry) => !inCycle(credential, entry.occurredOn)),
    entryCount: entries.length,
  };
}

export interface ChcpOverview {
  credential: Pick<CredentialView, "expiresOn" | "daysLeft" | "expired" | "cycleStartOn">;
  progress: SectionProgress[];
  sourceUrl: string;
}

/**
 * The member's credential dates and the kinds and amounts of the entries in
 * its current cycle, as one JSON value (null without a credential): an
 * expression for a SELECT list over "User" u, so a page reads it in the same
 * round trip as its other panels (pages/). Read back with `chcpOverviewFrom`.
 */
export function chcpOverviewJsonSql(user: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
    SELECT json_build_object(
             'earnedOn', to_char(c."earnedOn", 'YYYY-MM-DD'),
             'cycleStartOn', to_char(c."cycleStartOn", 'YYYY-MM-DD'),
             'expiresOn', to_char(c."expiresOn", 'YYYY-MM-DD'),
             'entries', COALESCE((
               -- ChcpEntry(userId, occurredOn) index.
               SELECT json_agg(json_build_object('kind', e."kind", 'hours', e."hours", 'years', e."years"))
                 FROM "ChcpEntry" e
                WHERE e."userId" = c."userId" AND e."occurredOn" BETWEEN c."cycleStartOn" AND c."expiresOn"), '[]'::json))
      FROM "ChcpCredential" c WHERE c."userId" = ${user}."id")`;
}

type ChcpOverviewJson = {
  earnedOn: string;
  cycleStartOn: string;
  expiresOn: string;
  entries: { kind: ChcpEntryKind; hours: number | null; years: number | null }[];
};

/** The overview from what `chcpOverviewJsonSql` read, in the member's time zone; null for a member who keeps no log. */
export function chcpOverviewFrom(value: unknown, timeZone: string, now: Date): ChcpOverview | null {
  if (value === null || value === undefined) return null;
  const json = (typeof value === "string" ? JSON.parse(value) : value) as ChcpOverviewJson;
  const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
  const record = { earnedOn: day(json.earnedOn), cycleStartOn: day(json.cycleStartOn), expiresOn: day(json.expiresOn) };
  const today = todayIn(timeZone, now);
  const rules = chcpRules(today);
  const view = credentialView(rules, record, today, timeZone, now);
  return {
    credential: { expiresOn: view.expiresOn, daysLeft: view.daysLeft, expired: view.expired, cycleStartOn: view.cycleStartOn },
    progress: sectionProgress(rules, json.entries),
    sourceUrl: rules.source,
  };
}

/**
 * What the home page and the competency profile show: progress toward each
 * section in the current cycle, or null for a member who keeps no CHCP log.
 * One query, keyed on the signed-in member (`ownChcpWhere`'s rule); only the
 * columns progress needs.
 */
export async function getChcpOverview(actor: Pick<MemberActor, "userId">, now = clockNow()): Promise<ChcpOverview | null> {
  const [row] = await prisma.$queryRaw<{ timeZone: string; chcp: unknown }[]>`
    SELECT u."timeZone", ${chcpOverviewJsonSql(Prisma.raw("u"))} AS "chcp" FROM "User" u WHERE u."id" = ${ownChcpWhere(actor).userId}`;
  return row ? chcpOverviewFrom(row.chcp, row.timeZone, now) : null;
}

/** The member's credential dates, for the form. */
export async function getCredentialForm(actor: MemberActor, now = clockNow()) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: { timeZone: true, chcpCredential: { select: { earnedOn: true, cycleStartOn: true, expiresOn: true } } },
  });
  const today = todayIn(user.timeZone, now);
  const rules = chcpRules(today);
  const record = user.chcpCredential;
  return {
    today,
    cycleYears: rules.cycleYears,
    values: record
      ? { earnedOn: toIsoDate(record.earnedOn), cycleStartOn: toIsoDate(record.cycleStartOn), expiresOn: toIsoDate(record.expiresOn) }
      : null,
  };
}

/** Records or changes the member's credential dates. The expiry defaults to the end of a full cycle. */
export async function saveCredential(actor: MemberActor, input: CredentialInput, now = clockNow()): Promise<Result<{ expiresOn: IsoDate }>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } });
  const today = todayIn(user.timeZone, now);
  const rules = chcpRules(today);
  const expiresOn = input.expiresOn ?? addYears(input.cycleStartOn, rules.cycleYears);
  const errors: FieldErrors = {};
  if (input.earnedOn > today) errors.earnedOn = ["This date is in the future: enter the day you earned the credential."];
  if (input.cycleStartOn < input.earnedOn) errors.cycleStartOn = ["A cycle cannot start before you earned the credential."];
  else if (input.cycleStartOn > today) errors.cycleStartOn = ["This date is in the future: enter the first day of your current cycle."];
  if (!isIsoDate(expiresOn)) errors.expiresOn = ["Enter a real date, written YYYY-MM-DD."];
  else if (expiresOn <= input.cycleStartOn) errors.expiresOn = ["The expiry must come after the start of the cycle."];
  else if (expiresOn > addYears(input.cycleStartOn, rules.cycleYears + 1)) {
    errors.expiresOn = [`That is more than a year past a ${rules.cycleYears}-year cycle: check the date on your certificate.`];
  }
  if (Object.keys(errors).length) return failFields(errors);
  const dates = { earnedOn: fromIsoDate(input.earnedOn), cycleStartOn: fromIsoDate(input.cycleStartOn), expiresOn: fromIsoDate(expiresOn) };
  await prisma.chcpCredential.upsert({
    where: { userId: actor.userId },
    create: { userId: actor.userId, ...dates },
    update: dates,
    select: { userId: true },
  });
  return ok({ expiresOn });
}

/** Stops keeping the log: the credential record and every entry go, in one transaction. */
export async function deleteChcpLog(actor: MemberActor): Promise<Result<null>> {
  await prisma.$transaction([
    prisma.chcpEntry.deleteMany({ where: ownChcpWhere(actor) }),
    prisma.chcpCredential.deleteMany({ where: ownChcpWhere(actor) }),
  ]);
  return ok(null);
}

/** The field errors of an entry that the rule set decides: which amount its kind takes. */
function checkAmounts(rules: CredentialRules, input: EntryInput): FieldErrors {
  const kind = kindRule(rules, input.kind);
  const label = kind.label.toLowerCase();
  const errors: FieldErrors = {};
  if (kind.unit === "hours") {
    if (input.hours === undefined) errors.hours = [`Enter the hours of ${label}.`];
    if (input.years !== undefined) errors.years = [`${kind.label} is logged in hours: leave years empty.`];
  } else if (kind.unit === "years") {
    if (input.years === undefined) errors.years = [`Enter the years of ${label} (for example 0.5 for six months).`];
    if (input.hours !== undefined) errors.hours = [`${kind.label} is logged in years: leave hours empty.`];
  } else {
    const none = `A ${label} counts as one entry: leave hours and years empty.`;
    if (input.hours !== undefined) errors.hours = [none];
    if (input.years !== undefined) errors.years = [none];
  }
  return errors;
}

async function checkEntry(actor: MemberActor, input: EntryInput, now: Date): Promise<Result<{ completionId: string | null }>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } });
  const today = todayIn(user.timeZone, now);
  const errors = checkAmounts(chcpRules(today), input);
  if (input.occurredOn > today) errors.occurredOn = ["This date is in the future: log an activity once it has happened."];
  let completionId: string | null = null;
  if (input.completion) {
    // Only the member's own completed step: anything else is not found.
    const completion = await prisma.stepCompletion.findFirst({ where: { id: input.completion, userId: actor.userId }, select: { id: true } });
    if (!completion) return fail("not-found", "That completed pathway step is not in your record.");
    completionId = completion.id;
  }
  if (Object.keys(errors).length) return failFields(errors);
  return ok({ completionId });
}

const entryData = (input: EntryInput) => ({
  kind: input.kind,
  occurredOn: fromIsoDate(input.occurredOn),
  hours: input.hours ?? null,
  years: input.years ?? null,
  description: input.description,
  evidence: input.evidence ?? "",
});

export async function createEntry(actor: MemberActor, input: EntryInput, now = clockNow()): Promise<Result<{ id: string }>> {
  const checked = await checkEntry(actor, input, now);
  if (!checked.ok) return checked;
  const entry = await prisma.chcpEntry.create({
    data: { userId: actor.userId, ...entryData(input), stepCompletionId: checked.value.completionId },
    select: { id: true },
  });
  return ok(entry);
}

export async function updateEntry(actor: MemberActor, id: string, input: EntryInput, now = clockNow()): Promise<Result<null>> {
  const checked = await checkEntry(actor, { ...input, completion: undefined }, now);
  if (!checked.ok) return checked;
  const { count } = await prisma.chcpEntry.updateMany({ where: { ...ownChcpWhere(actor), id }, data: entryData(input) });
  return count ? ok(null) : NO_SUCH_ENTRY;
}

export async function deleteEntry(actor: MemberActor, id: string): Promise<Result<null>> {
  const { count } = await prisma.chcpEntry.deleteMany({ where: { ...ownChcpWhere(actor), id } });
  return count ? ok(null) : NO_SUCH_ENTRY;
}

/** One of the member's entries, for its edit form. */
export async function getEntry(actor: MemberActor, id: string, now = clockNow()): Promise<Result<EntryView>> {
  const row = await prisma.chcpEntry.findFirst({ where: { ...ownChcpWhere(actor), id }, select: entrySelect });
  if (!row) return NO_SUCH_ENTRY;
  return ok(toEntryView(chcpRules(toIsoDate(now)), row));
}

export interface CompletedStep {
  completionId: string;
  stepTitle: string;
  pathwayTitle: string;
  href: string;
  completedOn: IsoDate;
  evidenceUrl: string | null;
}

/** The member's completed pathway steps not yet in their log, newest first. */
export async function completedStepsToAdd(actor: MemberActor, only?: string): Promise<CompletedStep[]> {
  const [user, rows] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } }),
    // StepCompletion(userId, stepId) unique index; ChcpEntry(stepCompletionId) for "not yet added".
    prisma.stepCompletion.findMany({
      where: { userId: actor.userId, chcpEntries: { none: {} }, ...(only ? { id: only } : {}) },
      orderBy: { completedAt: "desc" },
      take: 50,
      select: {
        id: true,
        completedAt: true,
        evidenceUrl: true,
        step: { select: { key: true, title: true, pathway: { select: { slug: true, title: true } } } },
      },
    }),
  ]);
  return rows.map((row) => ({
    completionId: row.id,
    stepTitle: row.step.title,
    pathwayTitle: row.step.pathway.title,
    href: `/pathways/${row.step.pathway.slug}/steps/${row.step.key}`,
    completedOn: todayIn(user.timeZone, row.completedAt),
    evidenceUrl: row.evidenceUrl,
  }));
}

/** A new entry's form filled from a completed step; the member still chooses its kind and amount. */
export async function entryFromCompletion(actor: MemberActor, completionId: string): Promise<Result<CompletedStep>> {
  const [step] = await completedStepsToAdd(actor, completionId);
  return step ? ok(step) : fail("not-found", "That completed pathway step is not in your record, or is already in your log.");
}

/** Whether the member keeps a CHCP log (for links). */
export async function hasChcpRecord(actor: MemberActor): Promise<boolean> {
  return (await prisma.chcpCredential.count({ where: ownChcpWhere(actor) })) > 0;
}

/** Whether the member's log already has an entry from this completed step. */
export async function isCompletionInLog(actor: MemberActor, completionId: string): Promise<boolean> {
  // ChcpEntry(stepCompletionId) index.
  return (await prisma.chcpEntry.count({ where: { ...ownChcpWhere(actor), stepCompletionId: completionId } })) > 0;
}

/** The kinds of entry the rules in force describe, for the entry form. */
export function entryKindOptions(now = clockNow()) {
  return chcpRules(toIsoDate(now)).kinds.map((kind) => ({ value: kind.kind, label: kind.label, unit: kind.unit, hint: kind.hint }));
}

/** Today in the member's time zone (the new entry's default date). */
export async function memberToday(actor: MemberActor, now = clockNow()): Promise<IsoDate> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { timeZone: true } });
  return todayIn(user.timeZone, now);
}
