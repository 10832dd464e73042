import { describe, expect, it } from "vitest";
import type { PostView } from "~/domain/discussions/threads.server";
import { postHtml, type PostContext } from "./post";

const context: PostContext = {
  threadId: "t1",
  threadPath: "/t/t1/budgets",
  postHref: (n) => (n <= 50 ? `#post-${n}` : `/t/t1/budgets?after=${n - 1}#post-${n}`),
  quoteHref: (n) => `?quote=${n}#reply`,
  canReply: true,
};

const none = { edit: false, delete: false, react: false, flag: false, accept: false, moderate: false };

function post(overrides: Partial<PostView> = {}): PostView {
  return {
    id: "p7",
    number: 7,
    author: { handle: "ana-perez", displayName: "Ana Pérez", photo: null },
    isAuthor: false,
    bodyHtml: "<p>Plan the <strong>evaluation</strong> first.</p>",
    state: "visible",
    hiddenReason: null,
    replyToNumber: null,
    edited: false,
    createdAt: "2026-04-05T12:23:29.966Z",
    helpfulCount: 2,
    reactedHelpful: false,
    unread: false,
    accepted: false,
    can: none,
    ...overrides,
  };
}

describe("postHtml", () => {
  it("names the post for screen readers, links the author and the post, and writes the body as sanitised", () => {
    const html = postHtml(post(), context);
    expect(html).toContain('<article aria-labelledby="post-7-heading"');
    expect(html).toContain('<h2 id="post-7-heading" class="text-base font-semibold"><span class="sr-only">Post #7 by </span><a href="/members/ana-perez">Ana Pérez</a></h2>');
    expect(html).toContain('<a href="#post-7" class="text-stone-600" aria-label="Link to post #7">#7</a>');
    expect(html).toContain('<time datetime="2026-04-05T12:23:29.966Z">Apr 5, 2026, 12:23 PM UTC</time>');
    expect(html).toContain("<p>Plan the <strong>evaluation</strong> first.</p>");
    expect(html).toContain('<span aria-hidden="true" class="inline-flex');
  });

  it("escapes what members wrote outside the body: names and a moderator's reason", () => {
    const html = postHtml(
      post({ author: { handle: "x", displayName: `<img src=x onerror="alert(1)">`, photo: null }, state: "hidden", hiddenReason: `"spam" <b>`, isAuthor: true }),
      context,
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("Hidden by a moderator: only you and moderators can see this text. Reason: &quot;spam&quot; &lt;b&gt;");
  });

  it("shows the author's photo when the viewer may see one (the address comes from the loader), else initials", () => {
    const withPhoto = postHtml(post({ author: { handle: "ana-perez", displayName: "Ana Pérez", photo: "/photos/ana-perez/small-0123456789abcdefm.webp" } }), context);
    expect(withPhoto).toContain('<img src="/photos/ana-perez/small-0123456789abcdefm.webp" alt=""');
    expect(withPhoto).not.toContain(">AP</span>");
    expect(postHtml(post(), context)).toContain(">AP</span>");
  });

  it("offers only the tools the viewer may use, each named with the post's number", () => {
    const reader = postHtml(post({ can: { ...none, react: true, flag: true } }), context);
    expect(reader).toContain('aria-pressed="false"');
    expect(reader).toContain('>Helpful · 2<span class="sr-only"> found this helpful</span></button>');
    expect(reader).toContain('<input type="hidden" name="helpful" value="1"/>');
    expect(reader).toContain('href="?quote=7#reply"');
    expect(reader).toContain('href="/t/t1/posts/7/flag"');
    expect(reader).toContain('Flag<span class="sr-only"> post #7</span>');
    for (const tool of ["edit", "delete", "hide"]) expect(reader).not.toContain(`/posts/7/${tool}"`);

    const author = postHtml(post({ isAuthor: true, reactedHelpful: true, can: { ...none, react: true, edit: true, delete: true } }), context);
    expect(author).toContain('aria-pressed="true"');
    expect(author).toContain('href="/t/t1/posts/7/edit"');
    expect(author).toContain('href="/t/t1/posts/7/delete"');
    expect(author).not.toContain("/flag");

    const moderator = postHtml(post({ state: "hidden", can: { ...none, moderate: true } }), context);
    expect(moderator).toContain('name="intent" value="restore"');
    expect(moderator).not.toContain("/posts/7/hide");

    const visitor = postHtml(post({ helpfulCount: 0 }), { ...context, canReply: false });
    expect(visitor).not.toContain("<form");
    expect(visitor).not.toContain("no-print mt-3");
  });

  it("writes out a deleted post, a hidden one the viewer may not read, an edit, a reply and the accepted answer", () => {
    expect(postHtml(post({ state: "deleted", bodyHtml: null, can: { ...none, flag: true } }), context)).toContain("This post was deleted.");
    expect(postHtml(post({ state: "hidden", bodyHtml: null }), context)).toContain("Hidden by a moderator.</p>");
    const html = postHtml(post({ edited: true, replyToNumber: 60, accepted: true, unread: true }), context);
    expect(html).toContain('href="/t/t1/posts/7/history"');
    expect(html).toContain('<a href="/t/t1/budgets?after=59#post-60">In reply to #60</a>');
    expect(html).toContain("Accepted answer</span>");
    expect(html).toContain(">Unread</span>");
    const underHeading = postHtml(post({ accepted: true }), context, { headingLevel: 3, idPrefix: "accepted", actions: false, showAcceptedBadge: false });
    expect(underHeading).toContain('<h3 id="accepted-7-heading"');
    expect(underHeading).not.toContain("Accepted answer");
    expect(underHeading).not.toContain("<form");
  });
});
