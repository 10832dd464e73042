// /notifications: a member's notifications, newest first. Opening an unread
// one goes through a POST (/notifications/:id) that marks it read; "Mark all
// as read" is a form on this page.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { listNotifications, markAllRead, unreadNotificationCount } from "~/domain/notifications/notifications.server";
import { notificationText, type NotificationView } from "~/domain/notifications/targets";
import { requireMember } from "~/utils/auth.server";
import { useTimeZone } from "~/utils/time-zone";
import { formatDateTimeForReader } from "~/utils/zoned-dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { badRequest } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const params = new URL(request.url).searchParams;
  const after = params.get("after");
  const [{ items, nextCursor }, unread] = await Promise.all([
    listNotifications(actor, after),
    unreadNotificationCount(actor.userId),
  ]);
  return {
    items,
    unread,
    isLaterPage: !!after,
    nextPage: nextCursor ? `/notifications?${new URLSearchParams({ after: nextCursor })}` : null,
  };
}

const actionSchema = z.object({ intent: z.literal("mark-all-read") });

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const parsed = actionSchema.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) throw badRequest("Unknown action");
  await markAllRead(actor);
  return redirectWithFlash("/notifications", "All your notifications are marked as read.");
}


function NotificationItem({ item }: { item: NotificationView & { href: string | null } }) {
  const text = notificationText(item);
  const timeZone = useTimeZone();
  const when = (
    <time dateTime={item.createdAt} className="block text-sm text-stone-600">
      {formatDateTimeForReader(item.createdAt, timeZone)}
    </time>
  );
  const label = item.read ? null : (
    <span className="mr-2 inline-block rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">
      Unread
    </span>
  );
  return (
    <li
      className={`rounded-lg border p-4 shadow-sm ${
        item.read ? "border-stone-200 bg-white" : "border-l-4 border-brand-700 bg-brand-50"
      }`}
    >
      {!item.read ? (
        // Opening an unread notification marks it read: a POST, then a redirect to what it is about.
        <Form method="post" action={`/notifications/${item.id}`}>
          {label}
          <button
            type="submit"
            className="cursor-pointer text-left font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-900"
          >
            {text}
          </button>
          {when}
        </Form>
      ) : (
        <>
          {item.href ? (
            <Link to={item.href} className="break-words">
              {text}
            </Link>
          ) : (
            <span className="break-words">{text}</span>
          )}
          {when}
        </>
      )}
    </li>
  );
}

export default function Notifications() {
  const { items, unread, isLaterPage, nextPage } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="notifications-title" className="max-w-3xl">
      <h1 id="notifications-title" className="text-3xl font-bold">
        Notifications
      </h1>
      <p className="mt-2 text-stone-700">
        Replies in threads you watch, mentions of you, replies to your posts and news from your associations.
      </p>

      <div className="mt-4 flex flex-wrap items-center justify-between gap-4">
        <p className="font-medium">{unread === 0 ? "You have no unread notifications." : `${unread} unread`}</p>
        {unread > 0 ? (
          <Form method="post">
            <SubmitButton name="intent" value="mark-all-read" variant="secondary" pendingText="Marking…">
              Mark all as read
            </SubmitButton>
          </Form>
        ) : null}
      </div>

      {items.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">
          {isLaterPage ? (
            <p>
              That’s all of them. <Link to="/notifications">Back to the newest</Link>.
            </p>
          ) : (
            <p>
              Nothing yet. Watch a thread or a category, or join the conversation in the{" "}
              <Link to="/forums/community">community forum</Link>, and you’ll hear about replies here.
            </p>
          )}
        </div>
      ) : (
        <ul className="mt-6 space-y-3">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} />
          ))}
        </ul>
      )}

      {nextPage || isLaterPage ? (
        <nav aria-label="More notifications" className="mt-6 flex flex-wrap justify-between gap-4">
          {isLaterPage ? <Link to="/notifications">← Newest</Link> : <span />}
          {nextPage ? (
            <Link to={nextPage} rel="next">
              Older notifications →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Notifications · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
