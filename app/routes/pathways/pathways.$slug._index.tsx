// /pathways/:slug — a pathway: its summary, its steps in order with effort,
// areas built and the member's completion, a progress bar, enrol and leave.
// Unpublished pathways are 404 except for their authors and members enrolled before.
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { ProgressBar } from "~/components/progress-bar";
import { SubmitButton } from "~/components/ui/button";
import { enrol, getPathwayDetail, leave } from "~/domain/pathways/pathways.server";
import { formatEffort, PATHWAY_KIND_LABELS, progressText } from "~/domain/pathways/constants";
import { getActor, requireMember } from "~/utils/auth.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { badRequest, okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const detail = okOrThrow(await getPathwayDetail(actor, params.slug ?? ""));
  const url = new URL(request.url);
  return { ...detail, signedIn: actor.kind === "member", loginTo: url.pathname };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const slug = params.slug ?? "";
  const formData = await readForm(request);
  const intent = formData.get("intent");
  if (intent === "enrol") {
    okOrThrow(await enrol(actor, slug));
    return redirectWithFlash(`/pathways/${slug}`, STATUS_MESSAGES.enrolled);
  }
  if (intent === "leave") {
    okOrThrow(await leave(actor, slug));
    return redirectWithFlash(`/pathways/${slug}`, STATUS_MESSAGES.left);
  }
  throw badRequest("Unknown action");
}

const STATUS_MESSAGES = {
  enrolled: "You are enrolled. Start with any step: they are listed in the suggested order.",
  left: "You left this pathway. Your completed steps are kept, so enrolling again restores your progress.",
} as const;

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ pathway }) => [{ label: "Pathways", to: "/pathways" }, { label: pathway.title }],
};

export default function PathwayPage() {
  const { pathway, steps, progress, enrolment, canEnrol, canEdit, signedIn, loginTo } = useLoaderData<typeof loader>();
  return (
    <>
      <header className="mt-4 max-w-3xl">
        <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">{PATHWAY_KIND_LABELS[pathway.kind]}</p>
        <h1 className="text-3xl font-bold">{pathway.title}</h1>
        {pathway.published ? null : (
          <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
            This pathway is not published: only its authors and members who enrolled earlier can see it.
          </p>
        )}
        <p className="mt-2 text-stone-600">
          {steps.length} {steps.length === 1 ? "step" : "steps"}, {formatEffort(pathway.effortMinutes)} in all
          {canEdit ? (
            <>
              {" · "}
              <Link to={`/pathways/${pathway.slug}/edit`}>Edit this pathway</Link>
            </>
          ) : null}
        </p>
        <div className="prose-content mt-3 text-stone-800" dangerouslySetInnerHTML={{ __html: pathway.summaryHtml }} />
      </header>

      <section aria-labelledby="progress-title" className="mt-6 max-w-3xl rounded-lg border border-stone-200 bg-white p-4">
        <h2 id="progress-title" className="sr-only">
          Your progress
        </h2>
        {signedIn ? (
          <>
            <ProgressBar
              value={progress.completed}
              max={progress.total}
              label={`${pathway.title}: your progress`}
              text={`${progressText(progress.completed, progress.total)} completed`}
            />
            {enrolment ? (
              <p className="mt-2 text-sm text-stone-700">
                {enrolment.finishedOn
                  ? `You finished this pathway on ${enrolment.finishedOn}.`
                  : `Enrolled on ${enrolment.enrolledOn}.`}
              </p>
            ) : null}
            <Form method="post" className="mt-3">
              {enrolment ? (
                <SubmitButton name="intent" value="leave" variant="secondary" pendingText="Leaving…">
                  Leave this pathway
                </SubmitButton>
              ) : canEnrol ? (
                <SubmitButton name="intent" value="enrol" pendingText="Enrolling…">
                  Enrol in this pathway
                </SubmitButton>
              ) : null}
            </Form>
          </>
        ) : (
          <p className="text-stone-700">
            <Link to={`/login?redirectTo=${encodeURIComponent(loginTo)}`}>Log in</Link> or{" "}
            <Link to="/signup">create an account</Link> to enrol and record your progress.
          </p>
        )}
      </section>

      <section aria-labelledby="steps-title" className="mt-8 max-w-3xl">
        <h2 id="steps-title" className="text-2xl font-semibold">
          Steps
        </h2>
        <ol className="mt-4 space-y-3">
          {steps.map((step, index) => (
            <li key={step.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                <h3 className="text-lg font-semibold">
                  <span className="text-stone-600">{index + 1}. </span>
                  <Link to={`/pathways/${pathway.slug}/steps/${step.key}`}>{step.title}</Link>
                </h3>
                {step.completedOn ? (
                  <p className="text-sm font-semibold text-brand-800">
                    <span aria-hidden="true">✓ </span>Completed on {step.completedOn}
                  </p>
                ) : signedIn ? (
                  <p className="text-sm text-stone-600">Not completed yet</p>
                ) : null}
              </div>
              <p className="mt-1 text-sm text-stone-700">Effort: {formatEffort(step.effortMinutes)}</p>
              {step.areas.length ? (
                <p className="mt-1 text-sm text-stone-700">
                  Builds:{" "}
                  {step.areas.map((area, i) => (
                    <span key={area.areaSlug}>
                      {i > 0 ? "; " : ""}
                      <Link to={`/competencies/${area.areaSlug}`}>{area.areaName}</Link> toward {area.stageName}
                    </span>
                  ))}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.pathway.title} · Pathways · CME Commons` : "Pathway · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
