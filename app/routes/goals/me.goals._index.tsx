// /me/goals — the member's development goals: in progress (soonest date first), then ended.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { GoalList } from "~/components/goals";
import { buttonClassName } from "~/components/ui/button";
import { listGoals } from "~/domain/goals/goals.server";
import { getTimeZone } from "~/domain/members/time-zone.server";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const [timeZone, goals] = await Promise.all([
    getTimeZone(actor.userId),
    listGoals({ kind: "owner", userId: actor.userId }, actor, { now: now() }),
  ]);
  return {
    open: goals.filter((goal) => goal.status === "OPEN"),
    ended: goals.filter((goal) => goal.status !== "OPEN"),
    timeZone,
  };
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "Goals" }],
};

export default function Goals() {
  const { open, ended, timeZone } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold">Your development goals</h1>
        <Link to="/me/goals/new" className={buttonClassName("primary")}>
          Write a goal
        </Link>
      </div>
      <p className="mt-3 text-stone-700">
        Goals turn your competency gaps into plans: what you will do, how you will know, by when. Dates are on your calendar
        ({timeZone}; <Link to="/settings/time-zone">change</Link>).
      </p>
      <section aria-labelledby="open-goals-title" className="mt-8">
        <h2 id="open-goals-title" className="text-2xl font-semibold">
          In progress
        </h2>
        {open.length ? (
          <GoalList goals={open} linkGoals />
        ) : (
          <p className="mt-2 text-stone-700">
            No goal in progress. <Link to="/me/competencies#gaps-title">Start from a gap on your profile</Link> or{" "}
            <Link to="/me/goals/new">write one from scratch</Link>.
          </p>
        )}
      </section>
      {ended.length ? (
        <section aria-labelledby="ended-goals-title" className="mt-8">
          <h2 id="ended-goals-title" className="text-2xl font-semibold">
            Ended
          </h2>
          <GoalList goals={ended} linkGoals />
        </section>
      ) : null}
      <p className="mt-8 text-sm text-stone-700">
        Download your goals: <a href="/me/goals.csv">CSV</a> (your competency profile’s JSON download includes them too).
      </p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Goals · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
