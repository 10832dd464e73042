// /t/:threadId/posts/:number/edit — the author (or a moderator) edits a post (the opening post with the thread's title);
// the earlier text is kept in its history.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField, TextField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import type { MemberActor } from "~/domain/members/actor";
import { editPost, findPostForViewer } from "~/domain/discussions/posts.server";
import { postPath } from "~/domain/discussions/constants";
import { editOpeningPostSchema, editPostSchema } from "~/domain/discussions/schemas";
import { requireMember } from "~/utils/auth.server";
import { forbidden, formFailure, notFound } from "~/utils/http.server";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

async function requireEditablePost(actor: MemberActor, params: { threadId?: string; number?: string }) {
  if (!/^\d{1,9}$/.test(params.number ?? "")) throw notFound();
  const found = await findPostForViewer(actor, params.threadId ?? "", Number(params.number));
  if (!found) throw notFound("No such post");
  if (!found.canEdit) throw forbidden("You cannot edit this post");
  return found;
}


export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const { post, thread } = await requireEditablePost(actor, params);
  return {
    post: { number: post.number, body: post.body },
    thread: { id: thread.id, slug: thread.slug, title: post.number === 1 ? thread.title : null },
    constraint: formConstraint(post.number === 1 ? editOpeningPostSchema : editPostSchema),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const { post } = await requireEditablePost(actor, params);
  const formData = await readForm(request);
  const submission =
    post.number === 1 ? parseWithZod(formData, { schema: editOpeningPostSchema }) : parseWithZod(formData, { schema: editPostSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const value: { body: string; title?: string } = submission.value;
  const result = await editPost(actor, post.id, value.body, value.title);
  if (result.ok) return redirect(postPath({ id: result.value.threadId, slug: result.value.slug }, result.value.number));
  return formFailure(result, submission.reply({ formErrors: [result.message] }));
}

export default function EditPost() {
  const { post, thread, constraint } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  // The opening post has a title field too (its schema); other posts only the text.
  const [form, fields] = useForm<{ title: string; body: string }>({
    lastResult,
    defaultValue: { body: post.body, title: thread.title ?? undefined },
    constraint,
    // Typed as the opening post's schema: another post's form has no title field, and its schema checks the text only.
    ...useLazyValidation(() =>
      import("~/domain/discussions/schemas").then((m) =>
        thread.title === null ? (m.editPostSchema as unknown as typeof m.editOpeningPostSchema) : m.editOpeningPostSchema,
      ),
    ),
  });
  const back = postPath(thread, post.number);
  return (
    <section aria-labelledby="edit-title" className="max-w-2xl">
      <h1 id="edit-title" className="text-3xl font-bold">
        Edit post #{post.number}
      </h1>
      <p className="mt-2 text-stone-700">
        Everyone can see that a post was edited and when; moderators can also read the earlier versions.
      </p>
      <Form method="post" {...getFormProps(form)} className="mt-2">
        <FormErrors id={form.errorId} errors={form.errors} />
        {thread.title !== null ? (
          <TextField meta={fields.title} label="Thread title" description="The thread's address changes with it; links to the old one still work." />
        ) : null}
        <TextAreaField meta={fields.body} label="Post text" rows={12} description="Markdown works, as when you wrote it." />
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
          <Link to={back}>Cancel</Link>
        </div>
      </Form>
    </section>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Edit post #${data.post.number} · CME Commons` : "Edit post · CME Commons" },
];

export function ErrorBoundary() {
  return <ErrorPage />;
}
