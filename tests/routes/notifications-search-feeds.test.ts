import { DomUtils, parseDocument } from "htmlparser2";
import { describe, expect, it } from "vitest";
import { countQueries, prisma } from "~/utils/db.server";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { flagPost } from "~/domain/discussions/flags.server";
import {
  createAssociation,
  createCategory,
  createForum,
  createReply,
  createThread,
} from "../fixtures/forum";
import { loader as categoryFeedLoader } from "~/routes/discussions/forums.$forumSlug.$categorySlug[.]atom";
import { action as moderationAction, loader as moderationLoader } from "~/routes/discussions/moderation";
import { action as openAction, loader as openLoader } from "~/routes/discussions/notifications.$id";
import { action as notificationsAction, loader as notificationsLoader } from "~/routes/discussions/notifications";
import { loader as searchLoader } from "~/routes/discussions/search";
import { loader as threadFeedLoader } from "~/routes/discussions/t.$threadId[.]atom";
import { action as watchAction, loader as watchLoader } from "~/routes/discussions/watch.category";
import { flashOf } from "../fixtures/flash";

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

function uniqueWord() {
  return `zq${Array.from({ length: 8 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join("")}`;
}

describe("/notifications", () => {
  it("sends visitors to log in", async () => {
    const response = await thrown(notificationsLoader(routeArgs("/notifications")));
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fnotifications");
  });

  it("lists a member's notifications; opening one marks it read and goes to the post; mark all read", async () => {
    const [member, author, stranger] = await Promise.all([createTestMember(), createTestMember(), createTestMember()]);
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: member.userId, title: "Moore's levels in practice" });
    const reply = await createReply(thread, { authorId: author.userId });
    const [first] = await prisma.notification.createManyAndReturn({
      data: [
        { userId: member.userId, kind: "QUOTE", actorId: author.userId, threadId: thread.id, postId: reply.id },
        { userId: member.userId, kind: "JOIN_APPROVED", data: { associationSlug: "alliance", associationName: "The Alliance" } },
      ],
      select: { id: true },
    });

    const page = await notificationsLoader(routeArgs("/notifications", { cookie: member.cookie }));
    expect(page.unread).toBe(2);
    expect(page.items.map((item) => item.href).sort()).toEqual(
      [`/t/${thread.id}/${thread.slug}#post-${reply.number}`, "/associations/alliance"].sort(),
    );

    // GET changes nothing.
    const get = await openLoader(routeArgs(`/notifications/${first!.id}`, { cookie: member.cookie, params: { id: first!.id } }));
    expect(get.status).toBe(302);
    expect((await notificationsLoader(routeArgs("/notifications", { cookie: member.cookie }))).unread).toBe(2);

    // Someone else cannot mark it.
    const foreign = await thrown(
      openAction(routeArgs(`/notifications/${first!.id}`, { method: "POST", form: {}, cookie: stranger.cookie, params: { id: first!.id } })),
    );
    expect(foreign.status).toBe(404);

    const opened = await openAction(
      routeArgs(`/notifications/${first!.id}`, { method: "POST", form: {}, cookie: member.cookie, params: { id: first!.id } }),
    );
    expect(opened.headers.get("Location")).toBe(`/t/${thread.id}/${thread.slug}#post-${reply.number}`);
    expect((await notificationsLoader(routeArgs("/notifications", { cookie: member.cookie }))).unread).toBe(1);

    const all = await notificationsAction(
      routeArgs("/notifications", { form: { intent: "mark-all-read" }, cookie: member.cookie }),
    );
    expect(all.headers.get("Location")).toBe("/notifications");
    expect(await flashOf(all)).toMatch(/read/);
    const after = await notificationsLoader(routeArgs("/notifications", { cookie: member.cookie }));
    expect(after.unread).toBe(0);
  });
});

