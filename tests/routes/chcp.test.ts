import { beforeAll, describe, expect, it } from "vitest";
import { completeStep } from "~/domain/pathways/pathways.server";
import { prisma } from "~/utils/db.server";
import { expectOk } from "~/utils/result";
import { seed } from "../../prisma/seed";
import { flashOf } from "../fixtures/flash";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { loader as logLoader } from "~/routes/credentials/me.chcp._index";
import { action as credentialAction, loader as credentialLoader } from "~/routes/credentials/me.chcp.credential";
import { action as newAction, loader as newLoader } from "~/routes/credentials/me.chcp.entries.new";
import { action as editAction, loader as editLoader } from "~/routes/credentials/me.chcp.entries.$entryId";
import { loader as summaryLoader } from "~/routes/credentials/me.chcp.summary";
import { loader as csvLoader } from "~/routes/credentials/me.chcp[.]csv";
import { loader as homeLoader } from "~/routes/site/home";
import { loader as profileLoader } from "~/routes/competencies/me.competencies._index";

beforeAll(async () => {
  await seed();
});

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

async function redirected(promise: Promise<unknown>) {
  const response = (await promise) as Response;
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(302);
  return { location: response.headers.get("Location")!, flash: await flashOf(response) };
}

const post = <T,>(handler: (args: ReturnType<typeof routeArgs>) => T, url: string, member: TestMember | null, form: Record<string, string>, params = {}) =>
  handler(routeArgs(url, { cookie: member?.cookie ?? null, form, params }));
const get = <T,>(handler: (args: ReturnType<typeof routeArgs>) => T, url: string, member: TestMember | null, params = {}) =>
  handler(routeArgs(url, { cookie: member?.cookie ?? null, params }));

const entry = { kind: "EDUCATION", occurredOn: "2025-06-01", hours: "12", description: "Outcomes webinar series", evidence: "https://example.org/certificate" };

async function withDates(member: TestMember) {
  await redirected(post(credentialAction, "/me/chcp/credential", member, { intent: "save", earnedOn: "2022-01-10", cycleStartOn: "2025-01-10" }));
}

