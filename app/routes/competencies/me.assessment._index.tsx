// /me/assessment: what a self-assessment is, and the way in — start one, or continue the draft.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FormErrors } from "~/components/ui/form-errors";
import { getDraftReview, startOrResumeDraft } from "~/domain/assessments/assessments.server";
import { assessmentMinutes, MINUTES_PER_AREA } from "~/domain/assessments/constants";
import { frameworkVersionPath } from "~/domain/competencies/reading.server";
import { versionsForPerson } from "~/domain/competencies/rights.server";
import { getHomeSummary } from "~/domain/members/onboarding.server";
import { requireMember } from "~/utils/auth.server";
import { countWord } from "~/utils/numbers";
import { readForm } from "~/utils/request-body.server";
import { badRequest, formFailure } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  // The assessments domain has no "how many have I submitted?" query yet; the
  // home summary counts the member's own submitted assessments and finds their draft.
  const { assessments } = await getHomeSummary(actor.userId);
  const review = assessments.draftStep !== null ? await getDraftReview(actor) : null;
  const stepCount = review?.areas.length ?? 0;
  // A draft keeps the version it was started with; a new assessment uses one
  // of the versions the member may use (asked when there are several).
  const versions = review ? [] : await versionsForPerson(actor);
  const areaCount = review ? stepCount : versions.length === 1 ? versions[0]!.areaCount : 0;
  return {
    versions:
      versions.length > 1
        ? versions.map((version) => ({
            id: version.id,
            label: `${version.frameworkName}, version ${version.version}`,
            areaCount: version.areaCount,
            licensed: version.rights === "LICENSED",
            via: version.via,
            isSiteDefault: version.isSiteDefault,
          }))
        : [],
    // Where to read each framework the member may use before starting.
    readable: versions.map((version) => ({
      href: frameworkVersionPath(version),
      label: `${version.frameworkName}, version ${version.version}`,
    })),
    areas: areaCount > 0 ? { count: areaCount, minutes: assessmentMinutes(areaCount) } : null,
    kind: assessments.submitted === 0 ? ("baseline" as const) : ("reassessment" as const),
    draft:
      review && assessments.draftStep !== null
        ? {
            step: Math.min(Math.max(assessments.draftStep, 1), stepCount),
            stepCount,
            answered: review.areas.filter((area) => area.answer?.stage).length,
          }
        : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const formData = await readForm(request);
  if (formData.get("intent") !== "start") throw badRequest("Unknown action");
  const versionId = formData.get("versionId");
  // Resumes the member's draft if there is one: one draft at a time. The
  // domain checks the chosen version is one the member may use.
  const draft = await startOrResumeDraft(actor, typeof versionId === "string" && versionId ? versionId : null);
  if (!draft.ok) return formFailure(draft, { error: draft.message, versionId: typeof versionId === "string" ? versionId : null });
  return redirect(`/me/assessment/step/${draft.value.currentStep}`);
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: () => [{ label: "My home", to: "/home" }, { label: "Self-assessment" }],
};

