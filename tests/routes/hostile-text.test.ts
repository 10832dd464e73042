// A NUL byte or a line break where it does not belong, sent through real forms
// (PostgreSQL refuses NUL with error 22021): the text is saved cleanly, never a
// 500. Every action reads its body through readForm (tests/body-reading.test.ts),
// which cleans every field; one-line fields collapse line breaks in their schemas.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as newThreadAction } from "~/routes/discussions/forums.$forumSlug.new";
import { action as threadAction } from "~/routes/discussions/t.$threadId.($slug)";

const run = `h${Math.random().toString(36).slice(2, 8)}`;
let owner: TestMember;
let categoryId: string;

beforeAll(async () => {
  owner = await createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });
  await prisma.association.create({
    data: {
      slug: run,
      name: `Association ${run}`,
      description: "",
      descriptionHtml: "",
      memberships: { create: { userId: owner.userId, role: "OWNER" } },
      forum: { create: { slug: run, name: `Forum ${run}`, categories: { create: [{ slug: "open", name: "Open", description: "", position: 1, visibility: "PUBLIC" }] } } },
    },
  });
  ({ id: categoryId } = await prisma.category.findFirstOrThrow({ where: { forum: { slug: run } }, select: { id: true } }));
});

describe("hostile text in forms", () => {
  it("saves a thread whose title has a line break and whose fields have NUL bytes, cleanly", async () => {
    const created = (await newThreadAction(
      routeArgs(`/forums/${run}/new`, {
        params: { forumSlug: run },
        cookie: owner.cookie,
        form: { categoryId, title: "Budget\r\nBcc: someone@example.org \u0000here", body: "a\u0000b\r\nnext line", kind: "DISCUSSION", tags: "a\u0000b" },
      }),
    )) as Response;
    expect(created.status).toBe(302);
    const thread = await prisma.thread.findFirstOrThrow({
      where: { forum: { slug: run } },
      select: { id: true, slug: true, title: true, tags: true, posts: { select: { body: true } } },
    });
    expect(thread.title).toBe("Budget Bcc: someone@example.org here");
    expect(thread.posts[0]!.body).toBe("ab\nnext line");
    expect(thread.tags).toEqual(["ab"]);

    const reply = (await threadAction(
      routeArgs(`/t/${thread.id}/${thread.slug}`, {
        params: { threadId: thread.id, slug: thread.slug },
        cookie: owner.cookie,
        form: { intent: "reply", body: "\u0000\u0001Thanks\u0000" },
      }),
    )) as Response;
    expect(reply.status).toBe(302);
    const bodies = await prisma.post.findMany({ where: { threadId: thread.id }, orderBy: { number: "asc" }, select: { body: true } });
    expect(bodies.map((post) => post.body)).toEqual(["ab\nnext line", "Thanks"]);
  });
});
