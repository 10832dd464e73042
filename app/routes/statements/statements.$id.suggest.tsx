// /statements/:id/suggest — a member in scope suggests a revision of an open statement's text.
// The form names the version it is based on; if the text moved on meanwhile, the member sees
// both texts and the word diff, keeps what they typed, and can send it again on the new version.
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { WordDiff } from "~/components/word-diff";
import type { Actor } from "~/domain/members/actor";
import { getStatementAccess } from "~/domain/statements/access.server";
import { statementPath } from "~/domain/statements/policy";
import { TEXT_MAX } from "~/domain/statements/constants";
import { suggestSchema } from "~/domain/statements/schemas";
import { getSuggestFormData, suggest, withdraw } from "~/domain/statements/suggestions.server";
import { assertContributor, getActor, requireContributor, requireMember } from "~/utils/auth.server";
import { forbidden, formFailure, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

async function requireSuggestAccess(actor: Actor, id: string) {
  const access = await getStatementAccess(actor, id);
  if (!access) throw notFound("No such statement");
  if (!access.can.suggest) {
    if (access.can.editText) throw redirect(`${statementPath(id)}/edit`);
    throw forbidden("You can't suggest revisions of this statement");
  }
  return access;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const id = params.id ?? "";
  const access = await getStatementAccess(actor, id);
  if (!access) throw notFound("No such statement");
  // Visitors who could see it are asked to sign in first.
  if (actor.kind !== "member") await requireMember(request);
  else assertContributor(actor);
  const { statement } = await requireSuggestAccess(actor, id);
  const { currentText, rebasing } = await getSuggestFormData(
    actor,
    statement,
    new URL(request.url).searchParams.get("rebase"),
  );
  return {
    statement: { id: statement.id, title: statement.title, currentVersion: statement.currentVersion },
    currentText,
    rebasing,
    constraint: formConstraint(suggestSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const id = params.id ?? "";
  await requireSuggestAccess(actor, id);
  const submission = parseWithZod(await readForm(request), { schema: suggestSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), conflict: null }, { status: 400 });
  }
  const { replaces, ...input } = submission.value;
  const result = await suggest(actor, id, input);
  if (result.ok) {
    // A rebased suggestion replaces the outdated one it came from.
    if (replaces && result.value.created) await withdraw(actor, replaces);
    return redirectWithFlash(
      `${statementPath(id)}/suggestions#suggestion-${result.value.suggestionId}`,
      "Thank you: your suggestion was sent to the authors.",
    );
  }
  return formFailure(
    result,
    {
      result: submission.reply(
        result.fieldErrors ? { fieldErrors: result.fieldErrors } : { formErrors: [result.message] },
      ),
      conflict: result.conflict ? { ...result.conflict, yourText: input.text } : null,
    },
  );
}

export default function SuggestRevision() {
  const { statement, currentText, rebasing, constraint } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const conflict = actionData?.conflict ?? null;
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { text: rebasing?.text ?? currentText, note: rebasing?.note ?? "" },
    constraint,
    ...useLazyValidation(() => import("~/domain/statements/schemas").then((m) => m.suggestSchema)),
  });
  // After a conflict the page's data is already the new current version: sending again rebases on it.
  const baseVersion = conflict?.currentVersion ?? statement.currentVersion;
  const back = statementPath(statement.id);
  return (
    <section aria-labelledby="suggest-title" className="max-w-3xl">
      <p className="text-sm">
        <Link to={back}>Back to “{statement.title}”</Link>
      </p>
      <h1 id="suggest-title" className="mt-1 text-3xl font-bold">
        Suggest a revision
      </h1>
      <p className="mt-2 text-stone-700">
        Rewrite the text of “{statement.title}” as you think it should read. The authors see your suggestion
        as a word-by-word comparison with version {statement.currentVersion} and accept or decline it. If they accept
        it, it becomes the next version and you are credited.
      </p>

      {conflict ? (
        <div role="alert" className="mt-4 rounded-lg border border-amber-400 bg-amber-50 p-4">
          <h2 className="text-lg font-semibold">The statement changed while you were writing</h2>
          <p className="mt-1 text-stone-800">
            Someone saved version {conflict.currentVersion} in the meantime. Your text is kept below, unchanged.
            Compare it with the current text, adjust it if you like, and send it again: it will then be based on
            version {conflict.currentVersion}.
          </p>
          <h3 className="mt-4 font-semibold">The current text (version {conflict.currentVersion})</h3>
          <div className="mt-1 whitespace-pre-wrap break-words rounded-md border border-stone-200 bg-white p-3">
            {conflict.currentText}
          </div>
          <h3 className="mt-4 font-semibold">How your text differs from it</h3>
          <WordDiff
            className="mt-1"
            before={conflict.currentText}
            after={conflict.yourText}
            beforeLabel={`version ${conflict.currentVersion}`}
            afterLabel="your text"
          />
        </div>
      ) : rebasing && rebasing.baseVersion !== statement.currentVersion ? (
        <div className="mt-4 rounded-lg border border-stone-300 bg-white p-4">
          <h2 className="text-lg font-semibold">Bringing your suggestion up to date</h2>
          <p className="mt-1 text-stone-700">
            Your suggestion was based on version {rebasing.baseVersion}; the statement is now at version{" "}
            {statement.currentVersion}. Your text is in the form below. Sending it replaces your earlier suggestion.
          </p>
          <WordDiff
            className="mt-3"
            before={currentText}
            after={rebasing.text}
            beforeLabel={`version ${statement.currentVersion}`}
            afterLabel="your suggestion"
          />
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="mt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="baseVersion" value={baseVersion} />
        {rebasing ? <input type="hidden" name="replaces" value={rebasing.id} /> : null}
        <TextAreaField
          meta={fields.text}
          label={conflict ? "Your text" : "Your revision of the text"}
          rows={10}
          description={`It starts as version ${statement.currentVersion}: change what you would change. Markdown works. Up to ${TEXT_MAX.toLocaleString("en-US")} characters.`}
        />
        <TextField
          meta={fields.note}
          label="What did you change, and why? (optional)"
          description="A sentence for the authors, for example “Names patients as the goal”."
        />
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <SubmitButton pendingText="Sending…">
            {conflict ? `Suggest it on version ${conflict.currentVersion}` : "Suggest this revision"}
          </SubmitButton>
          <Link to={`${back}/suggestions`}>See other suggestions</Link>
          <Link to={back}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Suggest a revision · ${data.statement.title} · CME Commons` : "Suggest a revision · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
