// /associations/new: any member creates an association and becomes its owner.
// The association, the owner's membership and its forum (with two starter
// categories) are made in one transaction.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { createAssociation } from "~/domain/associations/associations.server";
import { DESCRIPTION_MAX, JOIN_POLICY_OPTIONS, SLUG_MAX, SLUG_MIN, slugify } from "~/domain/associations/constants";
import { createAssociationSchema } from "~/domain/associations/schemas";
import { requireContributor } from "~/utils/auth.server";
import { enforceRateLimits } from "~/utils/rate-limit.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";
import { failureInit } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireContributor(request);
  return { constraint: formConstraint(createAssociationSchema) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: createAssociationSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // A member creates a handful of associations, not hundreds.
  await enforceRateLimits([{ key: `association-create:user:${actor.userId}`, max: 10, windowSeconds: 24 * 60 * 60 }]);
  const result = await createAssociation(actor, submission.value);
  if (!result.ok) {
    return data(
      submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.fieldErrors ? [] : [result.message] }),
      failureInit(result),
    );
  }
  return redirectWithFlash(
    `/associations/${result.value.slug}`,
    "Your association is ready. Add a few words of welcome in Announcements, then invite your first members.",
  );
}

export default function NewAssociation() {
  const { constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { joinPolicy: "OPEN" },
    constraint,
    ...useLazyValidation(() => import("~/domain/associations/schemas").then((m) => m.createAssociationSchema)),
  });
  const suggested = slugify(typeof fields.name.value === "string" ? fields.name.value : "");

  return (
    <div className="max-w-2xl">
      <p>
        <Link to="/associations">← All associations</Link>
      </p>
      <h1 className="mt-3 text-3xl font-bold">Create an association</h1>
      <p className="mt-2 text-stone-700">
        You will be its owner: you choose how people join, appoint moderators and arrange its forum. It starts with a
        forum of its own, with a public “Announcements” category and a “Members’ discussion” category only members can
        read.
      </p>

      <Form
        method="post"
        {...getFormProps(form)}
        className="mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:p-5"
      >
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextField meta={fields.name} label="Name" autoComplete="organization" />
        <TextField
          meta={fields.slug}
          label="Address (optional)"
          autoComplete="off"
          description={
            <>
              The association’s page will be at /associations/
              <strong>{fields.slug.value || suggested || "your-address"}</strong>. Leave empty to make it from the name.
              Use {SLUG_MIN} to {SLUG_MAX} lowercase letters, numbers and hyphens; it cannot be changed later.
            </>
          }
        />
        <TextAreaField
          meta={fields.description}
          label="Description"
          rows={6}
          description={`What the association is for and who it is for. Markdown works: **bold**, *italic*, lists and links. Up to ${DESCRIPTION_MAX.toLocaleString(
            "en-US",
          )} characters.`}
        />
        <TextField
          meta={fields.website}
          type="url"
          label="Website (optional)"
          autoComplete="url"
          description="A full address starting with https://"
        />
        <SelectField
          meta={fields.joinPolicy}
          label="How do people join?"
          options={JOIN_POLICY_OPTIONS}
          placeholder="Choose…"
          description="You can change this later in the association’s settings."
        />
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Creating the association…">
          Create the association
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Create an association · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
