import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createAssociation } from "../fixtures/forum";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as pageAction, loader as pageLoader } from "~/routes/statements/statements.$id._index";
import { action as detailsAction, loader as detailsLoader } from "~/routes/statements/statements.$id.details";
import { action as editAction, loader as editLoader } from "~/routes/statements/statements.$id.edit";
import { loader as listLoader } from "~/routes/statements/statements._index";
import { action as newAction, loader as newLoader } from "~/routes/statements/statements.new";
import { flashOf } from "../fixtures/flash";

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

type DataResult<T> = { init: { status: number }; data: T };

let count = 0;
/** A statement proposed through the form, then opened from its page. */
async function proposeThroughForm(author: TestMember, scope = "community", open = true) {
  count += 1;
  const response = (await newAction(
    routeArgs("/statements/new", {
      cookie: author.cookie,
      form: { scope, title: `We design learning ${count}`, text: "We design **learning** that changes practice.", rationale: "", endorsementThreshold: "" },
    }),
  )) as Response;
  expect(response.status).toBe(302);
  const id = response.headers.get("Location")!.split("/").pop()!;
  if (open) {
    const opened = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie, form: { intent: "open" } }),
    )) as Response;
    expect(opened.headers.get("Location")).toBe(`/statements/${id}`);
  }
  return id;
}

/** Signs `version` from the statement page. */
async function signVersion(member: TestMember, id: string, version: number) {
  const signed = (await pageAction(
    routeArgs(`/statements/${id}`, { params: { id }, cookie: member.cookie, form: { intent: "endorse", version: String(version), note: "" } }),
  )) as Response;
  expect(signed.status).toBe(302);
}

describe("proposing", () => {
  it("sends visitors to log in, preselects the association and keeps the text on bad input", async () => {
    const visitor = await thrown(newLoader(routeArgs("/statements/new")));
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);

    const member = await createTestMember();
    const association = await createAssociation([{ userId: member.userId }]);
    const page = await newLoader(routeArgs(`/statements/new?association=${association.slug}`, { cookie: member.cookie }));
    expect(page.scope).toBe(association.slug);
    expect(page.scopes.map((s) => s.value)).toEqual(["community", association.slug]);

    const bad = (await newAction(
      routeArgs("/statements/new", {
        cookie: member.cookie,
        form: { scope: "community", title: "Hi", text: "My careful words", rationale: "" },
      }),
    )) as unknown as DataResult<{ error: Record<string, string[]>; initialValue: Record<string, string> }>;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error.title).toBeDefined();
    expect(bad.data.initialValue.text).toBe("My careful words");
  });
});

