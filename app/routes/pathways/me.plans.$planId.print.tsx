// /me/plans/:planId/print — the member's plan as a clean document, to print or save as a PDF.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ActivityPlanDocument } from "~/components/activity-plan";
import { ErrorPage } from "~/components/error-page";
import { PrintButton } from "~/components/print-button";
import { getActivityPlan } from "~/domain/pathways/planner.server";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";
import { readerTimeZone } from "~/domain/members/actor";
import { formatDateTimeForReader } from "~/utils/zoned-dates";

export { headers } from "~/utils/headers";


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  // Plans are private: anyone but the owner finds nothing.
  const plan = await getActivityPlan(actor, params.planId ?? "");
  if (!plan) throw notFound();
  return {
    id: plan.id,
    title: plan.title,
    worksheet: plan.worksheet,
    author: actor.displayName,
    updated: { iso: plan.updatedAt.toISOString(), label: formatDateTimeForReader(plan.updatedAt, readerTimeZone(actor)) },
  };
}

export default function PrintPlan() {
  const { id, title, worksheet, author, updated } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-4 rounded-lg border border-stone-200 bg-white p-4">
        <p>
          <Link to={`/me/plans/${id}`}>← Back to the worksheet</Link>
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-stone-700">
            Use your browser’s Print command (Ctrl+P / ⌘P) to print the plan or save it as a PDF.
          </p>
          <PrintButton />
        </div>
      </div>
      <ActivityPlanDocument title={title} worksheet={worksheet} author={author} updated={updated} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.title} — printable plan · CME Commons` : "Activity plan · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
