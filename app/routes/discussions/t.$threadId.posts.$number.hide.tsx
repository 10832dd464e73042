// /t/:threadId/posts/:number/hide — a moderator hides a post, with a reason its author is shown.
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PostToolPage, postToolMeta } from "~/components/post-tool";
import { SubmitButton } from "~/components/ui/button";
import { FieldErrors } from "~/components/ui/field";
import { postPath } from "~/domain/discussions/constants";
import { hidePost } from "~/domain/discussions/flags.server";
import { authorizePostTool } from "~/domain/discussions/post-tools.server";
import { requireMember } from "~/utils/auth.server";
import { readForm } from "~/utils/request-body.server";
import { failureResponse, okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

const REASON_MAX = 200;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const { post, thread } = okOrThrow(await authorizePostTool(actor, params, "hide"));
  return { post, thread, back: postPath(thread, post.number) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const { post, thread } = okOrThrow(await authorizePostTool(actor, params, "hide"));
  const reason = String((await readForm(request)).get("reason") ?? "").trim();
  const refuse = (message: string) => data({ reason, error: message }, { status: 400 });
  if (!reason) return refuse("Say why the post is hidden: its author will see this.");
  if (reason.length > REASON_MAX) return refuse(`Keep the reason to at most ${REASON_MAX} characters.`);
  const result = await hidePost(actor, post.id, reason);
  if (!result.ok) throw failureResponse(result);
  return redirect(postPath(thread, post.number));
}

export default function HidePost() {
  const { post, thread, back } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <PostToolPage
      title={`Hide post #${post.number}`}
      intro={
        <p>
          The post is replaced by “Hidden by a moderator” for everyone but its author and the moderators, and its author is
          told why. You can restore it from the thread.
        </p>
      }
      post={post}
      thread={thread}
      back={back}
    >
      <Form method="post" className="mt-4">
        <label htmlFor="reason" className="block font-semibold">
          Reason shown to the author
        </label>
        <input
          id="reason"
          name="reason"
          required
          maxLength={REASON_MAX}
          defaultValue={actionData?.reason}
          aria-invalid={actionData?.error ? true : undefined}
          aria-describedby={actionData?.error ? "reason-error" : undefined}
          className="mt-1 block w-full rounded-md border border-stone-400 px-3 py-2"
        />
        <FieldErrors id="reason-error" errors={actionData?.error ? [actionData.error] : undefined} />
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <SubmitButton pendingText="Hiding…">Hide post #{post.number}</SubmitButton>
          <Link to={back}>Cancel</Link>
        </div>
      </Form>
    </PostToolPage>
  );
}

export const meta: MetaFunction<typeof loader> = postToolMeta("Hide", "Hide a post");

export function ErrorBoundary() {
  return <ErrorPage />;
}