describe("the CHCP log pages", () => {
  it("send visitors to log in", async () => {
    for (const [handler, url] of [
      [logLoader, "/me/chcp"],
      [credentialLoader, "/me/chcp/credential"],
      [newLoader, "/me/chcp/entries/new"],
      [summaryLoader, "/me/chcp/summary"],
      [csvLoader, "/me/chcp.csv"],
    ] as const) {
      const response = await thrown(get(handler as typeof logLoader, url, null));
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toContain("/login");
    }
  });

  it("records the dates, refusing impossible ones beside their field and keeping what was typed", async () => {
    const member = await createTestMember();
    const refused = await post(credentialAction, "/me/chcp/credential", member, { intent: "save", earnedOn: "2024-05-01", cycleStartOn: "2023-05-01" });
    expect(refused).toMatchObject({
      init: { status: 400 },
      data: { error: { cycleStartOn: ["A cycle cannot start before you earned the credential."] }, initialValue: { earnedOn: "2024-05-01", cycleStartOn: "2023-05-01" } },
    });
    const malformed = await post(credentialAction, "/me/chcp/credential", member, { intent: "save", earnedOn: "2024-02-30", cycleStartOn: "" });
    expect(malformed).toMatchObject({ init: { status: 400 }, data: { error: { earnedOn: [expect.stringContaining("real date")], cycleStartOn: [expect.any(String)] } } });
    expect(await prisma.chcpCredential.count({ where: { userId: member.userId } })).toBe(0);

    const saved = await redirected(post(credentialAction, "/me/chcp/credential", member, { intent: "save", earnedOn: "2024-02-29", cycleStartOn: "2024-02-29" }));
    expect(saved).toEqual({ location: "/me/chcp", flash: "Your CHCP dates are saved. Your current cycle ends on February 28, 2027." });
    const page = await get(logLoader, "/me/chcp", member);
    expect(page.credential).toMatchObject({ cycleStartOn: "2024-02-29", expiresOn: "2027-02-28" });
  });

  it("adds, edits and deletes entries with field-level errors; Section 1 is complete at 20 hours of education", async () => {
    const member = await createTestMember();
    await withDates(member);
    const missing = await post(newAction, "/me/chcp/entries/new", member, { ...entry, hours: "" });
    expect(missing).toMatchObject({
      init: { status: 400 },
      data: { error: { hours: ["Enter the hours of informal education."] }, initialValue: { description: "Outcomes webinar series" } },
    });
    expect(await redirected(post(newAction, "/me/chcp/entries/new", member, entry))).toEqual({
      location: "/me/chcp",
      flash: "Added to your log: Outcomes webinar series",
    });
    await redirected(post(newAction, "/me/chcp/entries/new", member, { ...entry, hours: "8", occurredOn: "2025-09-01" }));
    let page = await get(logLoader, "/me/chcp", member);
    expect(page.progress[0]).toMatchObject({ complete: true });
    const id = page.sections[0]!.entries[0]!.id;

    expect((await get(editLoader, `/me/chcp/entries/${id}`, member, { entryId: id })).entry).toMatchObject({ hours: 12 });
    await redirected(post(editAction, `/me/chcp/entries/${id}`, member, { intent: "save", ...entry, hours: "2" }, { entryId: id }));
    page = await get(logLoader, "/me/chcp", member);
    expect(page.progress[0]).toMatchObject({ complete: false });
    expect(page.progress[0]!.status).toContain("10 hours logged, 10 hours to go");

    await redirected(post(editAction, `/me/chcp/entries/${id}`, member, { intent: "delete" }, { entryId: id }));
    expect(await prisma.chcpEntry.count({ where: { userId: member.userId } })).toBe(1);
  });

  it("never shows or changes another member's log", async () => {
    const owner = await createTestMember();
    const other = await createTestMember();
    await withDates(owner);
    await redirected(post(newAction, "/me/chcp/entries/new", owner, { ...entry, description: "Private note of the owner" }));
    const [ownEntry] = await prisma.chcpEntry.findMany({ where: { userId: owner.userId }, select: { id: true } });
    const id = ownEntry!.id;

    expect((await thrown(get(editLoader, `/me/chcp/entries/${id}`, other, { entryId: id }))).status).toBe(404);
    expect((await thrown(post(editAction, `/me/chcp/entries/${id}`, other, { intent: "save", ...entry, hours: "1" }, { entryId: id }))).status).toBe(404);
    expect((await thrown(post(editAction, `/me/chcp/entries/${id}`, other, { intent: "delete" }, { entryId: id }))).status).toBe(404);
    expect(await prisma.chcpEntry.findUnique({ where: { id }, select: { hours: true } })).toEqual({ hours: 12 });

    const page = await get(logLoader, "/me/chcp", other);
    expect(page.entryCount).toBe(0);
    expect(page.credential).toBeNull();
    expect((await get(summaryLoader, "/me/chcp/summary", other)).sections.flatMap((section) => section.entries)).toEqual([]);
    expect(await ((await get(csvLoader, "/me/chcp.csv", other)) as Response).text()).not.toContain("Private note of the owner");
    expect((await get(homeLoader, "/home", other)).chcp).toBeNull();
    expect((await get(profileLoader, "/me/competencies", other)).chcp).toBeNull();
  });

  it("adds a completed pathway step in one click, the member choosing kind and hours; another member's step is not found", async () => {
    const member = await createTestMember();
    const other = await createTestMember();
    expectOk(await completeStep(member.actor, { slug: "newcomer-onboarding", key: "cme-fundamentals" }, { reflection: "Made a glossary.", evidenceUrl: "https://example.org/glossary" }));
    const { completionId } = (await get(logLoader, "/me/chcp", member)).steps[0]!;
    const url = `/me/chcp/entries/new?completion=${completionId}`;

    expect((await thrown(get(newLoader, url, other))).status).toBe(404);
    const form = await get(newLoader, url, member);
    expect(form.step).toMatchObject({ completionId, evidenceUrl: "https://example.org/glossary" });

    await redirected(post(newAction, url, member, { kind: "EDUCATION", occurredOn: form.step!.completedOn, hours: "1.5", description: form.step!.stepTitle, completion: completionId }));
    const page = await get(logLoader, "/me/chcp", member);
    expect(page.steps).toEqual([]);
    expect(page.sections[0]!.entries[0]).toMatchObject({ hours: 1.5, fromStep: { href: "/pathways/newcomer-onboarding/steps/cme-fundamentals" } });
    expect((await get(homeLoader, "/home", member)).chcp).toBeNull(); // no dates recorded yet: no panel
  });

  it("exports a CSV grouped by section with the Alliance note, and a summary; home and profile show progress", async () => {
    const member = await createTestMember();
    await withDates(member);
    await redirected(post(newAction, "/me/chcp/entries/new", member, { ...entry, kind: "WORK_PERIOD", hours: "", years: "3", description: "=HYPERLINK(\"x\") CPD manager" }));
    await redirected(post(newAction, "/me/chcp/entries/new", member, { ...entry, hours: "20", description: "Conference sessions, one, two" }));
    await redirected(post(newAction, "/me/chcp/entries/new", member, { ...entry, occurredOn: "2024-12-31", description: "Before the cycle" }));

    const response = (await get(csvLoader, "/me/chcp.csv", member)) as Response;
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toContain("chcp-log.csv");
    const lines = (await response.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Section,Date,Kind,Hours,Years,Description,Evidence,Counted this cycle,From pathway step");
    expect(lines[1]).toContain("https://www.acehp.org/Recognition/Recertification");
    expect(lines[1]).toContain("not affiliated");
    const body = lines.slice(3).filter(Boolean);
    expect(body.map((line) => line.split(",")[0])).toEqual([
      "Section 1: informal education or engagement",
      "Section 2: healthcare CPD work",
      "Section 1: informal education or engagement",
      "Section 1: informal education or engagement",
      "Section 2: healthcare CPD work",
    ]);
    expect(body[0]).toContain('"Conference sessions, one, two"');
    expect(body[1]).toContain(`"'=HYPERLINK(""x"") CPD manager"`);
    expect(body[2]).toContain("No: outside the current cycle");
    expect(body[3]).toContain("Complete in your log: 20 hours of informal education.");

    const summary = await get(summaryLoader, "/me/chcp/summary", member);
    expect(summary.progress.map((section) => section.complete)).toEqual([true, true]);
    expect(summary.rules.source).toBe("https://www.acehp.org/Recognition/Recertification");
    expect((await get(homeLoader, "/home", member)).chcp!.progress.map((section) => section.complete)).toEqual([true, true]);
    expect((await get(profileLoader, "/me/competencies", member)).chcp!.credential.expiresOn).toBe("2028-01-10");
  });
});
