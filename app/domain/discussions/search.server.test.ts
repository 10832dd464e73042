import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "~/generated/prisma/client";
import { ANONYMOUS, type Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { createTestMember } from "../../../tests/fixtures/members";
import {
  addMember,
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
  type Visibility,
} from "~/domain/notifications/test-forum.server";
import { visibleThreadsWhere } from "./policy";
import { parseSearchParams, searchFilterOptions, searchPosts, snippetToHtml } from "./search.server";
import { visibleThreadsSql } from "./visibility.server";

/** A word no other test file uses, letters only (so the stemmer keeps it whole). */
function uniqueWord() {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

describe("snippetToHtml", () => {
  it("escapes everything and turns only our markers into <mark>", () => {
    expect(snippetToHtml("a <b>bold</b> [S]word[E] & <script>x</script>", "[S]", "[E]")).toBe(
      "a &lt;b&gt;bold&lt;/b&gt; <mark>word</mark> &amp; &lt;script&gt;x&lt;/script&gt;",
    );
  });
});

describe("parseSearchParams", () => {
  it("trims, bounds and drops empty filters", () => {
    const parsed = parseSearchParams(new URLSearchParams({ q: "  outcomes ", tag: "#Moore", author: "@Ana", category: "" }));
    expect(parsed).toEqual({ q: "outcomes", association: undefined, category: undefined, tag: "moore", author: "ana", after: null });
    expect(parseSearchParams(new URLSearchParams({ q: "x".repeat(500) })).q).toHaveLength(200);
  });
});

describe("searchPosts", () => {
  it("ranks a title match above a body match, highlights safely and skips deleted and hidden posts", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const bodyOnly = await createThread(category, {
      authorId: author.userId,
      title: "Something else entirely",
      body: `We talked about ${word} briefly: costs & benefits, <script>alert(1)</script> and <b>bold</b> claims.`,
    });
    const titled = await createThread(category, { authorId: author.userId, title: `All about ${word}`, body: "The opening text." });
    const deleted = await createReply(titled, { authorId: author.userId, body: `Deleted ${word}` });
    const hidden = await createReply(titled, { authorId: author.userId, body: `Hidden ${word}` });
    await prisma.post.update({ where: { id: deleted.id }, data: { deletedAt: new Date() } });
    await prisma.post.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "x" } });

    const { results, nextCursor } = await searchPosts(ANONYMOUS, { q: word });
    expect(nextCursor).toBeNull();
    expect(results.map((r) => r.threadId)).toEqual([titled.id, bodyOnly.id]);
    const snippet = results[1]!.snippetHtml;
    expect(snippet).toContain(`<mark>${word}</mark>`);
    // ts_headline drops tags itself; what it keeps is escaped.
    expect(snippet).toContain("costs &amp; benefits");
    expect(snippet).not.toMatch(/<script|<b>/);
    expect(snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    expect(results[1]!.authorHandle).toBe(author.handle);
  });

  it("pages by rank with a cursor, with no repeats", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId, title: `Title ${word}` });
    for (let i = 0; i < 24; i++) {
      await createReply(thread, { authorId: author.userId, body: `${word} ${"and more ".repeat(i)}${i % 3 === 0 ? word : ""}` });
    }
    const first = await searchPosts(ANONYMOUS, { q: word });
    expect(first.results).toHaveLength(20);
    expect(first.results[0]!.number).toBe(1);
    const second = await searchPosts(ANONYMOUS, { q: word }, first.nextCursor);
    expect(second.results).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.results, ...second.results].map((r) => r.postId)).size).toBe(25);
  });

  it("filters by association, category, tag and author", async () => {
    const word = uniqueWord();
    const [ana, ben] = await Promise.all([createTestMember(), createTestMember()]);
    const association = await createAssociation([{ userId: ana.userId }]);
    const associationCategory = await createCategory(association, "PUBLIC");
    const communityCategory = await createCategory(await createForum(), "PUBLIC");
    const a = await createThread(associationCategory, { authorId: ana.userId, body: `${word} one`, tags: ["moore"] });
    const b = await createThread(communityCategory, { authorId: ben.userId, body: `${word} two` });
    const ids = async (filters: Record<string, string>) =>
      (await searchPosts(ANONYMOUS, { q: word, ...filters })).results.map((r) => r.threadId).sort();

    expect(await ids({})).toEqual([a.id, b.id].sort());
    expect(await ids({ association: association.slug })).toEqual([a.id]);
    expect(await ids({ category: communityCategory.id })).toEqual([b.id]);
    expect(await ids({ tag: "moore" })).toEqual([a.id]);
    expect(await ids({ author: ben.handle })).toEqual([b.id]);
    expect(await ids({ author: "nobody-at-all" })).toEqual([]);
  });

  it("returns nothing for an empty query or one made of stop words", async () => {
    expect((await searchPosts(ANONYMOUS, { q: "" })).results).toEqual([]);
    expect((await searchPosts(ANONYMOUS, { q: "the and of" })).results).toEqual([]);
  });
});