describe("the statement page", () => {
  it("shows the text, consensus from 5 signals, and records a signal and an endorsement", async () => {
    const author = await createTestMember();
    const id = await proposeThroughForm(author);
    const members = await Promise.all(Array.from({ length: 5 }, () => createTestMember()));
    for (const [i, m] of members.entries()) {
      const response = (await pageAction(
        routeArgs(`/statements/${id}`, { params: { id }, cookie: m.cookie, form: { intent: "signal", kind: i < 4 ? "AGREE" : "UNSURE" } }),
      )) as Response;
      expect(response.status).toBe(302);
      if (i === 3) {
        const before = await pageLoader(routeArgs(`/statements/${id}`, { params: { id } }));
        expect(before.consensus.shown).toBe(false);
      }
    }
    const visitorView = await pageLoader(routeArgs(`/statements/${id}`, { params: { id } }));
    expect(visitorView.textHtml).toContain("<strong>learning</strong>");
    // Link previews and search engines get its words as plain text, and its one address.
    expect(visitorView.description).toMatch(/learning/);
    expect(visitorView.description).not.toContain("<");
    expect(visitorView.canonicalUrl).toMatch(new RegExp(`/statements/${id}$`));
    expect(visitorView.consensus).toMatchObject({ shown: true, agree: 4, unsure: 1, shareAgreeing: 80 });
    expect(visitorView.can.signal).toBe(false);

    await pageAction(routeArgs(`/statements/${id}`, { params: { id }, cookie: members[0]!.cookie, form: { intent: "endorse", note: "Proud to" } }));
    const again = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: members[0]!.cookie, form: { intent: "endorse", note: "Twice" } }),
    )) as Response;
    expect(again.status).toBe(302);
    const view = await pageLoader(routeArgs(`/statements/${id}`, { params: { id }, cookie: members[0]!.cookie }));
    expect(view.signatories.total).toBe(1);
    expect(view.signatories.items[0]?.note).toBe("Proud to");
    expect(view.signedCurrent).toBe(true);
    expect(view.mySignal).toEqual({ kind: "AGREE", version: 1 });
    expect(view.thread).not.toBeNull();
  });

  it("404 for non-members on an association statement; 403 for members who may see but not act", async () => {
    const author = await createTestMember();
    const outsider = await createTestMember();
    const plain = await createTestMember();
    const association = await createAssociation([{ userId: author.userId }, { userId: plain.userId }]);
    const id = await proposeThroughForm(author, association.slug);

    expect((await thrown(pageLoader(routeArgs(`/statements/${id}`, { params: { id }, cookie: outsider.cookie })))).status).toBe(404);
    expect((await thrown(pageLoader(routeArgs(`/statements/${id}`, { params: { id } })))).status).toBe(404);
    const outsiderList = await listLoader(routeArgs("/statements", { cookie: outsider.cookie }));
    expect(outsiderList.items.map((s) => s.id)).not.toContain(id);

    // A plain member may see it but not adopt it, nor edit its text.
    const adopt = await thrown(
      pageAction(routeArgs(`/statements/${id}`, { params: { id }, cookie: plain.cookie, form: { intent: "adopt" } })),
    );
    expect(adopt.status).toBe(403);
    expect((await thrown(editLoader(routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: plain.cookie })))).status).toBe(403);
    expect(
      (
        await thrown(
          pageAction(routeArgs(`/statements/${id}`, { params: { id }, cookie: outsider.cookie, form: { intent: "signal", kind: "AGREE" } })),
        )
      ).status,
    ).toBe(404);

    // The association's owner adopts it, once someone has signed it.
    const owner = await createTestMember();
    await addMember(association.id, owner.userId, "OWNER");
    await signVersion(author, id, 1);
    const adopted = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: owner.cookie, form: { intent: "adopt", version: "1", confirm: "yes" } }),
    )) as Response;
    expect(adopted.headers.get("Location")).toBe(`/statements/${id}`);
    // Frozen now: the author may no longer edit.
    expect((await thrown(editLoader(routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: author.cookie })))).status).toBe(403);
  });
});

describe("the details page", () => {
  it("lets the authors change the title, rationale, areas and threshold until adoption, keeping what was typed on errors", async () => {
    const author = await createTestMember();
    const plain = await createTestMember();
    const association = await createAssociation([{ userId: author.userId }, { userId: plain.userId }]);
    const id = await proposeThroughForm(author, association.slug);
    const url = `/statements/${id}/details`;
    const args = (who: TestMember, form?: Record<string, string | string[]>) => routeArgs(url, { params: { id }, cookie: who.cookie, form });

    expect((await thrown(detailsLoader(routeArgs(url, { params: { id } })))).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await thrown(detailsLoader(args(plain)))).status).toBe(403);
    expect((await thrown(detailsAction(args(plain, { intent: "details", title: "Taken over by someone" })))).status).toBe(403);

    const page = await detailsLoader(args(author));
    expect(page.details).toMatchObject({ title: expect.stringMatching(/^We design learning/), rationale: "", areaSlugs: [] });
    const [first, second] = page.areas;
    expect(first).toBeDefined();

    const bad = (await detailsAction(
      args(author, { intent: "details", title: "Hi", rationale: "Because it matters.", endorsementThreshold: "0" }),
    )) as DataResult<{ error: Record<string, string[]>; initialValue: Record<string, unknown> }>;
    expect(bad.init.status).toBe(400);
    expect(bad.data.error.title).toEqual(["Use at least 5 characters for the title"]);
    expect(bad.data.error.endorsementThreshold).toBeDefined();
    expect(bad.data.initialValue).toMatchObject({ title: "Hi", rationale: "Because it matters." });

    const unknownArea = (await detailsAction(
      args(author, { intent: "details", title: "We plan learning together", areaSlugs: ["no-such-area"] }),
    )) as DataResult<{ error: Record<string, string[]> }>;
    expect(unknownArea.init.status).toBe(400);

    const saved = (await detailsAction(
      args(author, {
        intent: "details",
        title: "We plan learning together",
        rationale: "Planning *with* clinicians works.",
        areaSlugs: [first!.slug, second!.slug],
        endorsementThreshold: "12",
      }),
    )) as Response;
    expect(saved.headers.get("Location")).toBe(`/statements/${id}`);
    const row = await prisma.statement.findUniqueOrThrow({
      where: { id },
      select: { title: true, rationaleHtml: true, areaSlugs: true, endorsementThreshold: true, currentVersion: true },
    });
    expect(row).toEqual({
      title: "We plan learning together",
      rationaleHtml: "<p>Planning <em>with</em> clinicians works.</p>",
      areaSlugs: [first!.slug, second!.slug],
      endorsementThreshold: 12,
      // The details are not the text: no new version.
      currentVersion: 1,
    });
    expect(await flashOf(saved)).toBe("The details are saved.");
    const shown = await pageLoader(routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie }));

    // Adopted: frozen.
    const owner = await createTestMember();
    await addMember(association.id, owner.userId, "OWNER");
    await signVersion(author, id, 1);
    const adopted = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: owner.cookie, form: { intent: "adopt", version: "1", confirm: "yes" } }),
    )) as Response;
    expect(adopted.status).toBe(302);
    expect((await thrown(detailsLoader(args(author)))).status).toBe(403);
    expect((await thrown(detailsAction(args(author, { intent: "details", title: "After adoption" })))).status).toBe(403);
  });
});

