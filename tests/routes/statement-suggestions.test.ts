import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as suggestAction, loader as suggestLoader } from "~/routes/statements/statements.$id.suggest";
import { action as suggestionsAction, loader as suggestionsLoader } from "~/routes/statements/statements.$id.suggestions";
import { loader as versionLoader } from "~/routes/statements/statements.$id.versions.$number";
import { loader as versionsLoader } from "~/routes/statements/statements.$id.versions._index";
import { flashOf } from "../fixtures/flash";

const run = `rs${Math.random().toString(36).slice(2, 8)}`;
let count = 0;
const FIRST_TEXT = "We design education that improves care.";

async function openStatement(author: TestMember, associationId: string | null = null) {
  count += 1;
  const statement = await prisma.statement.create({
    data: {
      title: `Our purpose ${run} ${count}`,
      authorId: author.userId,
      associationId,
      status: "OPEN",
      versions: { create: { number: 1, text: FIRST_TEXT, textHtml: `<p>${FIRST_TEXT}</p>`, writtenById: author.userId } },
    },
    select: { id: true },
  });
  return statement.id;
}

async function associationWith(owner: TestMember) {
  count += 1;
  const created = await prisma.association.create({
    data: {
      slug: `${run}-a-${count}`,
      name: `Assoc ${run} ${count}`,
      description: "",
      descriptionHtml: "",
      memberCount: 1,
      memberships: { create: { userId: owner.userId, role: "OWNER" } },
    },
    select: { id: true },
  });
  return created.id;
}

/** The Response a loader or action threw or returned (redirects are returned, refusals thrown). */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    (value) => (value instanceof Response ? value : null),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** The body and status of an action's `data(…)` result. */
function unwrap(result: unknown): { status: number; body: Record<string, unknown> } {
  const value = result as { type?: string; data?: Record<string, unknown>; init?: { status?: number } };
  if (value && value.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data ?? {} };
  if (result instanceof Response) return { status: result.status, body: {} };
  return { status: 200, body: (result ?? {}) as Record<string, unknown> };
}

const suggestPath = (id: string) => `/statements/${id}/suggest`;
const suggestionsPath = (id: string) => `/statements/${id}/suggestions`;

async function postSuggestion(member: TestMember, id: string, form: Record<string, string>) {
  return suggestAction(routeArgs(suggestPath(id), { params: { id }, cookie: member.cookie, form }));
}

describe("who can see the suggestion and version pages", () => {
  it("answers 404 to non-members of an association's statement, on every page and action", async () => {
    const owner = await createTestMember();
    const outsider = await createTestMember();
    const id = await openStatement(owner, await associationWith(owner));
    for (const [loader, url, params] of [
      [suggestionsLoader, suggestionsPath(id), { id }],
      [suggestLoader, suggestPath(id), { id }],
      [versionsLoader, `/statements/${id}/versions`, { id }],
      [versionLoader, `/statements/${id}/versions/1`, { id, number: "1" }],
    ] as const) {
      expect((await thrown(loader(routeArgs(url, { params, cookie: outsider.cookie })))).status).toBe(404);
      expect((await thrown(loader(routeArgs(url, { params })))).status).toBe(404);
    }
    const refused = await thrown(
      postSuggestion(outsider, id, { baseVersion: "1", text: "Outsider text" }),
    );
    expect(refused.status).toBe(404);
  });

  it("lets a visitor read a community statement's suggestions and versions, and sends them to sign in to suggest", async () => {
    const author = await createTestMember();
    const id = await openStatement(author);
    const page = await suggestionsLoader(routeArgs(suggestionsPath(id), { params: { id } }));
    expect(page).toMatchObject({ canDecide: false, canSuggest: false, isMember: false });
    const version = await versionLoader(routeArgs(`/statements/${id}/versions/1`, { params: { id, number: "1" } }));
    expect(version).toMatchObject({ version: { number: 1, text: FIRST_TEXT }, previous: null });
    const login = await thrown(suggestLoader(routeArgs(suggestPath(id), { params: { id } })));
    expect(login.status).toBe(302);
    expect(login.headers.get("Location")).toContain("/login?redirectTo=");
    expect((await thrown(versionLoader(routeArgs(`/statements/${id}/versions/9`, { params: { id, number: "9" } })))).status).toBe(404);
  });
});

describe("suggesting", () => {
  it("prefills the current text and its version", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const page = await suggestLoader(routeArgs(suggestPath(id), { params: { id }, cookie: member.cookie }));
    expect(page).toMatchObject({ currentText: FIRST_TEXT, statement: { currentVersion: 1 } });
  });

  it("keeps the member's text and shows the current one when the statement moved on (409)", async () => {
    const author = await createTestMember();
    const first = await createTestMember();
    const late = await createTestMember();
    const id = await openStatement(author);
    const sent = await thrown(postSuggestion(first, id, { baseVersion: "1", text: "Version two text." }));
    expect(sent.status).toBe(302);
    const suggestion = await prisma.statementSuggestion.findFirstOrThrow({ where: { statementId: id }, select: { id: true } });
    await thrown(
      suggestionsAction(
        routeArgs(suggestionsPath(id), {
          params: { id },
          cookie: author.cookie,
          form: { intent: "accept", suggestionId: suggestion.id, currentVersionSeen: "1" },
        }),
      ),
    );

    const typed = "My carefully typed revision, written against version one.";
    const { status, body } = unwrap(await postSuggestion(late, id, { baseVersion: "1", text: typed, note: "tone" }));
    expect(status).toBe(409);
    expect(body.conflict).toEqual({ currentVersion: 2, currentText: "Version two text.", yourText: typed });
    expect(JSON.stringify(body.result)).toContain(typed);
    expect(await prisma.statementSuggestion.count({ where: { statementId: id, authorId: late.userId } })).toBe(0);
  });

  it("refuses the unchanged text with a field error, keeping the form", async () => {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    const { status, body } = unwrap(await postSuggestion(member, id, { baseVersion: "1", text: FIRST_TEXT }));
    expect(status).toBe(400);
    expect(JSON.stringify(body.result)).toContain("This is the current text");
  });

  it("sends the author to the edit page instead of the suggestion form", async () => {
    const author = await createTestMember();
    const id = await openStatement(author);
    const redirect = await thrown(suggestLoader(routeArgs(suggestPath(id), { params: { id }, cookie: author.cookie })));
    expect(redirect.headers.get("Location")).toBe(`/statements/${id}/edit`);
  });
});

