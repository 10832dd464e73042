// Home: the time-zone question (asked once), goals due soon and check-ins waiting. Its own section,
// beside the checklist and pathways.
import { Form, Link } from "@remix-run/react";
import { GoalDue } from "~/components/goals";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { SubmitButton } from "~/components/ui/button";

type HomeGoalsData = {
  timeZone: { zone: string; confirmed: boolean; choices: string[] | null };
  goals: { id: string; title: string; dueLabel: string | null; daysLeft: number | null; status: string }[];
  checkIns: { id: string; afterDays: number; text: string; madeOn: string }[];
};

export function TimeZoneQuestion({ timeZone }: { timeZone: HomeGoalsData["timeZone"] }) {
  if (timeZone.confirmed || !timeZone.choices) return null;
  return (
    <section aria-labelledby="time-zone-question" className="mt-6 rounded-lg border border-brand-100 bg-brand-50 p-4">
      <h2 id="time-zone-question" className="text-lg font-semibold">
        Which time zone are you in?
      </h2>
      <p className="mt-1 text-stone-800">
        Your goals’ dates and reminders follow your calendar. We asked your browser; check it and save (you can change it later in
        Settings).
      </p>
      <Form method="post" action="/settings/time-zone" className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <input type="hidden" name="intent" value="time-zone" />
        <input type="hidden" name="from" value="home" />
        <div className="min-w-0 flex-1">
          <label htmlFor="home-time-zone" className="block font-medium">
            Your time zone
          </label>
          <TimeZoneSelect id="home-time-zone" value={timeZone.zone} choices={timeZone.choices} proposeFromBrowser />
        </div>
        <SubmitButton pendingText="Saving…">Save time zone</SubmitButton>
      </Form>
    </section>
  );
}

export function HomeGoals({ goals, checkIns }: Pick<HomeGoalsData, "goals" | "checkIns">) {
  return (
    <section aria-labelledby="home-goals-title" className="mt-10">
      <h2 id="home-goals-title" className="text-xl font-semibold">
        Your goals
      </h2>
      {checkIns.length ? (
        <div className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h3 className="font-semibold">Check-ins waiting</h3>
          <ul className="mt-2 space-y-2">
            {checkIns.map((checkIn) => (
              <li key={checkIn.id}>
                <Link to={`/me/check-ins/${checkIn.id}`}>
                  {checkIn.afterDays}-day check-in: “{checkIn.text.length > 80 ? `${checkIn.text.slice(0, 79)}…` : checkIn.text}”
                </Link>
                <span className="block text-sm text-stone-700">Committed on {checkIn.madeOn}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {goals.length ? (
        <>
          <h3 className="mt-4 font-semibold">Due soon</h3>
          <ul className="mt-2 space-y-2">
            {goals.map((goal) => (
              <li key={goal.id} className="rounded-lg border border-stone-200 bg-white p-3">
                <Link to={`/me/goals/${goal.id}`} className="font-medium">
                  {goal.title}
                </Link>
                <span className="block text-sm text-stone-700">
                  <GoalDue goal={goal} />
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-2 text-stone-700">No goal due in the next 30 days.</p>
      )}
      <p className="mt-3">
        <Link to="/me/goals">All your goals</Link> · <Link to="/me/goals/new">Write a goal</Link>
      </p>
    </section>
  );
}
