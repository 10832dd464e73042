/**
 * Atom 1.0 feeds for public categories and public threads. Feed readers are
 * anonymous, so the feeds show exactly what a visitor sees (the visitor's
 * where-builders), whoever asks: anything else is "not found".
 */
import { ANONYMOUS } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { visibleCategoriesWhere, visiblePostsWhere, visibleThreadsWhere } from "./policy";
import { postPath } from "./schemas";
import { escapeHtml } from "~/utils/html";

export const FEED_ENTRIES = 20;

type Entry = { id: string; title: string; url: string; authorName: string; published: Date; updated: Date; html: string };
type Feed = { id: string; title: string; subtitle: string; selfUrl: string; pageUrl: string; updated: Date; entries: Entry[] };

/** Characters XML 1.0 does not allow at all (even escaped): dropped, so one odd title never breaks a feed. */
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function renderAtom(feed: Feed): string {
  const x = (value: string) => escapeHtml(value.replace(XML_INVALID, ""));
  const entries = feed.entries
    .map(
      (entry) => `  <entry>
    <id>${x(entry.id)}</id>
    <title type="text">${x(entry.title)}</title>
    <link rel="alternate" type="text/html" href="${x(entry.url)}"/>
    <author><name>${x(entry.authorName)}</name></author>
    <published>${entry.published.toISOString()}</published>
    <updated>${entry.updated.toISOString()}</updated>
    <content type="html">${x(entry.html)}</content>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${x(feed.id)}</id>
  <title type="text">${x(feed.title)}</title>
  <subtitle type="text">${x(feed.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${x(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${x(feed.pageUrl)}"/>
  <updated>${feed.updated.toISOString()}</updated>
  <generator>CME Commons</generator>
${entries}
</feed>
`;
}

const FORMER_MEMBER = "A former member";

/**
 * A public category's feed: its 20 most recently active threads (the
 * category's lastPostAt index), each entry the thread's opening post.
 * Null when the category does not exist or is not public.
 */
export async function categoryFeed(origin: string, forumSlug: string, categorySlug: string): Promise<string | null> {
  const category = await prisma.category.findFirst({
    where: { slug: categorySlug, forum: { slug: forumSlug }, ...visibleCategoriesWhere(ANONYMOUS) },
    select: {
      id: true,
      name: true,
      description: true,
      updatedAt: true,
      forum: { select: { name: true } },
      threads: {
        where: { ...visibleThreadsWhere(ANONYMOUS), posts: { some: { number: 1, deletedAt: null, hiddenAt: null } } },
        orderBy: [{ lastPostAt: "desc" }, { id: "desc" }],
        take: FEED_ENTRIES,
        select: {
          id: true,
          slug: true,
          title: true,
          createdAt: true,
          lastPostAt: true,
          posts: {
            where: { number: 1 },
            select: { bodyHtml: true, editedAt: true, author: { select: { profile: { select: { displayName: true } } } } },
          },
        },
      },
    },
  });
  if (!category) return null;
  const pageUrl = `${origin}/forums/${forumSlug}/${categorySlug}`;
  const entries = category.threads.map((thread): Entry => {
    const opening = thread.posts[0];
    return {
      id: `${origin}/t/${thread.id}`,
      title: thread.title,
      url: `${origin}/t/${thread.id}/${thread.slug}`,
      authorName: opening?.author?.profile?.displayName ?? FORMER_MEMBER,
      published: thread.createdAt,
      updated: thread.lastPostAt,
      html: opening?.bodyHtml ?? "",
    };
  });
  return renderAtom({
    id: pageUrl,
    title: `${category.name} · ${category.forum.name} · CME Commons`,
    subtitle: category.description || `Latest threads in ${category.name}`,
    selfUrl: `${pageUrl}.atom`,
    pageUrl,
    updated: entries[0]?.updated ?? category.updatedAt,
    entries,
  });
}

/** A public thread's feed: its 20 newest visible posts. Null when it does not exist or is not public. */
export async function threadFeed(origin: string, threadId: string): Promise<string | null> {
  const thread = await prisma.thread.findFirst({
    where: { id: threadId, ...visibleThreadsWhere(ANONYMOUS) },
    select: { id: true, slug: true, title: true, updatedAt: true, category: { select: { name: true } } },
  });
  if (!thread) return null;
  const { thread: _ignored, ...postWhere } = visiblePostsWhere(ANONYMOUS);
  const posts = await prisma.post.findMany({
    where: { threadId: thread.id, ...postWhere },
    orderBy: { number: "desc" },
    take: FEED_ENTRIES,
    select: {
      number: true,
      bodyHtml: true,
      createdAt: true,
      editedAt: true,
      author: { select: { profile: { select: { displayName: true } } } },
    },
  });
  const pageUrl = `${origin}/t/${thread.id}/${thread.slug}`;
  return renderAtom({
    id: `${origin}/t/${thread.id}`,
    title: `${thread.title} · CME Commons`,
    subtitle: `Posts in “${thread.title}” (${thread.category.name})`,
    selfUrl: `${origin}/t/${thread.id}.atom`,
    pageUrl,
    updated: posts[0]?.editedAt ?? posts[0]?.createdAt ?? thread.updatedAt,
    entries: posts.map((post) => ({
      id: `${origin}/t/${thread.id}#post-${post.number}`,
      title: post.number === 1 ? thread.title : `Reply #${post.number} to ${thread.title}`,
      url: `${origin}${postPath(thread, post.number)}`,
      authorName: post.author?.profile?.displayName ?? FORMER_MEMBER,
      published: post.createdAt,
      updated: post.editedAt ?? post.createdAt,
      html: post.bodyHtml,
    })),
  });
}
