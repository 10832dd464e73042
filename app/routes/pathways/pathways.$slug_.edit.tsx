// /pathways/:slug/edit — an author's page for one pathway: its status
// (publish / unpublish), its steps (reorder, edit, remove, add) and its details.
import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { CheckboxGroupField, SelectField } from "~/components/ui/choice-fields";
import { FormErrorSummary } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { BACKGROUND_OPTIONS, ROLE_ARCHETYPE_OPTIONS } from "~/domain/members/profile-options";
import { PATHWAY_KIND_LABELS, PATHWAY_KIND_OPTIONS, SLUG_MAX, SUMMARY_MAX } from "~/domain/pathways/authoring-constants";
import { moveSchema, pathwayDetailsSchema } from "~/domain/pathways/authoring-schemas";
import {
  archiveStep,
  getPathwayForEditing,
  moveStep,
  publishPathway,
  authorizeAuthorablePathway,
  unpublishPathway,
  updatePathway,
} from "~/domain/pathways/authoring.server";
import { requireMember } from "~/utils/auth.server";
import { badRequest, formFailure, notFound, okOrThrow } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

const NOTICES = {
  saved: "Details saved.",
  moved: "Step moved.",
  removed: "Step removed. Members who completed it keep their record of it.",
  published: "Published: members can now find the pathway and enrol.",
  unpublished: "Unpublished: the pathway is a draft again. Members already enrolled keep their progress.",
} as const;

async function requirePathway(request: Request, slug: string | undefined) {
  const actor = await requireMember(request);
  return okOrThrow(await authorizeAuthorablePathway(actor, slug ?? ""));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const pathway = await requirePathway(request, params.slug);
  const url = new URL(request.url);
  const editing = await getPathwayForEditing(pathway);
  // "Remove…" asks first: ?remove=<step id> shows what removing the step means, with the button that does it.
  const remove = url.searchParams.get("remove");
  return {
    pathway: editing,
    removing: editing.steps.find((step) => step.id === remove)?.id ?? null,
    constraint: formConstraint(pathwayDetailsSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const pathway = await requirePathway(request, params.slug);
  const formData = await readForm(request);
  const back = (done: keyof typeof NOTICES, slug = pathway.slug, hash = "") =>
    redirectWithFlash(`/pathways/${slug}/edit${hash}`, NOTICES[done]);

  switch (formData.get("intent")) {
    case "details": {
      const submission = parseWithZod(formData, { schema: pathwayDetailsSchema });
      if (submission.status !== "success") return data({ intent: "details" as const, result: submission.reply() }, { status: 400 });
      const result = await updatePathway(pathway, submission.value);
      if (!result.ok) {
        return data(
          { intent: "details" as const, result: submission.reply({ fieldErrors: result.fieldErrors }) },
          { status: 400 },
        );
      }
      return back("saved", result.value.slug);
    }
    case "publish": {
      const result = await publishPathway(pathway);
      if (!result.ok) return formFailure(result, { intent: "publish" as const, message: result.message });
      return back("published");
    }
    case "unpublish":
      await unpublishPathway(pathway);
      return back("unpublished");
    case "move": {
      const parsed = moveSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success || !(await moveStep(pathway, parsed.data.stepId, parsed.data.direction))) throw notFound();
      return back("moved", pathway.slug, "#steps");
    }
    case "remove": {
      const stepId = formData.get("stepId");
      if (typeof stepId !== "string" || !(await archiveStep(pathway, stepId))) throw notFound();
      return back("removed", pathway.slug, "#steps");
    }
    default:
      throw badRequest("Unknown action");
  }
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ pathway }) => [
    pathway.association
      ? { label: pathway.association.name, to: `/associations/${pathway.association.slug}` }
      : { label: "Pathways (administration)", to: "/admin/pathways" },
  ],
};