describe("editing", () => {
  it("the conflict page keeps exactly what the member typed and moves them onto the current version", async () => {
    const author = await createTestMember();
    const coauthor = await createTestMember();
    const id = await proposeThroughForm(author);
    await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie, form: { intent: "add-coauthor", handle: `@${coauthor.handle}` } }),
    );

    const form = await editLoader(routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: coauthor.cookie }));
    expect(form.version).toBe(1);

    const first = (await editAction(
      routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: author.cookie, form: { baseVersion: "1", text: "Author's version", note: "" } }),
    )) as Response;
    expect(first.headers.get("Location")).toBe(`/statements/${id}`);

    const typed = "Co-author's  careful\nwording, with *emphasis*";
    const second = (await editAction(
      routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: coauthor.cookie, form: { baseVersion: "1", text: typed, note: "tidy" } }),
    )) as unknown as DataResult<{ conflict: { currentVersion: number; currentText: string; yourText: string; note: string } }>;
    expect(second.init.status).toBe(409);
    expect(second.data.conflict).toEqual({ currentVersion: 2, currentText: "Author's version", yourText: typed, note: "tidy" });
    expect(await prisma.statementVersion.count({ where: { statementId: id } })).toBe(2);

    // Saving again from the conflict page builds on version 2.
    const retry = (await editAction(
      routeArgs(`/statements/${id}/edit`, { params: { id }, cookie: coauthor.cookie, form: { baseVersion: "2", text: typed, note: "" } }),
    )) as Response;
    expect(retry.status).toBe(302);
    const v3 = await prisma.statementVersion.findUniqueOrThrow({
      where: { statementId_number: { statementId: id, number: 3 } },
      select: { text: true, writtenById: true },
    });
    expect(v3).toEqual({ text: typed, writtenById: coauthor.userId });
  });

  it("refuses an unknown handle as co-author with a field error, keeping what was typed", async () => {
    const author = await createTestMember();
    const id = await proposeThroughForm(author, "community", false);
    const result = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie, form: { intent: "add-coauthor", handle: "nobody-here-x" } }),
    )) as unknown as DataResult<{ fieldErrors: { handle: string[] }; handle: string }>;
    expect(result.init.status).toBe(400);
    expect(result.data.handle).toBe("nobody-here-x");
    expect(result.data.fieldErrors.handle[0]).toMatch(/No member/);
  });

  it("finds a co-author by name with a GET search, only for the author, and adds the one chosen", async () => {
    const author = await createTestMember();
    const wanted = await createTestMember({ profile: { displayName: `Orla Findable ${author.handle}` } });
    const id = await proposeThroughForm(author, "community", false);
    const search = (member: TestMember, query: string) =>
      pageLoader(
        routeArgs(`/statements/${id}?coauthor=${encodeURIComponent(query)}`, { params: { id }, cookie: member.cookie }),
      );
    const found = await search(author, `findable ${author.handle}`);
    expect(found.coauthorSearch?.matches).toEqual([{ handle: wanted.handle, displayName: wanted.displayName }]);
    // The search is the author's tool: anyone else's request for it shows nothing.
    await pageAction(routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie, form: { intent: "open" } }));
    expect((await search(wanted, "findable")).coauthorSearch).toBeNull();

    const added = (await pageAction(
      routeArgs(`/statements/${id}`, { params: { id }, cookie: author.cookie, form: { intent: "add-coauthor", handle: wanted.handle } }),
    )) as Response;
    expect(added.headers.get("Location")).toBe(`/statements/${id}#coauthors`);
    // Someone already a co-author is no longer offered.
    expect((await search(author, `findable ${author.handle}`)).coauthorSearch?.matches).toEqual([]);
  });

  it("lists the member's drafts on /statements", async () => {
    const author = await createTestMember();
    const id = await proposeThroughForm(author, "community", false);
    const list = await listLoader(routeArgs("/statements", { cookie: author.cookie }));
    expect(list.drafts.map((d) => d.id)).toContain(id);
    expect(list.items.map((d) => d.id)).not.toContain(id);
  });
});

