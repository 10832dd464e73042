// /t/:threadId/posts/:number/delete — the author or a moderator confirms deleting a post (a placeholder stays).
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { PostToolPage, postToolMeta } from "~/components/post-tool";
import { SubmitButton } from "~/components/ui/button";
import { postPath } from "~/domain/discussions/constants";
import { authorizePostTool } from "~/domain/discussions/post-tools.server";
import { deletePost } from "~/domain/discussions/posts.server";
import { requireMember } from "~/utils/auth.server";
import { failureResponse, okOrThrow } from "~/utils/http.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const { post, thread } = okOrThrow(await authorizePostTool(actor, params, "delete"));
  return { post, thread, back: postPath(thread, post.number) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const { post } = okOrThrow(await authorizePostTool(actor, params, "delete"));
  const result = await deletePost(actor, post.id);
  if (!result.ok) throw failureResponse(result);
  return redirect(postPath({ id: result.value.threadId, slug: result.value.slug }, result.value.number));
}

export default function DeletePost() {
  const { post, thread, back } = useLoaderData<typeof loader>();
  return (
    <PostToolPage
      title={`Delete post #${post.number}?`}
      intro={<p>The text goes; a placeholder saying “This post was deleted” keeps the numbering of the thread.</p>}
      post={post}
      thread={thread}
      back={back}
    >
      <Form method="post" className="mt-4 flex flex-wrap items-center gap-4">
        <SubmitButton variant="danger" pendingText="Deleting…">
          Delete post #{post.number}
        </SubmitButton>
        <Link to={back}>Keep it</Link>
      </Form>
    </PostToolPage>
  );
}

export const meta: MetaFunction<typeof loader> = postToolMeta("Delete", "Delete a post");

export function ErrorBoundary() {
  return <ErrorPage />;
}
