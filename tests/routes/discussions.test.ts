import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { createReply, editPost } from "~/domain/discussions/posts.server";
import { createThread } from "~/domain/discussions/threads.server";
import { loader as categoryLoader } from "~/routes/discussions/forums.$forumSlug.$categorySlug";
import { loader as forumLoader } from "~/routes/discussions/forums.$forumSlug._index";
import { action as newThreadAction, loader as newThreadLoader } from "~/routes/discussions/forums.$forumSlug.new";
import { action as threadAction, loader as threadLoader } from "~/routes/discussions/t.$threadId.($slug)";
import { loader as historyLoader } from "~/routes/discussions/t.$threadId.posts.$number.history";
import { action as deleteAction, loader as deleteLoader } from "~/routes/discussions/t.$threadId.posts.$number.delete";
import { action as editAction, loader as editLoader } from "~/routes/discussions/t.$threadId.posts.$number.edit";
import { action as flagAction, loader as flagLoader } from "~/routes/discussions/t.$threadId.posts.$number.flag";
import { action as hideAction, loader as hideLoader } from "~/routes/discussions/t.$threadId.posts.$number.hide";

const run = `d${Math.random().toString(36).slice(2, 8)}`;
const veteran = () => createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });

let associationId: string;
/** A member of the association (association forums take posts from members only). */
async function joined(member?: TestMember) {
  const m = member ?? (await veteran());
  await prisma.associationMembership.create({ data: { associationId, userId: m.userId } });
  return m;
}

let owner: TestMember;
let outsider: TestMember;
let forum: { slug: string; privateId: string; openId: string };
let secret: { id: string; slug: string };
let open: { id: string; slug: string };

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** What an action returned with data(…): its body and status. */
function unwrap(result: unknown): { status: number; body: any } {
  if (result instanceof Response) return { status: result.status, body: null };
  const value = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: value };
}

beforeAll(async () => {
  [owner, outsider] = [await veteran(), await veteran()];
  ({ id: associationId } = await prisma.association.create({
    select: { id: true },
    data: {
      slug: run,
      name: `Association ${run}`,
      description: "",
      descriptionHtml: "",
      memberships: { create: { userId: owner.userId, role: "OWNER" } },
      forum: {
        create: {
          slug: run,
          name: `Forum ${run}`,
          categories: {
            create: [
              { slug: "private", name: "Members' room", description: "Just us", position: 1, visibility: "ASSOCIATION" },
              { slug: "open", name: "Open door", description: "Everyone", position: 2, visibility: "PUBLIC" },
            ],
          },
        },
      },
    },
  }));
  const categories = await prisma.category.findMany({ where: { forum: { slug: run } }, select: { id: true, slug: true } });
  forum = {
    slug: run,
    privateId: categories.find((c) => c.slug === "private")!.id,
    openId: categories.find((c) => c.slug === "open")!.id,
  };
  const start = async (categoryId: string, title: string) => {
    const result = await createThread(owner.actor, { categoryId, title, body: `Body of ${title}`, kind: "QUESTION", tags: ["pars"], areaSlugs: [] });
    if (!result.ok) throw new Error(result.message);
    return result.value;
  };
  secret = await start(forum.privateId, `Secret budget ${run}`);
  open = await start(forum.openId, `Open question ${run}`);
});

describe("association-only threads", () => {
  it("answer 404 to visitors and non-members, and are left out of the forum's lists and counts", async () => {
    for (const cookie of [null, outsider.cookie]) {
      const response = await thrown(
        threadLoader(routeArgs(`/t/${secret.id}/${secret.slug}`, { params: { threadId: secret.id, slug: secret.slug }, cookie })),
      );
      expect(response.status).toBe(404);
      const home = await forumLoader(routeArgs(`/forums/${run}`, { params: { forumSlug: run }, cookie }));
      expect(home.latest.threads.map((t) => t.id)).toEqual([open.id]);
      expect(home.categories.map((c) => [c.slug, c.threadCount])).toEqual([["open", 1]]);
      expect(JSON.stringify(home)).not.toContain("Secret budget");
      const category = await thrown(
        categoryLoader(routeArgs(`/forums/${run}/private`, { params: { forumSlug: run, categorySlug: "private" }, cookie })),
      );
      expect(category.status).toBe(404);
    }
    const home = await forumLoader(routeArgs(`/forums/${run}`, { params: { forumSlug: run }, cookie: owner.cookie }));
    expect(home.categories.map((c) => [c.slug, c.threadCount])).toEqual([["private", 1], ["open", 1]]);
  });
});

