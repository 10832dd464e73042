// /t/:threadId/posts/:number/flag — a member tells the moderators what is wrong with a post.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PostToolPage, postToolMeta } from "~/components/post-tool";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { postPath } from "~/domain/discussions/constants";
import { flagPost } from "~/domain/discussions/flags.server";
import { authorizePostTool } from "~/domain/discussions/post-tools.server";
import { flagSchema } from "~/domain/discussions/schemas";
import { FLAG_NOTE_MAX, FLAG_REASON_OPTIONS, FLAGS_TO_HIDE } from "~/domain/discussions/flag-options";
import { requireContributor } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { failureResponse, okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireContributor(request);
  const { post, thread } = okOrThrow(await authorizePostTool(actor, params, "flag"));
  return { post, thread, back: postPath(thread, post.number) };
}

type FlagErrors = { reason?: string[]; note?: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireContributor(request);
  const { post } = okOrThrow(await authorizePostTool(actor, params, "flag"));
  const formData = await readForm(request);
  const typed = { reason: String(formData.get("reason") ?? ""), note: String(formData.get("note") ?? "") };
  const refuse = (errors: FlagErrors) => data({ sent: false as const, hidden: false, typed, errors }, { status: 400 });
  const parsed = flagSchema.safeParse({ postId: post.id, reason: formData.get("reason") ?? undefined, note: typed.note });
  if (!parsed.success) {
    const errors: FlagErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "note" ? "note" : "reason";
      (errors[field] ??= []).push(issue.message);
    }
    return refuse(errors);
  }
  const result = await flagPost(actor, parsed.data);
  if (!result.ok && result.reason === "invalid") return refuse({ note: [result.message] });
  if (!result.ok) throw failureResponse(result);
  // Flagging twice changes nothing, so showing the answer here (no redirect) is safe to reload.
  return { sent: true as const, hidden: result.value.hidden, typed, errors: {} as FlagErrors };
}

export default function FlagPost() {
  const { post, thread, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.sent) {
    return (
      <PostToolPage title={`Flag post #${post.number}`} post={post} thread={thread} back={back}>
        <p role="status" className="mt-4 rounded-md border border-brand-700 bg-brand-50 p-3">
          {actionData.hidden
            ? "Thank you. The post is hidden until a moderator reviews it."
            : "Thank you. A moderator will look at the post."}
        </p>
        <p className="mt-4">
          <Link to={back}>Back to the thread</Link>
        </p>
      </PostToolPage>
    );
  }
  const errors = actionData?.errors ?? {};
  const typed = actionData?.typed;
  return (
    <PostToolPage
      title={`Flag post #${post.number}`}
      intro={
        <p>
          Only the forum's moderators see flags. When {FLAGS_TO_HIDE} members flag a post, it is hidden until a moderator
          reviews it.
        </p>
      }
      post={post}
      thread={thread}
      back={back}
    >
      <Form method="post" className="mt-4" noValidate>
        <fieldset aria-describedby={errors.reason ? "reason-error" : undefined}>
          <legend className="font-semibold">Why should moderators look at this post?</legend>
          {FLAG_REASON_OPTIONS.map((reason, index) => (
            <div key={reason.value} className="mt-2 flex items-center gap-2">
              <input
                type="radio"
                id={`reason-${reason.value}`}
                name="reason"
                value={reason.value}
                defaultChecked={typed ? typed.reason === reason.value : index === 0}
                className="h-4 w-4 accent-brand-700"
              />
              <label htmlFor={`reason-${reason.value}`}>{reason.label}</label>
            </div>
          ))}
          <FieldErrors id="reason-error" errors={errors.reason} />
        </fieldset>
        <label htmlFor="note" className="mt-4 block font-semibold">
          Note for the moderators <span className="font-normal">(optional; needed for “Something else”)</span>
        </label>
        <textarea
          id="note"
          name="note"
          defaultValue={typed?.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? "note-error" : undefined}
          rows={3}
          maxLength={FLAG_NOTE_MAX}
          className="mt-1 block w-full rounded-md border border-stone-400 px-2 py-1"
        />
        <FieldErrors id="note-error" errors={errors.note} />
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <SubmitButton pendingText="Sending…">Send flag</SubmitButton>
          <Link to={back}>Cancel</Link>
        </div>
      </Form>
    </PostToolPage>
  );
}

export const meta: MetaFunction<typeof loader> = postToolMeta("Flag", "Flag a post");

export function ErrorBoundary() {
  return <ErrorPage />;
}
