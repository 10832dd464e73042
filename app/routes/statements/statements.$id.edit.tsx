// /statements/:id/edit — the author or a co-author saves a new version of the
// text. Optimistic concurrency: the form names the version it started from;
// if someone saved in between, the conflict view shows both texts and keeps
// what the member typed, ready to save again on top of the current version.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FormErrorSummary } from "~/components/ui/form-errors";
import { useLazyValidation, type Constraints } from "~/components/ui/lazy-validation";
import { WordDiff } from "~/components/word-diff";
import { getStatementAccess } from "~/domain/statements/access.server";
import { TEXT_MAX } from "~/domain/statements/constants";
import { editTextSchema } from "~/domain/statements/schemas";
import { editText, getCurrentText } from "~/domain/statements/statements.server";
import { requireContributor } from "~/utils/auth.server";
import { forbidden, formFailure, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireContributor(request);
  const access = await getStatementAccess(actor, params.id ?? "");
  if (!access) throw notFound("No such statement");
  if (!access.can.editText) throw forbidden("Only the authors can change the text, and only before it is adopted.");
  const { statement } = access;
  const current = await getCurrentText(statement.id, statement.currentVersion);
  return {
    id: statement.id,
    title: statement.title,
    version: statement.currentVersion,
    text: current?.text ?? "",
    constraint: formConstraint(editTextSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  const formData = await readForm(request);
  const submission = parseWithZod(formData, { schema: editTextSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null }, { status: 400 });
  }
  const outcome = await editText(actor, id, submission.value);
  if (outcome.ok) return redirectWithFlash(`/statements/${id}`, "Your new version is saved.");
  if ("conflict" in outcome) {
    return formFailure(
      outcome,
      {
        result: submission.reply({ formErrors: [outcome.message] }),
        // Exactly what they typed (line endings aside), not the trimmed value.
        conflict: { ...outcome.conflict, yourText: typedText(formData), note: submission.value.note },
      },
    );
  }
  return formFailure(outcome, { result: submission.reply({ formErrors: [outcome.message] }), conflict: null });
}

const typedText = (formData: FormData) => String(formData.get("text") ?? "").replace(/\r\n?/g, "\n");

export default function EditStatement() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;

  return (
    <section aria-labelledby="edit-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={`/statements/${page.id}`}>{page.title}</Link>
      </p>
      <h1 id="edit-title" className="text-3xl font-bold">
        Edit the statement
      </h1>
      {conflict ? (
        <ConflictView key={conflict.currentVersion} conflict={conflict} />
      ) : (
        <EditForm page={page} />
      )}
    </section>
  );
}

function EditForm({ page }: { page: { version: number; text: string; constraint: Constraints } }) {
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { baseVersion: String(page.version), text: page.text, note: "" },
    constraint: page.constraint,
    ...useLazyValidation(() => import("~/domain/statements/schemas").then((m) => m.editTextSchema)),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-2">
      <p className="text-stone-700">
        You are editing version {page.version}. Saving creates version {page.version + 1}; earlier versions stay viewable.
      </p>
      <FormErrorSummary form={form} lastResult={actionData?.result} />
      <input {...getInputProps(fields.baseVersion, { type: "hidden" })} key={fields.baseVersion.key} />
      <TextAreaField
        meta={fields.text}
        label="The statement"
        rows={10}
        description={`Markdown works. At most ${TEXT_MAX.toLocaleString("en-US")} characters.`}
      />
      <TextField meta={fields.note} label="What changed (optional)" description="A short note shown in the version history." />
      <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving…">
        Save new version
      </SubmitButton>
    </Form>
  );
}

function ConflictView({
  conflict,
}: {
  conflict: { currentVersion: number; currentText: string; yourText: string; note: string };
}) {
  return (
    <div className="mt-4">
      <div role="alert" className="rounded-md border border-amber-600 bg-amber-50 p-4 text-amber-950">
        <h2 className="text-lg font-semibold">Someone saved a newer version while you were editing</h2>
        <p className="mt-1">
          Your text was <strong>not</strong> saved. It is still below, exactly as you typed it. Compare it with the current
          text (version {conflict.currentVersion}), merge what you want to keep, and save again.
        </p>
      </div>

      <section aria-labelledby="current-title" className="mt-6">
        <h2 id="current-title" className="text-xl font-semibold">
          The current text (version {conflict.currentVersion})
        </h2>
        <pre className="mt-2 whitespace-pre-wrap break-words rounded-md border border-stone-300 bg-stone-50 p-3 font-sans">
          {conflict.currentText}
        </pre>
      </section>

      <section aria-labelledby="diff-title" className="mt-6">
        <h2 id="diff-title" className="text-xl font-semibold">
          What differs
        </h2>
        <WordDiff
          className="mt-2"
          before={conflict.currentText}
          after={conflict.yourText}
          beforeLabel={`the current text (version ${conflict.currentVersion})`}
          afterLabel="your text"
        />
      </section>

      <Form method="post" className="mt-6">
        <input type="hidden" name="baseVersion" value={conflict.currentVersion} />
        <label htmlFor="conflict-text" className="block text-xl font-semibold">
          Your text
        </label>
        <p id="conflict-text-help" className="text-sm text-stone-600">
          Saving now builds on version {conflict.currentVersion} and creates version {conflict.currentVersion + 1}.
        </p>
        <textarea
          id="conflict-text"
          name="text"
          rows={10}
          required
          maxLength={TEXT_MAX}
          defaultValue={conflict.yourText}
          aria-describedby="conflict-text-help"
          className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2 text-base shadow-sm"
        />
        <label htmlFor="conflict-note" className="mt-4 block font-medium">
          What changed (optional)
        </label>
        <input
          id="conflict-note"
          name="note"
          defaultValue={conflict.note}
          maxLength={200}
          className="mt-1 block w-full rounded-md border border-stone-400 bg-white px-3 py-2"
        />
        <SubmitButton className="mt-6 w-full sm:w-auto" pendingText="Saving…">
          Save my text as version {conflict.currentVersion + 1}
        </SubmitButton>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit the statement · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
