// /t/:threadId/:slug? — a thread: its posts, 50 to a page, the reply form and the tools the viewer may use.
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, type SerializeFrom } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { Pager } from "~/components/pager";
import { postHtml, type PostContext } from "~/components/post";
import { usePostMarkupNavigation } from "~/components/post-markup-navigation";
import { SubmitButton } from "~/components/ui/button";
import { TextAreaField } from "~/components/ui/field";
import { FormErrors } from "~/components/ui/form-errors";
import { useLazyValidation } from "~/components/ui/lazy-validation";
import { restorePost } from "~/domain/discussions/flags.server";
import { moveThread, setLocked, setPinned } from "~/domain/discussions/moderation.server";
import { acceptAnswer, createReply, setHelpful, unacceptAnswer } from "~/domain/discussions/posts.server";
import { setWatching } from "~/domain/discussions/reading.server";
import { postPath, threadPath } from "~/domain/discussions/constants";
import { replySchema } from "~/domain/discussions/schemas";
import type { Failure } from "~/utils/result";
import { getThreadPage } from "~/domain/discussions/threads.server";
import { assertContributor, getActor, requireMember } from "~/utils/auth.server";
import { canonicalUrl, formFailure, notFound, numberParam } from "~/utils/http.server";
import { describeHtml, pageMeta } from "~/utils/page-meta";
import { formConstraint } from "~/utils/form-constraints.server";
import { readForm } from "~/utils/request-body.server";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  const page = await getThreadPage(actor, params.threadId ?? "", {
    after: numberParam(url.searchParams.get("after")),
    before: numberParam(url.searchParams.get("before")),
    quote: numberParam(url.searchParams.get("quote")),
  });
  if (!page) throw notFound("No such thread");
  // One address per thread: a wrong or missing slug goes to the right one.
  if (params.slug !== page.thread.slug) throw redirect(`${threadPath(page.thread)}${url.search}`, 301);
  const opening = page.posts[0]?.number === 1 ? page.posts[0].bodyHtml : null;
  return {
    ...page,
    replyConstraint: page.can.reply ? formConstraint(replySchema) : {},
    description: opening
      ? describeHtml(opening)
      : `A discussion in ${page.category.name}, ${page.forum.name}, on CME Commons.`,
    canonicalUrl: canonicalUrl(request, threadPath(page.thread), ["after", "before"]),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireMember(request);
  const threadId = params.threadId ?? "";
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const postId = String(formData.get("postId") ?? "");
  // Replies and reactions need a confirmed address (watching, and moderators' tools, do not).
  if (intent === "reply" || intent === "helpful") assertContributor(actor);
  // A refusal of anything but the reply form: 403/404 go to the error page, the rest show as a notice.
  const notice = (failure: Failure) => formFailure(failure, { intent, message: failure.message, result: undefined });
  const back = (thread: { threadId: string; slug: string }, number?: number) =>
    redirect(number ? postPath({ id: thread.threadId, slug: thread.slug }, number) : threadPath({ id: thread.threadId, slug: thread.slug }));

  switch (intent) {
    case "reply": {
      const submission = parseWithZod(formData, { schema: replySchema });
      if (submission.status !== "success") {
        return data({ intent, message: undefined, result: submission.reply() }, { status: 400 });
      }
      const result = await createReply(actor, threadId, submission.value);
      if (result.ok) return back(result.value, result.value.number);
      // Refused (locked, posting limit…): the text stays in the form; a thread gone goes to the error page.
      return formFailure(
        result,
        { intent, message: undefined, result: submission.reply({ formErrors: [result.message] }) },
        { keep: ["forbidden"] },
      );
    }
    case "helpful": {
      const result = await setHelpful(actor, postId, formData.get("helpful") === "1");
      return result.ok ? back(result.value, result.value.number) : notice(result);
    }
    case "accept": {
      const result = await acceptAnswer(actor, postId);
      return result.ok ? back(result.value) : notice(result);
    }
    case "unaccept": {
      const result = await unacceptAnswer(actor, threadId);
      return result.ok ? back(result.value) : notice(result);
    }
    case "watch":
    case "unwatch": {
      const result = await setWatching(actor, threadId, intent === "watch");
      return result.ok ? back(result.value) : notice(result);
    }
    case "pin":
    case "unpin": {
      const result = await setPinned(actor, threadId, intent === "pin");
      return result.ok ? back(result.value) : notice(result);
    }
    case "lock":
    case "unlock": {
      const result = await setLocked(actor, threadId, intent === "lock");
      return result.ok ? back(result.value) : notice(result);
    }
    case "move": {
      const result = await moveThread(actor, threadId, String(formData.get("categoryId") ?? ""));
      return result.ok ? back(result.value) : notice(result);
    }
    case "restore": {
      const result = await restorePost(actor, postId);
      if (!result.ok) return notice(result);
      return redirect(new URL(request.url).pathname);
    }
    default:
      return data({ intent, message: "Something was missing from that form. Please try again.", result: undefined }, { status: 400 });
  }
}