describe("deciding", () => {
  async function pendingSuggestion() {
    const author = await createTestMember();
    const member = await createTestMember();
    const id = await openStatement(author);
    await thrown(postSuggestion(member, id, { baseVersion: "1", text: "A sharper statement.", note: "Sharper" }));
    const suggestion = await prisma.statementSuggestion.findFirstOrThrow({ where: { statementId: id }, select: { id: true } });
    return { author, member, id, suggestionId: suggestion.id };
  }

  it("answers 403 to a member who can see the statement but not decide", async () => {
    const { id, suggestionId } = await pendingSuggestion();
    const bystander = await createTestMember();
    const page = await suggestionsLoader(routeArgs(suggestionsPath(id), { params: { id }, cookie: bystander.cookie }));
    expect(page).toMatchObject({ canDecide: false, canSuggest: true });
    const forms: Record<string, string>[] = [
      { intent: "accept", suggestionId, currentVersionSeen: "1" },
      { intent: "decline", suggestionId, reason: "No" },
    ];
    for (const form of forms) {
      const refused = await thrown(
        suggestionsAction(routeArgs(suggestionsPath(id), { params: { id }, cookie: bystander.cookie, form })),
      );
      expect(refused.status).toBe(403);
    }
    expect(await prisma.statementSuggestion.count({ where: { id: suggestionId, status: "PENDING" } })).toBe(1);
  });

  it("accepts: the author lands on version 2, which credits the suggester and shows the diff", async () => {
    const { author, member, id, suggestionId } = await pendingSuggestion();
    const page = await suggestionsLoader(routeArgs(suggestionsPath(id), { params: { id }, cookie: author.cookie }));
    expect(page).toMatchObject({ canDecide: true, suggestions: [{ id: suggestionId, baseText: FIRST_TEXT }] });

    const done = await thrown(
      suggestionsAction(
        routeArgs(suggestionsPath(id), {
          params: { id },
          cookie: author.cookie,
          form: { intent: "accept", suggestionId, currentVersionSeen: "1" },
        }),
      ),
    );
    expect(done.headers.get("Location")).toBe(`/statements/${id}/versions/2`);
    expect(await flashOf(done)).toMatch(/it is now version 2/);
    const version = await versionLoader(routeArgs(`/statements/${id}/versions/2`, { params: { id, number: "2" } }));
    expect(version).toMatchObject({
      version: { number: 2, text: "A sharper statement.", writtenBy: { handle: member.handle }, acceptedBy: { handle: author.handle } },
      previous: { number: 1, text: FIRST_TEXT },
    });
    const versions = await versionsLoader(routeArgs(`/statements/${id}/versions`, { params: { id } }));
    expect(versions.versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it("needs a reason to decline (400, nothing changes), then declines with it", async () => {
    const { author, id, suggestionId } = await pendingSuggestion();
    const args = (reason: string) =>
      routeArgs(suggestionsPath(id), {
        params: { id },
        cookie: author.cookie,
        form: { intent: "decline", suggestionId, reason },
      });
    const { status, body } = unwrap(await suggestionsAction(args("  ")));
    expect(status).toBe(400);
    expect(body.suggestionId).toBe(suggestionId);
    expect(await prisma.statementSuggestion.count({ where: { id: suggestionId, status: "PENDING" } })).toBe(1);

    const done = await thrown(suggestionsAction(args("We keep the broader wording.")));
    expect(await flashOf(done)).toMatch(/^The suggestion was declined/);
    const page = await suggestionsLoader(routeArgs(suggestionsPath(id), { params: { id }, cookie: author.cookie }));
    expect(page.suggestions[0]).toMatchObject({ status: "DECLINED", declineReason: "We keep the broader wording." });
  });

  it("reports a conflict (409) when accepting a suggestion whose base is outdated", async () => {
    const { author, id, suggestionId } = await pendingSuggestion();
    const other = await createTestMember();
    await thrown(postSuggestion(other, id, { baseVersion: "1", text: "Another take." }));
    const second = await prisma.statementSuggestion.findFirstOrThrow({
      where: { statementId: id, authorId: other.userId },
      select: { id: true },
    });
    const accept = (suggestion: string, seen: string) =>
      suggestionsAction(
        routeArgs(suggestionsPath(id), {
          params: { id },
          cookie: author.cookie,
          form: { intent: "accept", suggestionId: suggestion, currentVersionSeen: seen },
        }),
      );
    await thrown(accept(suggestionId, "1"));
    const { status, body } = unwrap(await accept(second.id, "2"));
    expect(status).toBe(409);
    expect(body).toMatchObject({ suggestionId: second.id, conflict: true });
    const page = await suggestionsLoader(routeArgs(suggestionsPath(id), { params: { id }, cookie: author.cookie }));
    expect(page.suggestions.find((s) => s.id === second.id)).toMatchObject({ status: "PENDING", outdated: true });
  });
});
