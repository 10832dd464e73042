/**
 * The permission matrix of issue 6: every kind of viewer × every way to reach
 * a thread (read, list, count, search, feed, reply, moderate) × every category
 * visibility. A viewer who may not see a thread gets 404 from its page and
 * never finds its title anywhere else.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { createTestMember, type TestMember } from "../fixtures/members";
import { loader as associationLoader } from "~/routes/associations/associations.$slug._index";
import { loader as categoryLoader } from "~/routes/discussions/forums.$forumSlug.$categorySlug";
import { loader as categoryFeedLoader } from "~/routes/discussions/forums.$forumSlug.$categorySlug[.]atom";
import { loader as forumLoader } from "~/routes/discussions/forums.$forumSlug._index";
import { loader as searchLoader } from "~/routes/discussions/search";
import { action as threadAction, loader as threadLoader } from "~/routes/discussions/t.$threadId.($slug)";
import { loader as threadFeedLoader } from "~/routes/discussions/t.$threadId[.]atom";

const run = `p${Math.random().toString(36).slice(2, 8)}`;
const VISIBILITIES = ["PUBLIC", "MEMBERS", "ASSOCIATION"] as const;
type VisibilityName = (typeof VISIBILITIES)[number];
const VIEWERS = ["visitor", "member", "nonMember", "associationMember", "moderator", "owner", "admin"] as const;
type Viewer = (typeof VIEWERS)[number];

const people = {} as Record<Exclude<Viewer, "visitor">, TestMember>;
const threads = {} as Record<VisibilityName, { id: string; slug: string; title: string; word: string; categorySlug: string }>;
const forumSlug = `${run}-assoc`;

const cookieOf = (viewer: Viewer) => (viewer === "visitor" ? null : people[viewer].cookie);
const associationRoles: Partial<Record<Viewer, "OWNER" | "MODERATOR" | "MEMBER">> = {
  owner: "OWNER",
  moderator: "MODERATOR",
  associationMember: "MEMBER",
};

function canSee(viewer: Viewer, visibility: VisibilityName) {
  if (visibility === "PUBLIC") return true;
  if (viewer === "visitor") return false;
  if (visibility === "MEMBERS") return true;
  return viewer in associationRoles || viewer === "admin";
}
const canPost = (viewer: Viewer) => viewer in associationRoles || viewer === "admin";
const canModerate = (viewer: Viewer) => viewer === "owner" || viewer === "moderator" || viewer === "admin";

/** What a loader or action returned or threw, as a status and the text a viewer would get. */
async function outcome(call: () => Promise<unknown>): Promise<{ status: number; text: string; location?: string | null }> {
  try {
    const value = await call();
    if (value instanceof Response) {
      return { status: value.status, text: await value.text(), location: value.headers.get("Location") };
    }
    const init = value as { type?: string; data?: unknown; init?: { status?: number } };
    if (init && init.type === "DataWithResponseInit") return { status: init.init?.status ?? 200, text: JSON.stringify(init.data) };
    return { status: 200, text: JSON.stringify(value) };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, text: "", location: thrown.headers.get("Location") };
    throw thrown;
  }
}

beforeAll(async () => {
  await seed();
  for (const viewer of VIEWERS) {
    if (viewer === "visitor") continue;
    // Established accounts: the new-account posting limit is tested elsewhere.
    people[viewer] = await createTestMember({
      role: viewer === "admin" ? "ADMIN" : "MEMBER",
      createdAt: new Date(Date.now() - 7 * 24 * 3600_000),
    });
  }
  const association = await prisma.association.create({
    data: {
      slug: forumSlug,
      name: `Matrix ${run}`,
      description: "",
      descriptionHtml: "",
      joinPolicy: "APPROVAL",
      memberCount: 3,
      memberships: {
        create: Object.entries(associationRoles).map(([viewer, role]) => ({ userId: people[viewer as Viewer & keyof typeof people].userId, role })),
      },
    },
    select: { id: true },
  });
  // "member" belongs to another association: membership elsewhere grants nothing here.
  await prisma.association.create({
    data: {
      slug: `${run}-other`,
      name: `Other ${run}`,
      description: "",
      descriptionHtml: "",
      memberCount: 1,
      memberships: { create: { userId: people.member.userId, role: "OWNER" } },
    },
  });
  const forum = await prisma.forum.create({ data: { slug: forumSlug, name: `Matrix ${run}`, associationId: association.id }, select: { id: true } });
  for (const [index, visibility] of VISIBILITIES.entries()) {
    const categorySlug = `c-${visibility.toLowerCase()}`;
    const category = await prisma.category.create({
      data: { forumId: forum.id, slug: categorySlug, name: `Matrix ${visibility} ${run}`, position: index + 1, visibility },
      select: { id: true },
    });
    const word = `zq${run}${visibility.toLowerCase()}`;
    const title = `Secret ${visibility} thread ${run}`;
    const slug = `secret-${visibility.toLowerCase()}`;
    const thread = await prisma.thread.create({
      data: {
        forumId: forum.id,
        categoryId: category.id,
        associationId: association.id,
        visibility,
        authorId: people.associationMember.userId,
        title,
        slug,
        posts: {
          create: { number: 1, authorId: people.associationMember.userId, body: `About ${word}`, bodyHtml: `<p>About ${word}</p>` },
        },
      },
      select: { id: true },
    });
    threads[visibility] = { id: thread.id, slug, title, word, categorySlug };
  }
});