const KIND_LABELS = { DISCUSSION: "Discussion", QUESTION: "Question" } as const;

/** The quoted post as Markdown: an attribution line and each line prefixed with "> ". */
function quoteMarkdown(quote: { number: number; authorName: string; body: string }) {
  const quoted = quote.body
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
  return `> **${quote.authorName}** wrote in #${quote.number}:\n>\n${quoted}\n\n`;
}

function ReplyForm({ quote }: { quote: ReturnType<typeof useLoaderData<typeof loader>>["quote"] }) {
  const actionData = useActionData<typeof action>();
  const { replyConstraint } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "reply" ? actionData.result : undefined,
    defaultValue: { body: quote ? quoteMarkdown(quote) : "", replyToNumber: quote ? String(quote.number) : "" },
    constraint: replyConstraint,
    ...useLazyValidation(() => import("~/domain/discussions/schemas").then((m) => m.replySchema), {
      shouldValidate: "onSubmit",
      shouldRevalidate: "onInput",
    }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3" preventScrollReset>
      <input type="hidden" name="intent" value="reply" />
      {quote ? <input type="hidden" name={fields.replyToNumber.name} value={String(quote.number)} /> : null}
      <FormErrors id={form.errorId} errors={form.errors} />
      {quote ? (
        <p className="mt-2 text-sm text-stone-700">
          Replying to #{quote.number} by {quote.authorName}.{" "}
          <Link to="?#reply" preventScrollReset>
            Reply without quoting
          </Link>
        </p>
      ) : null}
      <TextAreaField
        meta={fields.body}
        label="Your reply"
        rows={8}
        description="Markdown works: **bold**, *italic*, > quotes, lists, links and `code`. Mention someone with @handle."
      />
      <SubmitButton className="mt-3 w-full sm:w-auto" pendingText="Posting…" name="intent" value="reply">
        Post reply
      </SubmitButton>
    </Form>
  );
}

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ forum, category }) => [
    { label: forum.name, to: `/forums/${forum.slug}` },
    { label: category.name, to: `/forums/${forum.slug}/${category.slug}` },
  ],
};

