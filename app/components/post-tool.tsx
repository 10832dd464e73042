import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The page of one tool for one post (flag, hide, delete): the thread it
 * belongs to, the post itself so the member sees what they act on, the form,
 * and a way back. A page of its own works without JavaScript and keeps fifty
 * copies of each form off the thread page.
 */
export function PostToolPage({
  title,
  intro,
  post,
  thread,
  back,
  children,
}: {
  title: string;
  intro?: ReactNode;
  post: { number: number; authorName: string; bodyHtml: string | null };
  thread: { title: string };
  back: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby="tool-title" className="max-w-2xl">
      <p className="text-sm text-stone-700">
        <Link to={back}>
          <span aria-hidden="true">‹ </span>Back to “{thread.title}”
        </Link>
      </p>
      <h1 id="tool-title" className="mt-2 text-3xl font-bold">
        {title}
      </h1>
      {intro ? <div className="mt-2 text-stone-700">{intro}</div> : null}
      <figure className="mt-4 rounded-lg border border-stone-200 bg-white p-3 shadow-sm">
        <figcaption className="text-sm font-semibold text-stone-700">
          Post #{post.number} by {post.authorName}
        </figcaption>
        {post.bodyHtml === null ? (
          <p className="mt-2 italic text-stone-600">Hidden by a moderator.</p>
        ) : (
          // A long post scrolls within its box; focusable, so the keyboard can scroll it too.
          <div
            role="region"
            aria-label={`Text of post #${post.number}`}
            tabIndex={0}
            className="prose-content mt-2 max-h-80 overflow-y-auto break-words"
            dangerouslySetInnerHTML={{ __html: post.bodyHtml }}
          />
        )}
      </figure>
      {children}
    </section>
  );
}

/** The title of a post tool's page: "Flag post #4 · <thread> · CME Commons". */
export function postToolMeta(verb: string, fallback: string) {
  return ({ data }: { data?: { post: { number: number }; thread: { title: string } } }) => [
    { title: data ? `${verb} post #${data.post.number} · ${data.thread.title} · CME Commons` : `${fallback} · CME Commons` },
  ];
}