export default function EditPathway() {
  const { pathway, removing, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const published = pathway.status === "PUBLISHED";
  const publishError = actionData?.intent === "publish" ? actionData.message : null;

  return (
    <div className="max-w-3xl">
      <header className="mt-2">
        <p className="text-sm font-semibold text-brand-700">Editing pathway</p>
        <h1 className="text-3xl font-bold break-words">{pathway.title}</h1>
        <p className="mt-2 text-stone-700">
          {PATHWAY_KIND_LABELS[pathway.kind]} · {pathway.steps.length} {pathway.steps.length === 1 ? "step" : "steps"} ·{" "}
          {pathway.enrolledCount} enrolled
        </p>
      </header>

      <section aria-labelledby="status-title" className="mt-6 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="status-title" className="sr-only">
          Status
        </h2>
        <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div>
            <p className="flex flex-wrap items-center gap-2">
              <span
                className={`rounded-full px-3 py-1 text-sm font-semibold ${
                  published ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"
                }`}
              >
                {published ? "Published" : "Draft"}
              </span>
              <span className="text-stone-700">
                {published ? "Anyone can see it; members can enrol." : "Only its authors can see it."}
              </span>
            </p>
            <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1">
              <Link to={`/pathways/${pathway.slug}/preview`}>Preview as members will see it</Link>
              {published ? <Link to={`/pathways/${pathway.slug}`}>Open the public page</Link> : null}
            </p>
          </div>
          <Form method="post" className="shrink-0">
            {published ? (
              <SubmitButton name="intent" value="unpublish" variant="secondary" pendingText="Unpublishing…" className="w-full sm:w-auto">
                Unpublish
              </SubmitButton>
            ) : (
              <SubmitButton
                name="intent"
                value="publish"
                pendingText="Publishing…"
                aria-describedby={publishError ? "publish-error" : undefined}
                className="w-full sm:w-auto"
              >
                Publish
              </SubmitButton>
            )}
          </Form>
        </div>
        {publishError ? (
          <p id="publish-error" role="alert" className="mt-3 rounded-md border border-red-300 bg-red-50 p-3 text-red-900">
            {publishError}
          </p>
        ) : null}
        {published ? (
          <p className="mt-3 text-sm text-stone-600">
            Unpublishing hides it from lists and new enrolments; members already enrolled keep it and their progress.
          </p>
        ) : null}
      </section>

      <StepList slug={pathway.slug} steps={pathway.steps} removing={removing} />

      <DetailsForm
        pathway={pathway}
        lastResult={actionData?.intent === "details" ? actionData.result : undefined}
        constraint={constraint}
      />
    </div>
  );
}

type EditData = ReturnType<typeof useLoaderData<typeof loader>>["pathway"];

const smallButton =
  "inline-flex items-center rounded-md border border-stone-400 bg-white px-3 py-1.5 text-sm font-semibold text-stone-900 no-underline hover:bg-stone-100";

function StepList({ slug, steps, removing }: { slug: string; steps: EditData["steps"]; removing: string | null }) {
  return (
    <section aria-labelledby="steps" className="mt-8">
      <h2 id="steps" className="text-2xl font-semibold">
        Steps
      </h2>
      <p className="mt-1 text-stone-700">
        Members take the steps in this order. Editing or moving a step keeps members’ progress; removing one takes it out
        of the pathway, and members who completed it keep their record of it.
      </p>
      {steps.length === 0 ? (
        <p className="mt-4 rounded-md border border-dashed border-stone-400 p-4 text-stone-700">
          No steps yet. Add the first one: a pathway needs at least one step before it can be published.
        </p>
      ) : (
        <ol className="mt-4 space-y-3">
          {steps.map((step, index) => {
            const name = <span className="sr-only"> step {index + 1}, {step.title}</span>;
            return (
              <li key={step.id} id={`step-${step.id}`} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
                <p className="font-semibold break-words">
                  <span className="text-brand-700">Step {index + 1}.</span> {step.title}
                </p>
                <p className="mt-1 text-sm text-stone-600">
                  About {step.effortMinutes} min · {step.areaCount} {step.areaCount === 1 ? "area" : "areas"} ·{" "}
                  {step.completedCount} {step.completedCount === 1 ? "member has" : "members have"} completed it
                </p>
                <div className="mt-3 flex flex-wrap gap-2">
                  <Link to={`/pathways/${slug}/edit/steps/${step.id}`} className={smallButton}>
                    Edit{name}
                  </Link>
                  {index > 0 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="stepId" value={step.id} />
                      <input type="hidden" name="direction" value="up" />
                      <button type="submit" className={smallButton}>
                        Move up{name}
                      </button>
                    </Form>
                  ) : null}
                  {index < steps.length - 1 ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="move" />
                      <input type="hidden" name="stepId" value={step.id} />
                      <input type="hidden" name="direction" value="down" />
                      <button type="submit" className={smallButton}>
                        Move down{name}
                      </button>
                    </Form>
                  ) : null}
                  <Link
                    to={`?remove=${step.id}#step-${step.id}`}
                    preventScrollReset
                    className={`${smallButton} border-red-700 text-red-800 hover:bg-red-50`}
                  >
                    Remove…{name}
                  </Link>
                </div>
                {removing === step.id ? (
                  <RemoveConfirmation slug={slug} step={step} number={index + 1} />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <p className="mt-4">
        <Link
          to={`/pathways/${slug}/edit/steps/new`}
          className="inline-flex items-center justify-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white"
        >
          Add a step
        </Link>
      </p>
    </section>
  );
}

/** What removing a step means, and the button that does it (a GET showed it; Cancel changes nothing). */
function RemoveConfirmation({ slug, step, number }: { slug: string; step: EditData["steps"][number]; number: number }) {
  const completed =
    step.completedCount === 0
      ? "No member has completed it yet."
      : `The ${step.completedCount === 1 ? "member who has" : `${step.completedCount} members who have`} completed it keep${step.completedCount === 1 ? "s" : ""} their record of it.`;
  return (
    <section aria-labelledby={`remove-${step.id}-title`} className="mt-3 rounded-lg border border-red-300 bg-red-50 p-3">
      <h3 id={`remove-${step.id}-title`} className="font-semibold">
        Remove step {number}, “{step.title}”?
      </h3>
      <p className="mt-1 text-stone-800">It leaves the pathway for everyone, now and later. {completed}</p>
      <Form method="post" className="mt-3 flex flex-wrap items-center gap-4">
        <input type="hidden" name="intent" value="remove" />
        <input type="hidden" name="stepId" value={step.id} />
        <SubmitButton variant="danger" pendingText="Removing…">
          Remove step {number}
        </SubmitButton>
        <Link to={`/pathways/${slug}/edit#step-${step.id}`} preventScrollReset>
          Cancel
        </Link>
      </Form>
    </section>
  );
}

function DetailsForm({
  pathway,
  lastResult,
  constraint,
}: {
  pathway: EditData;
  lastResult: SubmissionResult<string[]> | undefined;
  constraint: Constraints;
}) {
  const [form, fields] = useForm({
    id: "pathway-details",
    lastResult,
    defaultValue: {
      title: pathway.title,
      slug: pathway.slug,
      summary: pathway.summary,
      kind: pathway.kind,
      roleArchetypes: pathway.roleArchetypes,
      backgrounds: pathway.backgrounds,
    },
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/authoring-schemas").then((m) => m.pathwayDetailsSchema)),
  });
  return (
    <section aria-labelledby="details-title" className="mt-10">
      <h2 id="details-title" className="text-2xl font-semibold">
        Details
      </h2>
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="details" />
        <FormErrorSummary form={form} lastResult={lastResult} />
        <div className="mt-3 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
          <TextField meta={fields.title} label="Title" className="mt-0" />
          <TextField
            meta={fields.slug}
            label="Web address"
            description={`Shown as /pathways/${pathway.slug}. Changing it breaks links people saved. Lowercase letters, numbers and hyphens, up to ${SLUG_MAX} characters.`}
            autoComplete="off"
          />
          <TextAreaField
            meta={fields.summary}
            label="Summary"
            rows={4}
            description={`Who it is for and where it leads. Markdown works. Up to ${SUMMARY_MAX.toLocaleString("en-US")} characters.`}
          />
          <SelectField meta={fields.kind} label="Kind of pathway" options={PATHWAY_KIND_OPTIONS} />
          <CheckboxGroupField meta={fields.roleArchetypes} legend="Especially for these roles (optional)" options={ROLE_ARCHETYPE_OPTIONS} />
          <CheckboxGroupField
            meta={fields.backgrounds}
            legend="Especially for people coming from (optional)"
            options={BACKGROUND_OPTIONS}
          />
        </div>
        <SubmitButton name="intent" value="details" className="mt-4 w-full sm:w-auto" pendingText="Saving…">
          Save details
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit ${data.pathway.title} · CME Commons` : "Edit pathway · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