describe("adopting", () => {
  type AdoptAnswer = DataResult<{ message: string | null; fieldErrors: Record<string, string[]>; reason: string }>;
  const status = async (id: string) =>
    (await prisma.statement.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;

  it("asks a moderator to confirm, says how many signed, and is not offered for a version nobody signed", async () => {
    const author = await createTestMember();
    const owner = await createTestMember();
    const association = await createAssociation([{ userId: author.userId }, { userId: owner.userId, role: "OWNER" }]);
    const id = await proposeThroughForm(author, association.slug);
    const url = `/statements/${id}`;
    const adopt = (form: Record<string, string>) => pageAction(routeArgs(url, { params: { id }, cookie: owner.cookie, form: { intent: "adopt", ...form } }));

    // Nobody has signed: the page offers no adoption, and a forged request is refused.
    expect((await pageLoader(routeArgs(url, { params: { id }, cookie: owner.cookie }))).adoption).toEqual({ signatures: 0, unsignedAllowed: false });
    const unsigned = (await adopt({ version: "1", confirm: "yes" })) as AdoptAnswer;
    expect(unsigned.init.status).toBe(409);
    expect(unsigned.data.message).toMatch(/Nobody has signed version 1/);
    expect(await status(id)).toBe("OPEN");

    // One signature: offered, with the count; an unticked box is a field error and nothing changes.
    await signVersion(author, id, 1);
    expect((await pageLoader(routeArgs(url, { params: { id }, cookie: owner.cookie }))).adoption).toEqual({ signatures: 1, unsignedAllowed: false });
    const unconfirmed = (await adopt({ version: "1" })) as AdoptAnswer;
    expect(unconfirmed.init.status).toBe(400);
    expect(unconfirmed.data.fieldErrors.confirm).toEqual(["Tick the box to confirm the adoption"]);
    expect(await status(id)).toBe("OPEN");

    const done = (await adopt({ version: "1", confirm: "yes" })) as Response;
    expect(done.headers.get("Location")).toBe(url);
    expect(await flashOf(done)).toBe("The statement is adopted: this version is now frozen.");
    expect(await status(id)).toBe("ADOPTED");
    // Adopted: no adoption offered any more, no one asked to sign.
    const after = await pageLoader(routeArgs(url, { params: { id }, cookie: author.cookie }));
    expect(after.adoption).toBeNull();
    expect(after.can.endorse).toBe(false);
  });

  it("lets a site administrator adopt an unsigned version with a reason, which the history shows", async () => {
    const author = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    const id = await proposeThroughForm(author);
    const url = `/statements/${id}`;
    const adopt = (form: Record<string, string>) => pageAction(routeArgs(url, { params: { id }, cookie: admin.cookie, form: { intent: "adopt", ...form } }));
    expect((await pageLoader(routeArgs(url, { params: { id }, cookie: admin.cookie }))).adoption).toEqual({ signatures: 0, unsignedAllowed: true });

    const noReason = (await adopt({ version: "1", confirm: "yes" })) as AdoptAnswer;
    expect(noReason.init.status).toBe(400);
    expect(noReason.data.fieldErrors.reason?.[0]).toMatch(/say why/);
    // What was typed stays when the box is left unticked.
    const unticked = (await adopt({ version: "1", reason: "Approved by the board on 2 March." })) as AdoptAnswer;
    expect(unticked.init.status).toBe(400);
    expect(unticked.data.fieldErrors.confirm).toHaveLength(1);
    expect(unticked.data.reason).toBe("Approved by the board on 2 March.");
    expect(await status(id)).toBe("OPEN");

    const done = (await adopt({ version: "1", confirm: "yes", reason: "Approved by the board on 2 March." })) as Response;
    expect(done.status).toBe(302);
    const page = await pageLoader(routeArgs(url, { params: { id }, cookie: author.cookie }));
    expect(page.history.find((h) => h.toStatus === "ADOPTED")?.note).toBe("Adopted with no signatures: Approved by the board on 2 March.");
  });
});
