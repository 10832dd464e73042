// /pathways/new — a new draft pathway: a site pathway (administrators) or,
// with ?association=<slug>, one of that association's (its owner and moderators).
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { CheckboxGroupField, SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { BACKGROUND_OPTIONS, ROLE_ARCHETYPE_OPTIONS } from "~/domain/members/profile-options";
import { PATHWAY_KIND_OPTIONS, SLUG_MAX, SUMMARY_MAX } from "~/domain/pathways/authoring-constants";
import { pathwayDetailsSchema } from "~/domain/pathways/authoring-schemas";
import { createPathway, authorizeAuthoringTarget } from "~/domain/pathways/authoring.server";
import { requireMember } from "~/utils/auth.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

async function requireTarget(request: Request) {
  const actor = await requireMember(request);
  const association = new URL(request.url).searchParams.get("association");
  return { actor, target: okOrThrow(await authorizeAuthoringTarget(actor, association)) };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { target } = await requireTarget(request);
  return {
    association: target.association ? { slug: target.association.slug, name: target.association.name } : null,
    constraint: formConstraint(pathwayDetailsSchema),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { actor, target } = await requireTarget(request);
  const submission = parseWithZod(await readForm(request), { schema: pathwayDetailsSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await createPathway(actor, target, submission.value);
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirectWithFlash(`/pathways/${result.value.slug}/edit`, "Draft created. Add its steps, preview it, then publish it.");
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ association }) => [
    association
      ? { label: association.name, to: `/associations/${association.slug}` }
      : { label: "Pathways (administration)", to: "/admin/pathways" },
  ],
};

export default function NewPathway() {
  const { association, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const location = useLocation();
  const [form, fields] = useForm({
    id: "new-pathway",
    lastResult,
    constraint,
    ...useLazyValidation(() => import("~/domain/pathways/authoring-schemas").then((m) => m.pathwayDetailsSchema)),
  });

  return (
    <div className="max-w-2xl">
      <h1 className="mt-2 text-3xl font-bold">{association ? `New pathway for ${association.name}` : "New site pathway"}</h1>
      <p className="mt-2 text-stone-700">
        Start with the details. The pathway is saved as a draft that only{" "}
        {association ? "the association’s owner and moderators" : "site administrators"} can see; you add its steps
        next, preview it, and publish it when it is ready.
      </p>

      <Form method="post" action={`${location.pathname}${location.search}`} {...getFormProps(form)} className="mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5">
          <TextField meta={fields.title} label="Title" className="mt-0" />
          <TextField
            meta={fields.slug}
            label="Web address (optional)"
            description={`Shown as /pathways/your-address. Leave it blank to make one from the title. Lowercase letters, numbers and hyphens, up to ${SLUG_MAX} characters.`}
            autoComplete="off"
          />
          <TextAreaField
            meta={fields.summary}
            label="Summary"
            rows={4}
            description={`Who it is for and where it leads, in a few sentences. Markdown works. Up to ${SUMMARY_MAX.toLocaleString("en-US")} characters.`}
          />
          <SelectField meta={fields.kind} label="Kind of pathway" options={PATHWAY_KIND_OPTIONS} />
          <CheckboxGroupField
            meta={fields.roleArchetypes}
            legend="Especially for these roles (optional)"
            options={ROLE_ARCHETYPE_OPTIONS}
          />
          <CheckboxGroupField
            meta={fields.backgrounds}
            legend="Especially for people coming from (optional)"
            options={BACKGROUND_OPTIONS}
          />
          <p className="mt-2 text-sm text-stone-600">Recommendations favour members whose profile matches these.</p>
        </div>
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Creating the draft…">
          Create draft
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New pathway · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