export default function AssessmentHome() {
  const { kind, areas, draft, versions, readable } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="max-w-3xl">
      <h1 className="mt-4 text-3xl font-bold">Your competency self-assessment</h1>

      <p className="mt-4 text-lg text-stone-700">
        A self-assessment is a quiet look at your own work. For{" "}
        {areas ? `each of the ${countWord(areas.count)} competency areas` : "each competency area"} you read what each
        stage looks like, then choose the one that describes you today.
      </p>

      <section aria-labelledby="how-title" className="mt-8">
        <h2 id="how-title" className="text-2xl font-semibold">
          Before you start
        </h2>
        <ul className="mt-4 space-y-3">
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Allow about {countWord(MINUTES_PER_AREA)} minutes per area</h3>
            <p className="mt-1 text-stone-700">
              {areas ? `Around ${areas.minutes} minutes in all. ` : null}You don’t have to finish in one go: every answer
              is saved as you move on, and you can come back later to where you left off.
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Be honest with yourself</h3>
            <p className="mt-1 text-stone-700">
              This is not a test and nobody grades it. Most people sit at different stages in different areas. If you are
              between two stages, choose the one you fully meet today. Your draft is private to you.
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Targets are for your next review</h3>
            <p className="mt-1 text-stone-700">
              For each area you can pick the stage you would like to reach by your next self-assessment. It is optional:
              leave it empty if you are not sure yet.
            </p>
          </li>
          <li className="rounded-lg border border-stone-200 bg-white p-4">
            <h3 className="font-semibold">Evidence helps at review time</h3>
            <p className="mt-1 text-stone-700">
              A few notes or links — a project, feedback you received, a course you finished — remind you why you chose
              a stage, and make conversations with a manager or mentor easier.
            </p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="next-title" className="mt-8 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="next-title" className="text-2xl font-semibold">
          {draft ? `Your ${kind} in progress` : `Your ${kind}`}
        </h2>
        <p className="mt-2 text-stone-700">
          {kind === "baseline"
            ? "This will be your baseline: the starting point your later reassessments are compared with."
            : "This will be a reassessment. Your previous answer for each area is shown beside it, so you can see how far you have come, and your evidence notes, links and target start from last time, for you to keep, edit or replace; the stage is yours to choose again. Your earlier assessments stay as they are."}
        </p>

        {draft ? (
          <>
            <p className="mt-2 text-stone-700">
              You have answered {draft.answered} of {draft.stepCount} areas. Your answers are saved.
            </p>
            <div className="mt-4 flex flex-wrap items-center gap-x-6 gap-y-3">
              <Link
                to={`/me/assessment/step/${draft.step}`}
                className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
              >
                Continue where you left off (area {draft.step} of {draft.stepCount})
              </Link>
              <Link to="/me/assessment/review">Review your answers</Link>
            </div>
            <p className="mt-3 text-sm text-stone-600">
              Want to start over? You can discard this draft from the review page.
            </p>
          </>
        ) : (
          <Form method="post" className="mt-4">
            {versions.length > 0 ? (
              <fieldset
                className="mb-4"
                aria-describedby={actionData?.error ? "start-errors" : undefined}
                aria-invalid={actionData?.error ? true : undefined}
              >
                <legend className="font-semibold">Which framework should this assessment use?</legend>
                <p className="text-sm text-stone-600">
                  Your associations assess against different frameworks. Choose one; it stays with this assessment.
                </p>
                <ul className="mt-2 space-y-2">
                  {versions.map((version) => (
                    <li key={version.id}>
                      <label className="flex items-start gap-2">
                        <input
                          type="radio"
                          name="versionId"
                          value={version.id}
                          required
                          defaultChecked={actionData?.versionId === version.id}
                          className="mt-1.5"
                        />
                        <span>
                          <span className="font-medium">{version.label}</span>
                          <span className="block text-sm text-stone-600">
                            {version.areaCount} areas
                            {version.licensed ? " · licensed to your association" : ""}
                            {version.via.length > 0 ? ` · used by ${version.via.join(", ")}` : ""}
                            {version.isSiteDefault ? " · the site’s default" : ""}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            ) : null}
            <FormErrors id="start-errors" errors={actionData?.error ? [actionData.error] : undefined} />
            <SubmitButton name="intent" value="start" pendingText="Starting…" className="mt-2 w-full sm:w-auto">
              {kind === "baseline" ? "Start your baseline" : "Start your reassessment"}
            </SubmitButton>
          </Form>
        )}
      </section>

      {readable.length > 1 ? (
        <div className="mt-6 text-stone-700">
          <p>Want to read a framework first?</p>
          <ul className="mt-1 list-disc pl-6">
            {readable.map((framework) => (
              <li key={framework.href}>
                <Link to={framework.href}>{framework.label}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="mt-6 text-stone-700">
          Want to read the framework first?{" "}
          <Link to={readable[0]?.href ?? "/competencies"}>Browse the competency areas</Link>.
        </p>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Self-assessment · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
