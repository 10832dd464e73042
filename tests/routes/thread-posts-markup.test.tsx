/**
 * Guard for decision 0012: a thread page's posts are the HTML strings that
 * `postHtml` (components/post.ts) writes, put in the page as they are, and
 * their links and toolbar forms are the plain ones that the page's
 * `usePostMarkupNavigation` sends through Remix. If the page stops using the
 * strings (or renders posts some other way), or the strings lose what the
 * client-side handling looks for, this fails. The browser half (no page
 * reload) is checked end to end in tests/e2e/discussions.spec.ts.
 *
 * The page is rendered as Remix serves it: its real loader and component,
 * behind Remix's own request handler, under a bare root route.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { postHtml } from "~/components/post";
import { createReply } from "~/domain/discussions/posts.server";
import { createThread } from "~/domain/discussions/threads.server";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../fixtures/members";
import { handleThreadPage } from "../fixtures/thread-page";

// The real postHtml, watched: the test compares what it wrote with what the page holds.
vi.mock("~/components/post", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/components/post")>();
  return { ...actual, postHtml: vi.fn(actual.postHtml) };
});

const run = `pm${Math.random().toString(36).slice(2, 8)}`;
const veteran = () => createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });
let author: TestMember;
let reader: TestMember;
let threadPath: string;

beforeAll(async () => {
  [author, reader] = [await veteran(), await veteran()];
  await prisma.association.create({
    data: {
      slug: run,
      name: `Association ${run}`,
      description: "",
      descriptionHtml: "",
      memberships: { create: { userId: author.userId, role: "OWNER" } },
      forum: {
        create: {
          slug: run,
          name: `Forum ${run}`,
          categories: { create: [{ slug: "open", name: "Open door", description: "Everyone", position: 1, visibility: "PUBLIC" }] },
        },
      },
    },
  });
  const category = await prisma.category.findFirstOrThrow({ where: { forum: { slug: run } }, select: { id: true } });
  const thread = await createThread(author.actor, {
    categoryId: category.id,
    title: `Markup guard ${run}`,
    body: "Which *outcomes* do you measure?",
    kind: "QUESTION",
    tags: [],
    areaSlugs: [],
  });
  if (!thread.ok) throw new Error(thread.message);
  threadPath = `/t/${thread.value.id}/${thread.value.slug}`;
  for (const body of ["- a list item\n- another", "See [the planner](/pathways) first."]) {
    const reply = await createReply(author.actor, thread.value.id, { body });
    if (!reply.ok) throw new Error(reply.message);
  }
});

describe("a thread page's posts", () => {
  it("are the strings postHtml wrote, with the plain links and forms the page's handlers take over", async () => {
    vi.mocked(postHtml).mockClear();
    const response = await handleThreadPage(new Request(`http://localhost${threadPath}`, { headers: { Cookie: reader.cookie } }), {
      cspNonce: "test",
      clientIp: "192.0.2.1",
    });
    expect(response.status).toBe(200);
    const html = await response.text();

    const written = vi.mocked(postHtml).mock.results.map((result) => result.value as string);
    const listed = written.filter((markup) => /^<article aria-labelledby="post-\d+-heading"/.test(markup));
    expect(listed).toHaveLength(3);
    // Each post's list item holds its string exactly: React rendered no post markup of its own.
    for (const markup of listed) {
      const number = /post-(\d+)-heading/.exec(markup)![1];
      expect(html).toContain(`<li id="post-${number}" class="scroll-mt-4">${markup}</li>`);
    }
    expect(html.match(/<li id="post-\d+"/g)).toHaveLength(3);

    // What usePostMarkupNavigation looks for: plain same-site links and forms marked data-delegated.
    expect(html).toContain(`<a href="/members/${author.handle}">${author.displayName}</a>`);
    expect(html).toContain('<a href="/pathways"');
    expect(html).toMatch(/<form method="post" data-delegated=""><input type="hidden" name="intent" value="helpful"\/>/);
  });
});