describe("thread page", () => {
  it("sends a wrong slug to the thread's address", async () => {
    const response = await thrown(threadLoader(routeArgs(`/t/${open.id}/old?after=0`, { params: { threadId: open.id, slug: "old" } })));
    expect(response.status).toBe(301);
    expect(response.headers.get("Location")).toBe(`/t/${open.id}/${open.slug}?after=0`);
  });

  it("posts a reply and redirects to its anchor; ?quote prefills a quote of the post", async () => {
    const member = await joined();
    const args = routeArgs(`/t/${open.id}/${open.slug}`, {
      params: { threadId: open.id, slug: open.slug },
      cookie: member.cookie,
      form: { intent: "reply", body: "Try the PARS batch upload." },
    });
    const response = (await threadAction(args)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/t/${open.id}/${open.slug}#post-2`);

    const page = await threadLoader(
      routeArgs(`/t/${open.id}/${open.slug}?quote=2`, { params: { threadId: open.id, slug: open.slug }, cookie: owner.cookie }),
    );
    expect(page.quote).toMatchObject({ number: 2, body: "Try the PARS batch upload.", authorName: member.displayName });
    expect(page.posts.map((p) => `Post #${p.number} by ${p.author?.displayName}`)).toEqual([
      `Post #1 by ${owner.displayName}`,
      `Post #2 by ${member.displayName}`,
    ]);
    expect(page.posts[1]!.can.accept).toBe(true);
  });

  it("refuses a fourth post within an hour from a new account with 429, keeping the text", async () => {
    const fresh = await joined(await createTestMember({ createdAt: new Date(Date.now() - 3600_000) }));
    for (const body of ["one", "two", "three"]) {
      const result = await createReply(fresh.actor, open.id, { body });
      expect(result.ok).toBe(true);
    }
    const result = unwrap(
      await threadAction(
        routeArgs(`/t/${open.id}/${open.slug}`, {
          params: { threadId: open.id, slug: open.slug },
          cookie: fresh.cookie,
          form: { intent: "reply", body: "My carefully written fourth reply" },
        }),
      ),
    );
    expect(result.status).toBe(429);
    expect(result.body.result.initialValue.body).toBe("My carefully written fourth reply");
    expect(result.body.result.error[""][0]).toMatch(/You can post again in \d+ minutes/);
  });

  it("a refused flag comes back with the member's reason and note, and a field error", async () => {
    const member = await joined();
    const path = `/t/${open.id}/posts/1/flag`;
    const params = { threadId: open.id, number: "1" };
    const flag = (note: string) => flagAction(routeArgs(path, { params, cookie: member.cookie, form: { reason: "OTHER", note } }));
    // "Something else" needs a note; a note over 500 characters is refused by the form.
    for (const note of ["", "x".repeat(501)]) {
      const result = unwrap(await flag(note));
      expect(result.status).toBe(400);
      expect(result.body.typed).toEqual({ reason: "OTHER", note });
      expect(result.body.errors.note?.[0]).toMatch(/\w/);
    }
    expect(await prisma.postFlag.count({ where: { post: { threadId: open.id }, userId: member.userId } })).toBe(0);
    const sent = unwrap(await flag("Wrong forum for this."));
    expect(sent.body).toMatchObject({ sent: true, hidden: false });
    // Twice changes nothing.
    expect(unwrap(await flag("Wrong forum for this.")).body).toMatchObject({ sent: true });
    expect(await prisma.postFlag.count({ where: { post: { threadId: open.id }, userId: member.userId } })).toBe(1);
  });

  it("gives flag, hide and delete a page each, to those who may use them", async () => {
    const member = await joined();
    const reply = await createReply(member.actor, open.id, { body: `A reply to act on ${run}` });
    if (!reply.ok) throw new Error(reply.message);
    const number = String(reply.value.number);
    const args = (tool: string, cookie: string | null, form?: Record<string, string>) =>
      routeArgs(`/t/${open.id}/posts/${number}/${tool}`, { params: { threadId: open.id, number }, cookie, form });
    // The author may delete but not flag or hide; a visitor is sent to log in; an outsider may flag (the thread is public).
    expect((await thrown(flagLoader(args("flag", member.cookie)))).status).toBe(403);
    expect((await thrown(hideLoader(args("hide", member.cookie)))).status).toBe(403);
    expect((await thrown(hideLoader(args("hide", outsider.cookie)))).status).toBe(403);
    expect((await thrown(deleteLoader(args("delete", outsider.cookie)))).status).toBe(403);
    expect((await thrown(flagLoader(args("flag", null)))).status).toBe(302);
    expect((await flagLoader(args("flag", outsider.cookie))).post.bodyHtml).toContain("A reply to act on");
    expect((await thrown(flagLoader({ ...args("flag", outsider.cookie), params: { threadId: open.id, number: "9999" } }))).status).toBe(404);
    // The owner (a moderator) hides it with a reason; an empty reason is refused and changes nothing.
    const empty = unwrap(await hideAction(args("hide", owner.cookie, { reason: "  " })));
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatch(/author will see/);
    const hidden = await hideAction(args("hide", owner.cookie, { reason: "Off topic here" }));
    expect(hidden).toBeInstanceOf(Response);
    expect((hidden as Response).headers.get("Location")).toBe(`/t/${open.id}/${open.slug}#post-${number}`);
    expect(await prisma.post.findUniqueOrThrow({ where: { id: reply.value.id }, select: { hiddenReason: true } })).toEqual({ hiddenReason: "Off topic here" });
    // Hidden: there is nothing left to hide or flag, but its author can still delete it.
    expect((await thrown(hideLoader(args("hide", owner.cookie)))).status).toBe(403);
    expect((await deleteLoader(args("delete", member.cookie))).post.number).toBe(reply.value.number);
    await deleteAction(args("delete", member.cookie, {}));
    expect(await prisma.post.findUniqueOrThrow({ where: { id: reply.value.id }, select: { deletedAt: true } })).not.toEqual({ deletedAt: null });
    // Deleted: every tool answers 404.
    expect((await thrown(deleteLoader(args("delete", member.cookie)))).status).toBe(404);
  });

  it("sends visitors who try to post to the login page", async () => {
    const response = await thrown(
      threadAction(routeArgs(`/t/${open.id}/${open.slug}`, { params: { threadId: open.id, slug: open.slug }, form: { intent: "reply", body: "hi" } })),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("refuses a reply to a locked thread from a member with 403, and a bad reply with 400", async () => {
    const member = await joined();
    const empty = unwrap(
      await threadAction(
        routeArgs(`/t/${open.id}/${open.slug}`, { params: { threadId: open.id, slug: open.slug }, cookie: member.cookie, form: { intent: "reply", body: " " } }),
      ),
    );
    expect(empty.status).toBe(400);
    await prisma.thread.update({ where: { id: open.id }, data: { lockedAt: new Date() } });
    try {
      const locked = unwrap(
        await threadAction(
          routeArgs(`/t/${open.id}/${open.slug}`, { params: { threadId: open.id, slug: open.slug }, cookie: member.cookie, form: { intent: "reply", body: "Hello?" } }),
        ),
      );
      expect(locked.status).toBe(403);
      expect(locked.body.result.initialValue.body).toBe("Hello?");
    } finally {
      await prisma.thread.update({ where: { id: open.id }, data: { lockedAt: null } });
    }
  });
});

describe("edit and history pages", () => {
  it("lets the author edit; everyone sees the history list, only moderators the earlier text", async () => {
    const author = await joined();
    const reply = await createReply(author.actor, open.id, { body: "Original words" });
    if (!reply.ok) throw new Error(reply.message);
    const number = String(reply.value.number);
    const params = { threadId: open.id, number };
    const url = `/t/${open.id}/posts/${number}/edit`;

    expect((await thrown(editLoader(routeArgs(url, { params, cookie: outsider.cookie })))).status).toBe(403);
    expect((await editLoader(routeArgs(url, { params, cookie: author.cookie }))).post.body).toBe("Original words");
    const saved = (await editAction(routeArgs(url, { params, cookie: author.cookie, form: { body: "Better words" } }))) as Response;
    expect(saved.status).toBe(302);

    const historyUrl = `/t/${open.id}/posts/${number}/history`;
    const asVisitor = await historyLoader(routeArgs(historyUrl, { params }));
    expect(asVisitor.entries.map((e) => e.label)).toEqual(["Edit 1", "Original"]);
    expect(JSON.stringify(asVisitor)).not.toContain("Original words");
    const asModerator = await historyLoader(routeArgs(historyUrl, { params, cookie: owner.cookie }));
    expect(JSON.stringify(asModerator)).toContain("Original words");

    const page = await threadLoader(routeArgs(`/t/${open.id}/${open.slug}?quote=1&after=0`, { params: { threadId: open.id, slug: open.slug } }));
    expect(page.posts.find((p) => p.number === Number(number))?.edited).toBe(true);
    // Search engines and link previews: the opening post as the description, one address per page (no quote).
    expect(page.description.length).toBeGreaterThan(0);
    expect(page.description).not.toMatch(/[<>]/);
    expect(page.canonicalUrl).toMatch(new RegExp(`/t/${open.id}/${open.slug}\\?after=0$`));
    await editPost(author.actor, reply.value.id, "Better words");
  });
});

describe("editing the opening post", () => {
  it("edits the thread's title with it: errors keep the text, the address follows the title, a reply has no title", async () => {
    const author = await joined();
    const created = await createThread(author.actor, {
      categoryId: forum.openId,
      title: "Outcomes survey timing",
      body: "When do you send them?",
      kind: "DISCUSSION",
      tags: [],
      areaSlugs: [],
    });
    if (!created.ok) throw new Error(created.message);
    const threadId = created.value.id;
    const params = { threadId, number: "1" };
    const url = `/t/${threadId}/posts/1/edit`;

    const page = await editLoader(routeArgs(url, { params, cookie: author.cookie }));
    expect(page.thread.title).toBe("Outcomes survey timing");
    expect(page.constraint.title).toMatchObject({ required: true });

    const bad = unwrap(await editAction(routeArgs(url, { params, cookie: author.cookie, form: { title: "Hi", body: "When do you send them? At 3 months?" } })));
    expect(bad.status).toBe(400);
    expect(bad.body.error.title).toEqual(["Use at least 5 characters for the title"]);
    expect(bad.body.initialValue).toMatchObject({ title: "Hi", body: "When do you send them? At 3 months?" });

    const saved = (await editAction(
      routeArgs(url, { params, cookie: author.cookie, form: { title: "When to send outcomes surveys", body: "When do you send them?" } }),
    )) as Response;
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toContain(`/t/${threadId}/when-to-send-outcomes-surveys`);
    const thread = await prisma.thread.findUniqueOrThrow({ where: { id: threadId }, select: { title: true, slug: true } });
    expect(thread).toEqual({ title: "When to send outcomes surveys", slug: "when-to-send-outcomes-surveys" });
    // Only the title changed: the post is not marked edited.
    const opening = await prisma.post.findFirstOrThrow({ where: { threadId, number: 1 }, select: { editCount: true } });
    expect(opening.editCount).toBe(0);
    // The old address still leads to the thread.
    const old = await thrown(threadLoader(routeArgs(`/t/${threadId}/${created.value.slug}`, { params: { threadId, slug: created.value.slug } })));
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe(`/t/${threadId}/when-to-send-outcomes-surveys`);

    // A reply's edit page has no title, and a title sent with it changes nothing.
    const reply = await createReply(author.actor, threadId, { body: "Answering myself" });
    if (!reply.ok) throw new Error(reply.message);
    const replyParams = { threadId, number: String(reply.value.number) };
    const replyUrl = `/t/${threadId}/posts/${reply.value.number}/edit`;
    expect((await editLoader(routeArgs(replyUrl, { params: replyParams, cookie: author.cookie }))).thread.title).toBeNull();
    await editAction(routeArgs(replyUrl, { params: replyParams, cookie: author.cookie, form: { title: "Hijacked title", body: "Answering myself, edited" } }));
    expect((await prisma.thread.findUniqueOrThrow({ where: { id: threadId }, select: { title: true } })).title).toBe("When to send outcomes surveys");
    // Another member may not edit the opening post.
    expect((await thrown(editAction(routeArgs(url, { params, cookie: outsider.cookie, form: { title: "Taken over", body: "x" } })))).status).toBe(403);
  });
});

describe("new thread page", () => {
  it("offers only the categories the member may post in and starts a thread", async () => {
    const asOutsider = await newThreadLoader(routeArgs(`/forums/${run}/new`, { params: { forumSlug: run }, cookie: outsider.cookie }));
    expect(asOutsider.categories).toEqual([]);
    const asOwner = await newThreadLoader(
      routeArgs(`/forums/${run}/new?category=${forum.openId}`, { params: { forumSlug: run }, cookie: owner.cookie }),
    );
    expect(asOwner.categories.map((c) => c.slug)).toEqual(["private", "open"]);
    expect(asOwner.categoryId).toBe(forum.openId);

    const bad = unwrap(
      await newThreadAction(routeArgs(`/forums/${run}/new`, { params: { forumSlug: run }, cookie: owner.cookie, form: { categoryId: forum.openId, title: "Hi", body: "x", kind: "DISCUSSION" } })),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.title).toBeDefined();
    expect(bad.body.initialValue.title).toBe("Hi");

    const created = (await newThreadAction(
      routeArgs(`/forums/${run}/new`, {
        params: { forumSlug: run },
        cookie: owner.cookie,
        form: { categoryId: forum.openId, title: "Outcomes survey templates", body: "Share yours", kind: "DISCUSSION", tags: "Outcomes, Surveys" },
      }),
    )) as Response;
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toMatch(/^\/t\/[^/]+\/outcomes-survey-templates$/);
    const thread = await prisma.thread.findFirstOrThrow({ where: { title: "Outcomes survey templates", forum: { slug: run } }, select: { tags: true } });
    expect(thread.tags).toEqual(["outcomes", "surveys"]);
  });

  it("sends visitors to log in", async () => {
    const response = await thrown(newThreadLoader(routeArgs(`/forums/${run}/new`, { params: { forumSlug: run } })));
    expect(response.status).toBe(302);
  });
});