export default function ThreadPage() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { thread, posts, can } = page;
  // The posts are HTML strings (decision 0012): their links and small forms go through Remix from one handler each.
  const postNavigation = usePostMarkupNavigation();
  const path = threadPath(thread);
  const pageQuery = page.page.first > 1 ? `?after=${page.page.first - 1}` : "";
  const context: PostContext = {
    threadId: thread.id,
    threadPath: path,
    postHref: (number) =>
      number >= page.page.first && number <= page.page.last ? `#post-${number}` : `${path}?after=${number - 1}#post-${number}`,
    quoteHref: (number) => `${pageQuery || "?"}${pageQuery ? "&" : ""}quote=${number}#reply`,
    canReply: can.reply,
  };
  // The posts' markup, written again only when the page's data (from which the context derives) changes,
  // not on each change of navigation state.
  const postsHtml = useMemo(() => posts.map((post) => postHtml(post, context)), [page]);
  const status = [
    KIND_LABELS[thread.kind],
    thread.kind === "QUESTION" ? (page.accepted ? "answered" : "not answered yet") : null,
    thread.pinned ? "pinned" : null,
    thread.locked ? "locked" : null,
  ].filter(Boolean);

  return (
    <article aria-labelledby="thread-title" className="max-w-3xl">
      <h1 id="thread-title" className="mt-2 break-words text-2xl font-bold sm:text-3xl">
        {thread.title}
      </h1>
      <p className="mt-2 text-sm text-stone-700">
        <span className="font-semibold">{status.join(" · ")}</span>
        {thread.deleted ? " · deleted (only moderators see it)" : ""}
      </p>
      {thread.locked ? (
        <p className="mt-2 rounded-md border border-stone-300 bg-stone-100 p-2 text-sm">
          This thread is locked: it takes no new replies.
        </p>
      ) : null}
      {thread.tags.length + thread.areas.length > 0 ? (
        <ul aria-label="Tags" className="mt-2 flex flex-wrap gap-2 text-sm">
          {thread.areas.map((area) => (
            <li key={area.slug}>
              <Link to={`/competencies/${area.slug}`} className="rounded border border-brand-700 px-2 py-0.5 no-underline">
                {area.name}
              </Link>
            </li>
          ))}
          {thread.tags.map((tag) => (
            <li key={tag} className="rounded border border-stone-300 bg-stone-50 px-2 py-0.5 text-stone-800">
              #{tag}
            </li>
          ))}
        </ul>
      ) : null}

      <div className="no-print mt-3 flex flex-wrap gap-2">
        {can.watch ? (
          <Form method="post">
            <input type="hidden" name="intent" value={page.reader.watching ? "unwatch" : "watch"} />
            <SubmitButton variant="secondary" className="px-3 py-1 text-sm">
              {page.reader.watching ? "Stop watching this thread" : "Watch this thread"}
            </SubmitButton>
          </Form>
        ) : null}
        {can.reply ? (
          <a href="#reply" className="inline-flex items-center rounded-md border border-stone-400 bg-white px-3 py-1 text-sm font-semibold text-stone-900 no-underline hover:bg-stone-100">
            Jump to the reply form
          </a>
        ) : null}
      </div>
      {page.reader.watching ? (
        <p className="mt-1 text-sm text-stone-600">You are watching: you will be notified of new replies.</p>
      ) : null}

      {actionData?.message ? (
        <p role="status" className="mt-3 rounded-md border border-brand-700 bg-brand-50 p-3">
          {actionData.message}
        </p>
      ) : null}

      {can.moderate ? <ModeratorTools /> : null}

      {page.accepted ? (
        <section aria-labelledby="accepted-title" className="mt-6 rounded-lg border-2 border-brand-700 bg-brand-50 p-3">
          <h2 id="accepted-title" className="text-lg font-semibold">
            <span aria-hidden="true">✓ </span>Accepted answer
          </h2>
          <div
            className="mt-2"
            {...postNavigation}
            dangerouslySetInnerHTML={{
              __html: postHtml(page.accepted, context, { headingLevel: 3, idPrefix: "accepted", actions: false, showAcceptedBadge: false }),
            }}
          />
          <p className="mt-2 text-sm">
            <PostLink href={context.postHref(page.accepted.number)}>Read it in the thread (#{page.accepted.number})</PostLink>
          </p>
          {can.accept ? (
            <Form method="post" className="mt-2">
              <input type="hidden" name="intent" value="unaccept" />
              <SubmitButton variant="secondary" className="px-3 py-1 text-sm">
                Remove accepted answer
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <h2 className="sr-only">Posts</h2>
      <Pager
        label="Earlier posts"
        previous={page.page.hasEarlier ? { href: `${path}?before=${page.page.first}`, label: "Earlier posts" } : null}
      />
      <ol className="mt-4 space-y-4" {...postNavigation}>
        {posts.map((post, i) => (
          <li key={post.id} id={`post-${post.number}`} className="scroll-mt-4" dangerouslySetInnerHTML={{ __html: postsHtml[i]! }} />
        ))}
      </ol>
      <Pager
        label="Later posts"
        next={page.page.hasLater ? { href: `${path}?after=${page.page.last}`, label: "Later posts" } : null}
      />

      <section id="reply" aria-labelledby="reply-title" className="no-print mt-8 scroll-mt-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
        <h2 id="reply-title" className="text-xl font-semibold">
          Reply
        </h2>
        {can.reply ? (
          page.page.hasLater ? (
            <p className="mt-2">
              There are later posts. <Link to={`${path}?after=${page.page.last}`}>Read them</Link> before you reply, or
              reply here.
            </p>
          ) : null
        ) : null}
        {can.reply ? (
          <ReplyForm key={page.quote?.number ?? "none"} quote={page.quote} />
        ) : !page.signedIn ? (
          <p className="mt-2">
            <Link to={`/login?redirectTo=${encodeURIComponent(path)}`}>Log in</Link> or{" "}
            <Link to="/signup">sign up</Link> to reply.
          </p>
        ) : page.mustConfirmEmail ? (
          <p className="mt-2">Confirm your email address to reply (see the note at the top of the page).</p>
        ) : thread.locked ? (
          <p className="mt-2">This thread is locked, so it takes no new replies.</p>
        ) : (
          <p className="mt-2">Only members of this association can reply here.</p>
        )}
      </section>
    </article>
  );
}

/** A link to a post: an in-page anchor (`#post-12`) when it is on this page, keeping the page's query as the browser does; otherwise a Link. */
function PostLink({ href, children }: { href: string; children: ReactNode }) {
  return href.startsWith("#") ? <a href={href}>{children}</a> : <Link to={href}>{children}</Link>;
}

function ModeratorTools() {
  const { thread, moveTargets } = useLoaderData<typeof loader>();
  const small = "px-3 py-1 text-sm";
  return (
    <details className="no-print mt-4 rounded-md border border-stone-300 bg-white p-3">
      <summary className="cursor-pointer font-semibold">Moderator tools</summary>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <Form method="post">
          <input type="hidden" name="intent" value={thread.pinned ? "unpin" : "pin"} />
          <SubmitButton variant="secondary" className={small}>
            {thread.pinned ? "Unpin thread" : "Pin thread"}
          </SubmitButton>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value={thread.locked ? "unlock" : "lock"} />
          <SubmitButton variant="secondary" className={small}>
            {thread.locked ? "Unlock thread" : "Lock thread"}
          </SubmitButton>
        </Form>
        {moveTargets.length > 0 ? (
          <Form method="post" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="intent" value="move" />
            <div className="min-w-0 max-w-full">
              <label htmlFor="move-category" className="block text-sm font-medium">
                Move to category
              </label>
              <select id="move-category" name="categoryId" className="mt-1 max-w-full rounded-md border border-stone-400 bg-white px-2 py-1">
                {moveTargets.map((category) => (
                  <option key={category.id} value={category.id}>
                    {category.name}
                  </option>
                ))}
              </select>
            </div>
            <SubmitButton variant="secondary" className={small}>
              Move thread
            </SubmitButton>
          </Form>
        ) : null}
      </div>
    </details>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({
        title: `${data.thread.title} · ${data.category.name} · CME Commons`,
        description: data.description,
        url: data.canonicalUrl,
      })
    : [{ title: "Thread · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