describe("/search", () => {
  it("shows the empty state without a query, and only what the viewer may see", async () => {
    const word = uniqueWord();
    const [author, member] = await Promise.all([createTestMember(), createTestMember()]);
    const forum = await createForum();
    const open = await createThread(await createCategory(forum, "PUBLIC"), { authorId: author.userId, title: `Open ${word}` });
    const membersOnly = await createThread(await createCategory(forum, "MEMBERS"), {
      authorId: author.userId,
      title: `Members ${word}`,
    });

    const empty = await searchLoader(routeArgs("/search"));
    expect(empty.searched).toBe(false);
    expect(empty.results).toEqual([]);

    const visitor = await searchLoader(routeArgs(`/search?q=${word}`));
    expect(visitor.results.map((r) => r.threadId)).toEqual([open.id]);
    const signedIn = await searchLoader(routeArgs(`/search?q=${word}`, { cookie: member.cookie }));
    expect(signedIn.results.map((r) => r.threadId).sort()).toEqual([open.id, membersOnly.id].sort());
    expect(signedIn.results[0]!.snippetHtml).toBeTypeOf("string");

    const none = await searchLoader(routeArgs(`/search?q=${word}&author=nobody-here`));
    expect(none.results).toEqual([]);
    // A mangled cursor is ignored, never a 500.
    const mangled = await searchLoader(routeArgs(`/search?q=${word}&after=%%%`));
    expect(mangled.results.map((r) => r.threadId)).toEqual([open.id]);
  });

  it("counts a few matches, says when it ranks only the newest hundred, and pages on to older ones", async () => {
    const [few, many] = [uniqueWord(), uniqueWord()];
    const author = await createTestMember();
    const category = await createCategory(await createForum(), "PUBLIC");
    const thread = await createThread(category, { authorId: author.userId, title: `About ${few}` });
    await createReply(thread, { authorId: author.userId, body: `More on ${few}` });
    await prisma.post.createMany({
      data: Array.from({ length: 101 }, (_, i) => ({
        threadId: thread.id,
        number: 10 + i,
        authorId: author.userId,
        body: `Note ${i} on ${many}`,
        bodyHtml: "<p>Note</p>",
        createdAt: new Date(Date.now() - (i + 1) * 60_000),
      })),
    });

    const counted = await countQueries(() => searchLoader(routeArgs(`/search?q=${few}`)));
    expect(counted.result.matchCount).toBe(2);
    expect(counted.result.nextPage).toBeNull();
    // The filter choices and the results; a second results query only because the matches are few.
    expect(counted.queries).toBeLessThanOrEqual(3);

    let page = await countQueries(() => searchLoader(routeArgs(`/search?q=${many}`)));
    expect(page.queries).toBe(2);
    expect(page.result.matchCount).toBeNull();
    expect(page.result.setSize).toBe(100);
    for (let i = 1; i < 5; i++) {
      expect(page.result.nextIsOlderSet).toBe(false);
      page = await countQueries(() => searchLoader(routeArgs(page.result.nextPage!)));
    }
    // Five pages of twenty: the set is used up, and the next link says the older matches follow.
    expect(page.result.nextIsOlderSet).toBe(true);
    const older = await searchLoader(routeArgs(page.result.nextPage!));
    expect(older.olderSet).toBe(true);
    expect(older.results).toHaveLength(1);
    expect(older.nextPage).toBeNull();
  });
});

describe("/moderation", () => {
  it("redirects visitors, refuses plain members, and lets a moderator act on their queue", async () => {
    const [owner, moderator, author, flagger, plain] = await Promise.all([createTestMember(), createTestMember(), createTestMember(), createTestMember(), createTestMember()]);
    const association = await createAssociation([
      { userId: owner.userId, role: "OWNER" },
      { userId: moderator.userId, role: "MODERATOR" },
      { userId: author.userId },
      { userId: flagger.userId },
    ]);
    const thread = await createThread(await createCategory(association, "ASSOCIATION"), { authorId: owner.userId });
    const reply = await createReply(thread, { authorId: author.userId, body: "Flag me" });
    await flagPost(flagger.actor, { postId: reply.id, reason: "SPAM", note: "Looks like an advert" });

    expect((await thrown(moderationLoader(routeArgs("/moderation")))).status).toBe(302);
    expect((await thrown(moderationLoader(routeArgs("/moderation", { cookie: plain.cookie })))).status).toBe(403);

    const queue = await moderationLoader(routeArgs("/moderation", { cookie: moderator.cookie }));
    expect(queue.items.map((item) => item.postId)).toEqual([reply.id]);
    expect(queue.items[0]!.flags[0]).toMatchObject({ reason: "SPAM", note: "Looks like an advert" });

    // A plain member's forged POST is refused.
    const forged = await thrown(
      moderationAction(routeArgs("/moderation", { form: { intent: "hide", postId: reply.id }, cookie: plain.cookie })),
    );
    expect(forged.status).toBe(404);

    const hidden = await moderationAction(
      routeArgs("/moderation", { form: { intent: "hide", postId: reply.id, reason: "Advertising" }, cookie: moderator.cookie }),
    );
    expect(hidden.headers.get("Location")).toBe("/moderation");
    expect(await flashOf(hidden)).toBe("The post is hidden and its author has been told.");
    expect((await prisma.post.findUniqueOrThrow({ where: { id: reply.id } })).hiddenReason).toBe("Advertising");
    expect((await moderationLoader(routeArgs("/moderation", { cookie: moderator.cookie }))).items).toEqual([]);

    const bad = await thrown(moderationAction(routeArgs("/moderation", { form: { intent: "explode" }, cookie: moderator.cookie })));
    expect(bad.status).toBe(400);
  });
});

