// /me/plans?step=… — the member's mock-activity plans, newest edited first, and a way to start one.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FIELD_LABELS, TITLE_MAX } from "~/domain/pathways/planner-options";
import { FIELD_HELP } from "~/domain/pathways/planner-help.server";
import { findPlannerStep, listActivityPlans } from "~/domain/pathways/planner.server";
import { requireMember } from "~/utils/auth.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateTimeForReader } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";

// Dates are formatted on the server, so the page reads the same before and after hydration.

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const url = new URL(request.url);
  const stepId = url.searchParams.get("step");
  const [plans, step] = await Promise.all([
    listActivityPlans(actor.userId),
    stepId ? findPlannerStep(actor, stepId) : null,
  ]);
  return {
    plans: plans.map((plan) => ({
      id: plan.id,
      title: plan.title,
      updated: { iso: plan.updatedAt.toISOString(), label: formatDateTimeForReader(plan.updatedAt, readerTimeZone(actor)) },
    })),
    step,
    titleHelp: FIELD_HELP.title,
  };
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "Activity plans" }],
};

export default function Plans() {
  const { plans, step, titleHelp } = useLoaderData<typeof loader>();
  const stepQuery = step ? `?step=${encodeURIComponent(step.id)}` : "";

  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Your activity plans</h1>
      <p className="mt-3 text-stone-700">
        Practise planning a CME activity the way accredited providers do: from the practice gap and the need behind
        it to objectives, format, outcome level, evaluation and disclosures. Plans are private to you; you can attach
        one to a pathway step as evidence.
      </p>

      {step ? (
        <p className="mt-3 rounded-md border border-brand-100 bg-brand-50 p-3 text-stone-800">
          You came from the step “{step.title}” of {step.pathwayTitle}. Open or start a plan, then{" "}
          <Link to={step.href}>go back to the step</Link> to attach it.
        </p>
      ) : null}

      <section aria-labelledby="new-plan-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="new-plan-title" className="text-xl font-semibold">
          Start a new plan
        </h2>
        <Form method="post" action="/me/plans/new" className="mt-2">
          <label htmlFor="new-plan-name" className="block font-medium">
            {FIELD_LABELS.title}
          </label>
          <p id="new-plan-name-help" className="text-sm text-stone-600">
            {titleHelp}
          </p>
          <div className="mt-1 flex flex-col gap-3 sm:flex-row">
            <input
              id="new-plan-name"
              name="title"
              type="text"
              required
              maxLength={TITLE_MAX}
              aria-describedby="new-plan-name-help"
              className="block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm focus:border-brand-700"
            />
            {step ? <input type="hidden" name="step" value={step.id} /> : null}
            <SubmitButton className="shrink-0" pendingText="Creating…">
              Start a new plan
            </SubmitButton>
          </div>
        </Form>
      </section>

      <section aria-labelledby="plans-title" className="mt-8">
        <h2 id="plans-title" className="text-xl font-semibold">
          Your plans
        </h2>
        {plans.length === 0 ? (
          <p className="mt-2 text-stone-700">You have no plans yet. Name one above to open the worksheet.</p>
        ) : (
          <ul className="mt-3 divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
            {plans.map((plan) => (
              <li key={plan.id} className="flex flex-col gap-1 p-4 sm:flex-row sm:items-baseline sm:justify-between">
                <Link to={`/me/plans/${plan.id}${stepQuery}`} className="break-words font-semibold">
                  {plan.title}
                </Link>
                <span className="text-sm text-stone-600">
                  Last saved <time dateTime={plan.updated.iso}>{plan.updated.label}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Your activity plans · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
