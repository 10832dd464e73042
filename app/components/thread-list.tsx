import { Link } from "@remix-run/react";
import type { ThreadListItem } from "~/domain/discussions/threads.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateIn } from "~/utils/zoned-dates";

// Dates are in the reader's zone from the root loader: the same on the server and in the browser.


function Badge({ children, tone = "stone" }: { children: string; tone?: "stone" | "brand" | "amber" }) {
  const tones = {
    stone: "border-stone-300 bg-stone-100 text-stone-800",
    brand: "border-brand-700 bg-brand-700 text-white",
    amber: "border-amber-300 bg-amber-50 text-amber-900",
  };
  return <span className={`rounded border px-1.5 py-0.5 text-xs font-semibold ${tones[tone]}`}>{children}</span>;
}

/**
 * Threads by latest activity. Unread state is written out ("3 unread",
 * "New"), never shown by colour alone.
 */
export function ThreadList({
  threads,
  showCategory = false,
  emptyText = "No threads yet.",
}: {
  threads: ThreadListItem[];
  showCategory?: boolean;
  emptyText?: string;
}) {
  const timeZone = useTimeZone();
  if (threads.length === 0) return <p className="mt-3 text-stone-700">{emptyText}</p>;
  return (
    <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white shadow-sm">
      {threads.map((thread) => {
        const unread = thread.unreadCount !== null && thread.unreadCount > 0;
        return (
          <li key={thread.id} className="flex flex-col gap-1 p-3 sm:p-4">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <Link
                to={thread.href}
                className={`text-lg ${unread || thread.isNew ? "font-bold" : "font-semibold"} text-stone-900 hover:text-brand-800`}
              >
                {thread.title}
              </Link>
              {thread.isNew ? <Badge tone="brand">New</Badge> : null}
              {unread ? <Badge tone="brand">{`${thread.unreadCount} unread`}</Badge> : null}
            </div>
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700">
              {thread.pinned ? <Badge tone="amber">Pinned</Badge> : null}
              {thread.locked ? <Badge>Locked</Badge> : null}
              {thread.kind === "QUESTION" ? <Badge>{thread.answered ? "Question · answered" : "Question"}</Badge> : null}
              {showCategory ? <span>in {thread.category.name}</span> : null}
              {thread.tags.map((tag) => (
                <span key={tag} className="text-stone-600">
                  #{tag}
                </span>
              ))}
            </div>
            <p className="text-sm text-stone-600">
              {thread.replyCount === 1 ? "1 reply" : `${thread.replyCount} replies`}
              {" · "}
              {thread.authorName ? `started by ${thread.authorName} · ` : ""}
              last activity <time dateTime={thread.lastPostAt}>{formatDateIn(thread.lastPostAt, timeZone)}</time>
              {thread.lastPosterName ? ` by ${thread.lastPosterName}` : ""}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
