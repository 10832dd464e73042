// The competency profile's goals and commitments: goals beside the gaps they address, the member's
// goals, and their commitments to change with how each check-in went. The member's own page only.
import { Link } from "@remix-run/react";
import { CommitmentList, type CommitmentItem } from "~/components/commitments";
import { GoalList, type GoalListItem } from "~/components/goals";

/** Under a gap: the open goals that name its area, and a way to write one. */
export function GapGoals({ goals, areaSlug, areaName }: { goals: GoalListItem[]; areaSlug: string; areaName: string }) {
  const addressing = goals.filter((goal) => goal.status === "OPEN" && goal.areas.some((area) => area.slug === areaSlug));
  return (
    <span className="mt-1 block text-sm">
      {addressing.length ? (
        <span className="block">
          Goal{addressing.length === 1 ? "" : "s"}:{" "}
          {addressing.map((goal, index) => (
            <span key={goal.id}>
              {index > 0 ? ", " : null}
              <Link to={`/me/goals/${goal.id}`}>{goal.title}</Link>
            </span>
          ))}
        </span>
      ) : null}
      <Link to={`/me/goals/new?area=${encodeURIComponent(areaSlug)}`}>
        Write a goal<span className="sr-only"> for {areaName}</span>
      </Link>
    </span>
  );
}

export function ProfileGoals({ goals }: { goals: GoalListItem[] }) {
  const open = goals.filter((goal) => goal.status === "OPEN");
  const ended = goals.filter((goal) => goal.status !== "OPEN").slice(0, 5);
  return (
    <section aria-labelledby="goals-title" className="mt-10">
      <h2 id="goals-title" className="text-2xl font-semibold">
        Development goals
      </h2>
      {open.length ? (
        <GoalList goals={open} linkGoals />
      ) : (
        <p className="mt-2 text-stone-700">No goal in progress. Start from a gap above, or <Link to="/me/goals/new">write one from scratch</Link>.</p>
      )}
      {ended.length ? (
        <>
          <h3 className="mt-4 font-semibold">Recently ended</h3>
          <GoalList goals={ended} linkGoals showReflection />
        </>
      ) : null}
      <p className="mt-3">
        <Link to="/me/goals">All your goals</Link>
      </p>
    </section>
  );
}

export function ProfileCommitments({ commitments }: { commitments: CommitmentItem[] }) {
  return (
    <section aria-labelledby="commitments-title" className="mt-10">
      <h2 id="commitments-title" className="scroll-mt-4 text-2xl font-semibold">
        Commitments to change
      </h2>
      <p className="mt-2 text-stone-700">
        What you committed to do differently on completing a pathway step or achieving a goal, and how it went at 30 and 90 days.
        Only you see these.
      </p>
      {commitments.length ? (
        <CommitmentList commitments={commitments} />
      ) : (
        <p className="mt-2 text-stone-700">None yet. You can write one when you complete a pathway step or achieve a goal.</p>
      )}
    </section>
  );
}