describe("/watch/category", () => {
  it("watches a visible category and comes back; 404 for a hidden one; GET is refused", async () => {
    const [member, insider] = await Promise.all([createTestMember(), createTestMember()]);
    const visible = await createCategory(await createForum(), "MEMBERS");
    const association = await createAssociation([{ userId: insider.userId }]);
    const hidden = await createCategory(association, "ASSOCIATION");

    const response = await watchAction(
      routeArgs("/watch/category", {
        form: { categoryId: visible.id, watch: "1", redirectTo: "/forums/x/y" },
        cookie: member.cookie,
      }),
    );
    expect(response.headers.get("Location")).toBe("/forums/x/y");
    expect(await prisma.categoryWatch.count({ where: { categoryId: visible.id, userId: member.userId } })).toBe(1);

    const offsite = await watchAction(
      routeArgs("/watch/category", {
        form: { categoryId: visible.id, watch: "0", redirectTo: "https://evil.example" },
        cookie: member.cookie,
      }),
    );
    expect(offsite.headers.get("Location")).toBe("/forums/community");
    expect(await prisma.categoryWatch.count({ where: { categoryId: visible.id, userId: member.userId } })).toBe(0);

    const refused = await thrown(
      watchAction(routeArgs("/watch/category", { form: { categoryId: hidden.id, watch: "1" }, cookie: member.cookie })),
    );
    expect(refused.status).toBe(404);
    expect((await watchLoader(routeArgs("/watch/category"))).status).toBe(405);
  });
});

describe("Atom feeds", () => {
  async function feedWorld() {
    const [author, member] = await Promise.all([createTestMember(), createTestMember()]);
    const forum = await createForum();
    const publicCategory = await createCategory(forum, "PUBLIC");
    const membersCategory = await createCategory(forum, "MEMBERS");
    const association = await createAssociation([{ userId: author.userId }, { userId: member.userId }]);
    const associationCategory = await createCategory(association, "ASSOCIATION");
    const thread = await createThread(publicCategory, {
      authorId: author.userId,
      title: "Outcomes & <levels>",
      body: "Moore's **levels** of outcomes",
    });
    await createReply(thread, { authorId: member.userId, body: "A visible reply" });
    const hidden = await createReply(thread, { authorId: member.userId, body: "A hidden reply" });
    await prisma.post.update({ where: { id: hidden.id }, data: { hiddenAt: new Date(), hiddenReason: "x" } });
    const membersThread = await createThread(membersCategory, { authorId: author.userId });
    const associationThread = await createThread(associationCategory, { authorId: author.userId });
    return { author, member, forum, publicCategory, membersCategory, association, associationCategory, thread, membersThread, associationThread };
  }

  function entries(xml: string) {
    const document = parseDocument(xml, { xmlMode: true });
    const feed = DomUtils.findOne((el) => el.name === "feed", document.children, true);
    expect(feed?.attribs.xmlns).toBe("http://www.w3.org/2005/Atom");
    return DomUtils.findAll((el) => el.name === "entry", document.children).map((entry) => ({
      title: DomUtils.textContent(DomUtils.findOne((el) => el.name === "title", entry.children)!),
      link: DomUtils.findOne((el) => el.name === "link", entry.children)!.attribs.href,
      content: DomUtils.textContent(DomUtils.findOne((el) => el.name === "content", entry.children)!),
    }));
  }

  it("serves a public category and thread as Atom with absolute links; hidden posts left out", async () => {
    const world = await feedWorld();
    const { forumSlug, slug } = world.publicCategory;
    const response = await categoryFeedLoader(
      routeArgs(`/forums/${forumSlug}/${slug}.atom`, { params: { forumSlug, categorySlug: slug } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/^application\/atom\+xml/);
    const xml = await response.text();
    expect(xml).toContain("<title type=\"text\">Outcomes &amp; &lt;levels&gt;</title>");
    const categoryEntries = entries(xml);
    expect(categoryEntries).toHaveLength(1);
    expect(categoryEntries[0]!.link).toBe(`http://localhost/t/${world.thread.id}/${world.thread.slug}`);
    expect(categoryEntries[0]!.content).toContain("<strong>levels</strong>");

    const threadResponse = await threadFeedLoader(
      routeArgs(`/t/${world.thread.id}.atom`, { params: { threadId: world.thread.id } }),
    );
    const threadEntries = entries(await threadResponse.text());
    expect(threadEntries.map((entry) => entry.content)).toEqual(["<p>A visible reply</p>", "<p>Moore's <strong>levels</strong> of outcomes</p>"]);
    expect(threadEntries[0]!.link).toMatch(/^http:\/\/localhost\/t\/.+#post-2$/);
  });

  it("is not found for members-only and association categories and threads, even for a signed-in member", async () => {
    const world = await feedWorld();
    for (const category of [world.membersCategory, world.associationCategory]) {
      const response = await thrown(
        categoryFeedLoader(
          routeArgs(`/forums/${category.forumSlug}/${category.slug}.atom`, {
            params: { forumSlug: category.forumSlug, categorySlug: category.slug },
            cookie: world.member.cookie,
          }),
        ),
      );
      expect(response.status).toBe(404);
    }
    for (const thread of [world.membersThread, world.associationThread]) {
      const response = await thrown(
        threadFeedLoader(routeArgs(`/t/${thread.id}.atom`, { params: { threadId: thread.id }, cookie: world.member.cookie })),
      );
      expect(response.status).toBe(404);
    }
  });
});