describe.each(VISIBILITIES)("a thread in a %s category", (visibility) => {
  it.each(VIEWERS)("read, list, count, search, feed: %s", async (viewer) => {
    const thread = threads[visibility];
    const cookie = cookieOf(viewer);
    const visible = canSee(viewer, visibility);

    const page = await outcome(() =>
      threadLoader(routeArgs(`/t/${thread.id}/${thread.slug}`, { params: { threadId: thread.id, slug: thread.slug }, cookie })),
    );
    expect(page.status, "thread page").toBe(visible ? 200 : 404);
    if (visible) expect(page.text).toContain(thread.title);

    const category = await outcome(() =>
      categoryLoader(routeArgs(`/forums/${forumSlug}/${thread.categorySlug}`, { params: { forumSlug, categorySlug: thread.categorySlug }, cookie })),
    );
    expect(category.status, "category list").toBe(visible ? 200 : 404);
    if (visible) expect(category.text).toContain(thread.title);

    for (const [where, call] of [
      ["forum home", () => forumLoader(routeArgs(`/forums/${forumSlug}`, { params: { forumSlug }, cookie }))],
      ["association page", () => associationLoader(routeArgs(`/associations/${forumSlug}`, { params: { slug: forumSlug }, cookie }))],
      ["search", () => searchLoader(routeArgs(`/search?q=${thread.word}`, { cookie }))],
      ["search by association", () => searchLoader(routeArgs(`/search?q=${thread.word}&association=${forumSlug}`, { cookie }))],
    ] as const) {
      const result = await outcome(call);
      expect(result.status, where).toBe(200);
      if (visible) expect(result.text, where).toContain(thread.title);
      else expect(result.text, where).not.toContain(thread.title);
      if (!visible) expect(result.text, `${where}: category name`).not.toContain(`Matrix ${visibility} ${run}`);
    }

    // Feeds are read anonymously by feed readers: public threads only, for everyone.
    const threadFeed = await outcome(() => threadFeedLoader(routeArgs(`/t/${thread.id}.atom`, { params: { threadId: thread.id }, cookie })));
    expect(threadFeed.status, "thread feed").toBe(visibility === "PUBLIC" ? 200 : 404);
    const categoryFeed = await outcome(() =>
      categoryFeedLoader(routeArgs(`/forums/${forumSlug}/${thread.categorySlug}.atom`, { params: { forumSlug, categorySlug: thread.categorySlug }, cookie })),
    );
    expect(categoryFeed.status, "category feed").toBe(visibility === "PUBLIC" ? 200 : 404);
    if (visibility === "PUBLIC") expect(categoryFeed.text).toContain(thread.title);
  });

  it.each(VIEWERS)("reply and moderate: %s", async (viewer) => {
    const thread = threads[visibility];
    const cookie = cookieOf(viewer);
    const args = (form: Record<string, string>) =>
      routeArgs(`/t/${thread.id}/${thread.slug}`, { params: { threadId: thread.id, slug: thread.slug }, cookie, form });
    const before = await prisma.post.count({ where: { threadId: thread.id } });

    const reply = await outcome(() => threadAction(args({ intent: "reply", body: `A reply from ${viewer}` })));
    if (viewer === "visitor") {
      expect(reply.status).toBe(302);
      expect(reply.location).toMatch(/^\/login\?redirectTo=/);
    } else if (!canSee(viewer, visibility)) expect(reply.status, "reply").toBe(404);
    else if (!canPost(viewer)) expect(reply.status, "reply").toBe(403);
    else expect(reply.status, "reply").toBe(302);
    expect(await prisma.post.count({ where: { threadId: thread.id } })).toBe(before + (canPost(viewer) && viewer !== "visitor" ? 1 : 0));

    const pin = await outcome(() => threadAction(args({ intent: "pin" })));
    if (viewer === "visitor") expect(pin.status).toBe(302);
    else if (!canSee(viewer, visibility)) expect(pin.status, "pin").toBe(404);
    else expect(pin.status, "pin").toBe(canModerate(viewer) ? 302 : 403);
    const pinned = await prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, select: { pinnedAt: true } });
    expect(pinned.pinnedAt !== null).toBe(canModerate(viewer));
    await prisma.thread.update({ where: { id: thread.id }, data: { pinnedAt: null } });
  });
});
