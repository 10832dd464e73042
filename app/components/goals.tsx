// Development goals as lists: on the goals page, the competency profile, the review pack, a share
// link and a reviewer's page. Plain data in, nothing fetched; dates arrive formatted by the server.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

export type GoalListItem = {
  id: string;
  title: string;
  outcome: string;
  dueLabel: string | null;
  daysLeft: number | null;
  status: string;
  statusLabel: string;
  areas: { slug: string; name: string }[];
  endedOn: string | null;
  reflection: string;
};

/** "in 5 days", "today", "3 days ago" */
export function dueWords(daysLeft: number): string {
  if (daysLeft === 0) return "today";
  if (daysLeft === 1) return "tomorrow";
  if (daysLeft > 0) return `in ${daysLeft} days`;
  return daysLeft === -1 ? "yesterday" : `${-daysLeft} days ago`;
}

export function GoalDue({ goal }: { goal: Pick<GoalListItem, "dueLabel" | "daysLeft" | "status"> }) {
  if (!goal.dueLabel) return <span>No date</span>;
  const overdue = goal.status === "OPEN" && goal.daysLeft !== null && goal.daysLeft < 0;
  return (
    <span className={overdue ? "font-semibold text-red-800" : undefined}>
      {goal.status === "OPEN" ? "Due " : "Was due "}
      {goal.dueLabel}
      {goal.status === "OPEN" && goal.daysLeft !== null ? ` (${dueWords(goal.daysLeft)})` : null}
    </span>
  );
}

export function GoalList({
  goals,
  linkGoals = false,
  showReflection = false,
  reader = false,
  after,
}: {
  goals: GoalListItem[];
  /** Titles link to the goal's page (the member's own pages only). */
  linkGoals?: boolean;
  showReflection?: boolean;
  /** Someone else reads them (a share link, a reviewer): "how they will know". */
  reader?: boolean;
  /** Something under each goal (a reviewer's comment form). */
  after?: (goal: GoalListItem) => ReactNode;
}) {
  return (
    <ul className="mt-3 space-y-3">
      {goals.map((goal) => (
        <li key={goal.id} className="rounded-lg border border-stone-200 bg-white p-4 break-inside-avoid">
          <p className="font-semibold">
            {linkGoals ? <Link to={`/me/goals/${goal.id}`}>{goal.title}</Link> : goal.title}
          </p>
          <p className="mt-1 text-sm text-stone-700">
            <span className="rounded bg-stone-100 px-1.5 py-0.5 font-medium text-stone-800">{goal.statusLabel}</span>
            {" · "}
            <GoalDue goal={goal} />
            {goal.endedOn ? ` · ended ${goal.endedOn}` : null}
          </p>
          {goal.outcome ? (
            <p className="mt-2 text-stone-800">
              <span className="font-medium">{reader ? "How they will know" : "How you will know"}:</span> {goal.outcome}
            </p>
          ) : null}
          {goal.areas.length ? (
            <p className="mt-1 text-sm text-stone-700">Areas: {goal.areas.map((area) => area.name).join(", ")}</p>
          ) : null}
          {showReflection && goal.reflection ? (
            <p className="mt-2 whitespace-pre-line text-stone-800">
              <span className="font-medium">Reflection:</span> {goal.reflection}
            </p>
          ) : null}
          {after?.(goal)}
        </li>
      ))}
    </ul>
  );
}