// ─── Visibility: search, the SQL twin and the Prisma where-builder agree ──────

describe("visibility", () => {
  const word = uniqueWord();
  const actors: Record<string, Actor> = {};
  const threads: Record<string, string> = {};

  beforeAll(async () => {
    const [author, member, nonMember, associationMember, admin] = await Promise.all([
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember(),
      createTestMember({ role: "ADMIN" }),
    ]);
    actors.visitor = ANONYMOUS;
    actors.member = member.actor;
    actors.nonMember = nonMember.actor;
    actors.associationMember = associationMember.actor;
    actors.admin = admin.actor;
    const association = await createAssociation([{ userId: author.userId, role: "OWNER" }]);
    await addMember(association.id, associationMember.userId);
    const otherAssociation = await createAssociation([{ userId: nonMember.userId }]);
    const community = await createForum();
    const places: [string, Parameters<typeof createCategory>[0], Visibility][] = [
      ["communityPublic", community, "PUBLIC"],
      ["communityMembers", community, "MEMBERS"],
      ["associationPublic", association, "PUBLIC"],
      ["associationMembers", association, "MEMBERS"],
      ["associationOnly", association, "ASSOCIATION"],
      ["otherAssociationOnly", otherAssociation, "ASSOCIATION"],
    ];
    for (const [name, forum, visibility] of places) {
      const category = await createCategory(forum, visibility);
      threads[name] = (await createThread(category, { authorId: author.userId, title: `${name} ${word}` })).id;
    }
    const deletedCategory = await createCategory(community, "PUBLIC");
    threads.deleted = (await createThread(deletedCategory, { authorId: author.userId, title: `deleted ${word}`, deleted: true })).id;
  });

  const expected: Record<string, string[]> = {
    visitor: ["communityPublic", "associationPublic"],
    member: ["communityPublic", "communityMembers", "associationPublic", "associationMembers"],
    nonMember: ["communityPublic", "communityMembers", "associationPublic", "associationMembers", "otherAssociationOnly"],
    associationMember: ["communityPublic", "communityMembers", "associationPublic", "associationMembers", "associationOnly"],
    admin: [
      "communityPublic",
      "communityMembers",
      "associationPublic",
      "associationMembers",
      "associationOnly",
      "otherAssociationOnly",
    ],
  };

  const names = (ids: string[]) =>
    Object.entries(threads)
      .filter(([, id]) => ids.includes(id))
      .map(([name]) => name)
      .sort();

  it.each(Object.keys(expected))("search shows the %s exactly the threads they may see", async (who) => {
    const { results } = await searchPosts(actors[who]!, { q: word });
    expect(names(results.map((r) => r.threadId))).toEqual([...expected[who]!].sort());
  });

  it.each(Object.keys(expected))("visibleThreadsSql and visibleThreadsWhere agree for the %s", async (who) => {
    const actor = actors[who]!;
    const ours = Object.values(threads);
    const viaPrisma = await prisma.thread.findMany({
      where: { AND: [{ id: { in: ours } }, visibleThreadsWhere(actor) as Prisma.ThreadWhereInput] },
      select: { id: true },
    });
    const viaSql = await prisma.$queryRaw<{ id: string }[]>`
      SELECT t."id" FROM "Thread" t WHERE t."id" = ANY(${ours}::text[]) AND ${visibleThreadsSql(actor, "t")}`;
    const prismaNames = names(viaPrisma.map((row) => row.id));
    expect(names(viaSql.map((row) => row.id))).toEqual(prismaNames);
    expect(prismaNames).toEqual([...expected[who]!].sort());
  });

  it("offers only the categories and associations the actor can see as filters", async () => {
    const visitor = await searchFilterOptions(ANONYMOUS);
    const admin = await searchFilterOptions(actors.admin!);
    expect(admin.categories.length).toBeGreaterThan(visitor.categories.length);
    const visitorCategoryIds = new Set(visitor.categories.map((c) => c.id));
    const hiddenFromVisitor = await prisma.category.findMany({
      where: { visibility: { not: "PUBLIC" } },
      select: { id: true },
    });
    expect(hiddenFromVisitor.some((c) => visitorCategoryIds.has(c.id))).toBe(false);
  });
});
