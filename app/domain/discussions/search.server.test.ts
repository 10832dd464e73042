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
} from "../../../tests/fixtures/forum";
import { visibleCategoriesWhere, visibleThreadsWhere } from "./policy";
import {
  parseSearchParams,
  SEARCH_PAGE_SIZE,
  SEARCH_SET_SIZE,
  searchFilterOptions,
  searchPage,
  searchPosts,
  snippetToHtml,
  type SearchPage,
} from "./search.server";
import { visibleCategoriesSql, visibleThreadsSql } from "./visibility.server";

/** A word no other test file uses, letters only (so the stemmer keeps it whole). */
function uniqueWord() {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

const DAY = 86_400_000;

/** Replies written straight into the table (the search only reads posts), one per `spacingMs`, newest first. */
async function addReplies(
  thread: { id: string },
  authorId: string,
  bodies: string[],
  options: { from: number; spacingMs: number },
) {
  const last = await prisma.post.aggregate({ where: { threadId: thread.id }, _max: { number: true } });
  const start = (last._max.number ?? 0) + 1;
  await prisma.post.createMany({
    data: bodies.map((body, i) => ({
      threadId: thread.id,
      number: start + i,
      authorId,
      body,
      bodyHtml: `<p>${body}</p>`,
      createdAt: new Date(options.from - i * options.spacingMs),
    })),
  });
  return prisma.post.findMany({
    where: { threadId: thread.id, number: { gte: start } },
    orderBy: { number: "asc" },
    select: { id: true, createdAt: true },
  });
}

/** Follows "More results" to the end. */
async function allPages(search: (after: string | null) => Promise<SearchPage>) {
  const pages: SearchPage[] = [];
  let cursor: string | null = null;
  do {
    const page = await search(cursor);
    pages.push(page);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 20);
  return pages;
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
    // The page's own path, which knows the association's id from the filter choices.
    const viaPage = await searchPage(ana.actor, { q: word, association: association.slug }, null);
    expect(viaPage.page.results.map((r) => r.threadId)).toEqual([a.id]);
    expect(viaPage.options.associations.map((option) => option.slug)).toContain(association.slug);
  });

  it("ranks the newest hundred matches, then moves on to older ones, with no repeats", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    // The best match of all (the word in its title) is older than every reply.
    const thread = await createThread(category, { authorId: author.userId, title: `All about ${word}`, body: "Opening." });
    await prisma.post.update({ where: { id: thread.openingPostId }, data: { createdAt: new Date(Date.now() - 400 * DAY) } });
    const bodies = Array.from({ length: 105 }, (_, i) => (i === 60 ? `${word}, ${word} and ${word} again` : `Reply ${i} on ${word}.`));
    const replies = await addReplies(thread, author.userId, bodies, { from: Date.now() - 60_000, spacingMs: 5 * 3_600_000 });

    const pages = await allPages((after) => searchPosts(ANONYMOUS, { q: word }, after));
    const ids = pages.flatMap((page) => page.results.map((result) => result.postId));
    expect(ids).toHaveLength(106);
    expect(new Set(ids).size).toBe(106);

    // The first set: the 100 newest matches, best first (the reply with the word three times leads).
    const firstSet = pages.slice(0, SEARCH_SET_SIZE / SEARCH_PAGE_SIZE);
    expect(firstSet.every((page) => page.setIsFull && !page.olderSet)).toBe(true);
    expect(pages[0]!.results[0]!.postId).toBe(replies[60]!.id);
    expect(new Set(firstSet.flatMap((page) => page.results.map((r) => r.postId)))).toEqual(
      new Set(replies.slice(0, 100).map((reply) => reply.id)),
    );
    expect(firstSet.at(-1)!.nextIsOlderSet).toBe(true);

    // Then the older ones, ranked afresh: the opening post comes first there.
    const older = pages[firstSet.length]!;
    expect(older.olderSet).toBe(true);
    expect(older.results.map((r) => r.postId)).toEqual([thread.openingPostId, ...replies.slice(100).map((r) => r.id).reverse()]);
    expect(older.nextCursor).toBeNull();
    // Every result on a page has its snippet.
    expect(pages[0]!.results.every((result) => result.snippetHtml.includes(`<mark>${word}</mark>`))).toBe(true);

    // A filtered search (found by date, not day by day) ranks and pages the same way.
    const filtered = await allPages((after) => searchPosts(ANONYMOUS, { q: word, category: category.id }, after));
    expect(filtered.map((page) => page.results.map((r) => r.postId))).toEqual(pages.map((page) => page.results.map((r) => r.postId)));
  });

  it("finds rare matches however old, and counts them when they all fit in one set", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId, title: "Rarely mentioned" });
    // Ten posts a hundred days apart: more days than the search's day-by-day steps cover.
    const bodies = Array.from({ length: 10 }, (_, i) => `Mention ${i} of ${word}.`);
    const replies = await addReplies(thread, author.userId, bodies, { from: Date.now() - 60_000, spacingMs: 100 * DAY });

    const page = await searchPosts(ANONYMOUS, { q: word });
    expect(page.results.map((r) => r.postId).sort()).toEqual(replies.map((r) => r.id).sort());
    expect(page.setSize).toBe(10);
    expect(page.setIsFull).toBe(false);
    expect(page.nextCursor).toBeNull();
  });

  it("keeps its pages when a match is posted between them", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId, title: "Pages" });
    await addReplies(thread, author.userId, Array.from({ length: 25 }, (_, i) => `Reply ${i} on ${word}.`), {
      from: Date.now() - 60_000,
      spacingMs: 60_000,
    });
    const first = await searchPosts(ANONYMOUS, { q: word });
    expect(first.results).toHaveLength(20);

    // As good a match as the others, and sorting after the first page's last one: without the
    // cursor pinning the set, it would turn up on the second page.
    const late = await prisma.post.create({
      data: { id: `0-late-${word}`, threadId: thread.id, number: 100, authorId: author.userId, body: `Late reply on ${word}.`, bodyHtml: "<p>Late</p>" },
      select: { id: true },
    });
    const second = await searchPosts(ANONYMOUS, { q: word }, first.nextCursor);
    expect(second.results).toHaveLength(5);
    const seen = [...first.results, ...second.results].map((r) => r.postId);
    expect(new Set(seen).size).toBe(25);
    expect(seen).not.toContain(late.id);
    expect(second.nextCursor).toBeNull();

    // A new search has it.
    const again = await allPages((after) => searchPosts(ANONYMOUS, { q: word }, after));
    expect(again.flatMap((page) => page.results.map((r) => r.postId))).toContain(late.id);
  });

  it("ignores a cursor it did not make", async () => {
    const word = uniqueWord();
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId, title: `Cursor ${word}` });
    const forged = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    for (const after of ["%%%", forged([1, 2, 3]), forged(["x", "y", 1, null, null]), forged([-5, "id", 1, "r", "id"])]) {
      const page = await searchPosts(ANONYMOUS, { q: word }, after);
      expect(page.results.map((r) => r.threadId)).toEqual([thread.id]);
    }
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
  const categories: Record<string, string> = {};
  let associationSlug = "";

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
    associationSlug = association.slug;
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
      categories[name] = category.id;
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

  it.each(Object.keys(expected))("the filter choices' SQL and visibleCategoriesWhere agree for the %s", async (who) => {
    const actor = actors[who]!;
    const ours = Object.values(categories);
    const viaPrisma = await prisma.category.findMany({
      where: { AND: [{ id: { in: ours } }, visibleCategoriesWhere(actor) as Prisma.CategoryWhereInput] },
      select: { id: true },
    });
    const viaSql = await prisma.$queryRaw<{ id: string }[]>`
      SELECT c."id" FROM "Category" c JOIN "Forum" f ON f."id" = c."forumId"
      WHERE c."id" = ANY(${ours}::text[]) AND ${visibleCategoriesSql(actor)}`;
    const named = (ids: string[]) =>
      Object.entries(categories)
        .filter(([, id]) => ids.includes(id))
        .map(([name]) => name)
        .sort();
    expect(named(viaSql.map((row) => row.id))).toEqual(named(viaPrisma.map((row) => row.id)));
    expect(named(viaPrisma.map((row) => row.id))).toEqual([...expected[who]!].sort());
  });

  it("offers only the categories and associations the actor can see as filters", async () => {
    const visitor = await searchFilterOptions(ANONYMOUS);
    const admin = await searchFilterOptions(actors.admin!);
    const ids = (options: typeof visitor) => options.forums.flatMap((forum) => forum.categories.map((c) => c.id));
    expect(ids(admin).length).toBeGreaterThan(ids(visitor).length);
    const visitorCategoryIds = new Set(ids(visitor));
    const hiddenFromVisitor = await prisma.category.findMany({
      where: { visibility: { not: "PUBLIC" } },
      select: { id: true },
    });
    expect(hiddenFromVisitor.some((c) => visitorCategoryIds.has(c.id))).toBe(false);
    // Without an association: the community forums' categories only.
    expect(ids(admin)).toContain(categories.communityMembers);
    expect(ids(admin)).not.toContain(categories.associationPublic);
    const communityForums = await prisma.category.findMany({ where: { id: { in: ids(admin) } }, select: { forum: { select: { associationId: true } } } });
    expect(communityForums.every((c) => c.forum.associationId === null)).toBe(true);
    // With one: that association's, as far as the actor may see them; a chosen category is always offered.
    const slug = associationSlug;
    const forAssociation = async (who: string) => ids(await searchFilterOptions(actors[who]!, { association: slug })).sort();
    const ofAssociation = (...names: string[]) => names.map((name) => categories[name]!).sort();
    expect(await forAssociation("visitor")).toEqual(ofAssociation("associationPublic"));
    expect(await forAssociation("member")).toEqual(ofAssociation("associationPublic", "associationMembers"));
    expect(await forAssociation("associationMember")).toEqual(
      ofAssociation("associationPublic", "associationMembers", "associationOnly"),
    );
    const withCategory = await searchFilterOptions(actors.member!, { category: categories.associationPublic });
    expect(ids(withCategory)).toContain(categories.associationPublic);
    // A category the actor may not see is not offered, even when asked for.
    const refused = await searchFilterOptions(actors.member!, { category: categories.otherAssociationOnly });
    expect(ids(refused)).not.toContain(categories.otherAssociationOnly);
    // Grouped by forum: each group is one forum's categories, and each forum has one group.
    const groups = admin.forums.map((forum) => forum.categories.map((c) => c.id));
    const rows = await prisma.category.findMany({ where: { id: { in: groups.flat() } }, select: { id: true, forumId: true } });
    const forumOf = new Map(rows.map((row) => [row.id, row.forumId]));
    for (const group of groups) expect(new Set(group.map((id) => forumOf.get(id))).size).toBe(1);
    const forumIds = groups.map((group) => forumOf.get(group[0]!));
    expect(new Set(forumIds).size).toBe(forumIds.length);
  });
});
