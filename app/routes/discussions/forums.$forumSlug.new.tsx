// /forums/:forumSlug/new — start a thread in one of the forum's categories.
import { getCollectionProps, getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors, TextAreaField, TextField } from "~/components/ui/field";
import { CheckboxGroupField, SelectField } from "~/components/ui/choice-fields";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { TAGS_MAX, THREAD_KIND_OPTIONS, threadPath } from "~/domain/discussions/constants";
import { threadSchema } from "~/domain/discussions/schemas";
import { createThread, getNewThreadOptions } from "~/domain/discussions/threads.server";
import { requireContributor } from "~/utils/auth.server";
import { failureInit, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireContributor(request);
  const options = await getNewThreadOptions(actor, params.forumSlug ?? "");
  if (!options) throw notFound("No such forum");
  const preselected = new URL(request.url).searchParams.get("category");
  return {
    ...options,
    categoryId: options.categories.some((category) => category.id === preselected) ? preselected : null,
    constraint: formConstraint(threadSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: threadSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The category is re-fetched and authorised by createThread (and must belong to this forum).
  const options = await getNewThreadOptions(actor, params.forumSlug ?? "");
  if (!options) throw notFound("No such forum");
  if (!options.categories.some((category) => category.id === submission.value.categoryId)) {
    return data(submission.reply({ fieldErrors: { categoryId: ["Choose a category you can post in"] } }), { status: 400 });
  }
  const result = await createThread(actor, submission.value);
  if (result.ok) return redirect(threadPath(result.value));
  return data(
    submission.reply(result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] }),
    failureInit(result),
  );
}

export default function NewThread() {
  const { forum, categories, areas, categoryId, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { categoryId: categoryId ?? "", kind: "DISCUSSION" },
    constraint,
    ...useLazyValidation(() => import("~/domain/discussions/schemas").then((m) => m.threadSchema)),
  });

  if (categories.length === 0) {
    return (
      <section className="max-w-2xl">
        <h1 className="text-3xl font-bold">New thread</h1>
        <p className="mt-4">
          There is no category in {forum.name} you can post in. <Link to={`/forums/${forum.slug}`}>Back to the forum</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="new-thread-title" className="max-w-2xl">
      <p className="text-sm">
        <Link to={`/forums/${forum.slug}`}>{forum.name}</Link>
      </p>
      <h1 id="new-thread-title" className="text-3xl font-bold">
        New thread
      </h1>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          meta={fields.categoryId}
          label="Category"
          options={categories.map((category) => ({ value: category.id, label: category.name }))}
          placeholder="Choose a category…"
        />
        <TextField meta={fields.title} label="Title" description="A clear question or topic, 5 to 150 characters." />

        <fieldset className="mt-4" aria-describedby={fields.kind.errorId}>
          <legend className="font-medium">What kind of thread is it?</legend>
          <ul className="mt-1 space-y-2">
            {getCollectionProps(fields.kind, {
              type: "radio",
              options: THREAD_KIND_OPTIONS.map((option) => option.value),
            }).map(({ key, ...props }, index) => (
              <li key={key} className="flex items-start gap-2">
                <input {...props} className="mt-1 h-4 w-4 shrink-0 accent-brand-700" />
                <label htmlFor={props.id}>
                  <span className="font-medium">{THREAD_KIND_OPTIONS[index]?.label}</span>
                  <span className="block text-sm text-stone-600">{THREAD_KIND_OPTIONS[index]?.description}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>

        <TextAreaField
          meta={fields.body}
          label="Your post"
          rows={10}
          description={
            <>
              Markdown works: **bold**, *italic*, &gt; quotes, lists, [links](https://example.org) and `code`. Mention
              someone with @handle. An image from another site shows as a link readers may choose to open.
            </>
          }
        />
        <TextField
          meta={fields.tags}
          label="Tags (optional)"
          description={`Up to ${TAGS_MAX}, separated by commas, for example: pars, joint-providership.`}
        />

        {areas.length > 0 ? (
          <CheckboxGroupField
            meta={fields.areaSlugs}
            legend="Competency areas (optional)"
            description="Which areas of the framework is this about?"
            options={areas.map((area) => ({ value: area.slug, label: area.name }))}
          />
        ) : null}

        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Starting your thread…">
          Start thread
        </SubmitButton>
      </Form>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "New thread · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
