// The review pack's "Plan for the next period": the member's goals in progress, those that ended
// recently with their reflection, and (in the member's own pack only) their commitments to change
// and how they went.
import { CommitmentList, type CommitmentItem } from "~/components/commitments";
import { GoalList, type GoalListItem } from "~/components/goals";

export function PackPlan({ goals, commitments, reader = false }: { goals: GoalListItem[]; commitments?: CommitmentItem[]; reader?: boolean }) {
  const open = goals.filter((goal) => goal.status === "OPEN");
  const ended = goals.filter((goal) => goal.status !== "OPEN");
  return (
    <section aria-labelledby="pack-plan-title" className="mt-8 print:mt-4 print:break-before-auto">
      <h2 id="pack-plan-title" className="text-2xl font-semibold print:text-xl">
        Plan for the next period
      </h2>
      {open.length ? (
        <GoalList goals={open} reader={reader} />
      ) : (
        <p className="mt-2 text-stone-700">No development goal in progress.</p>
      )}
      {ended.length ? (
        <>
          <h3 className="mt-4 font-semibold">Goals that ended</h3>
          <GoalList goals={ended} showReflection reader={reader} />
        </>
      ) : null}
      {commitments?.length ? (
        <>
          <h3 className="mt-4 font-semibold">Commitments to change and how they went</h3>
          <CommitmentList commitments={commitments} links={false} />
        </>
      ) : null}
    </section>
  );
}
