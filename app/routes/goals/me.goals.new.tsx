// /me/goals/new?area=… — write a development goal, from a gap on the competency profile (the area
// ticked, the gap named) or from scratch.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { GoalForm } from "~/components/goal-fields";
import { getCompetencyProfile } from "~/domain/assessments/profile.server";
import { areaChoices, createGoal } from "~/domain/goals/goals.server";
import { goalSchema } from "~/domain/goals/schemas";
import { getTimeZone } from "~/domain/members/time-zone.server";
import { requireMember } from "~/utils/auth.server";
import { now } from "~/utils/clock.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const area = new URL(request.url).searchParams.get("area");
  const [{ choices }, profile] = await Promise.all([areaChoices(actor), area ? getCompetencyProfile(actor) : null]);
  // Only an area of the member's own gaps is named; anything else is ignored.
  const gap = area && profile?.kind === "profile" ? (profile.gaps.find((g) => g.areaSlug === area) ?? null) : null;
  return {
    choices,
    gap: gap && choices.some((choice) => choice.value === gap.areaSlug) ? gap : null,
    constraint: formConstraint(goalSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const submission = parseWithZod(await readForm(request), { schema: goalSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createGoal(actor, submission.value, await getTimeZone(actor.userId), now());
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.fieldErrors ? [] : [result.message] }), { status: 400 });
  return redirectWithFlash(`/me/goals/${result.value.id}`, "Goal saved. Link what serves it and record your progress as you go.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "Goals", to: "/me/goals" }, { label: "New goal" }],
};

export default function NewGoal() {
  const { choices, gap, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="max-w-2xl">
      <h1 className="mt-4 text-3xl font-bold">Write a development goal</h1>
      <p className="mt-3 text-stone-700">
        Say what you will do, how you will know you did it, and by when. Only you see your goals, unless you include them in a
        share link or let your reviewers see them.
      </p>
      {gap ? (
        <p className="mt-4 rounded-md border border-brand-100 bg-brand-50 p-3 text-stone-800">
          From your gap in <strong>{gap.areaName}</strong>: you are at {gap.stage.name} and aim for {gap.target.name}.
        </p>
      ) : (
        <p className="mt-4 text-stone-700">
          Starting from a gap helps: your <Link to="/me/competencies#gaps-title">competency profile</Link> lists where your target is above
          where you stand.
        </p>
      )}
      <div className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <GoalForm
          id="new-goal"
          lastResult={lastResult}
          defaultValue={{ title: "", outcome: "", dueOn: "", areas: gap ? [gap.areaSlug] : [] }}
          constraint={constraint}
          areaChoices={choices}
          submitLabel="Save goal"
        />
      </div>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New goal · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
