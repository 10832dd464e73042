// /forums/:forumSlug/:categorySlug — one category's threads, pinned first, latest activity next.
import type { LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { BreadcrumbHandle } from "~/components/breadcrumbs";
import { ErrorPage } from "~/components/error-page";
import { Pager } from "~/components/pager";
import { ThreadList } from "~/components/thread-list";
import { SubmitButton } from "~/components/ui/button";
import { getCategoryPage } from "~/domain/discussions/threads.server";
import { postingAddress } from "~/domain/email/reply-addresses.server";
import { getActor } from "~/utils/auth.server";
import { canonicalUrl, notFound } from "~/utils/http.server";
import { pageMeta, shorten } from "~/utils/page-meta";

export { headers } from "~/utils/headers";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await getActor(request);
  const url = new URL(request.url);
  const cursor = url.searchParams.get("cursor");
  // A category the viewer may not see answers 404, exactly like one that does not exist.
  const page = await getCategoryPage(actor, params.forumSlug ?? "", params.categorySlug ?? "", cursor);
  if (!page) throw notFound("No such category");
  return {
    ...page,
    // The member's personal address for starting a thread here by email (issue 20), when they may post.
    postingAddress: page.canStartThread && actor.kind === "member" ? await postingAddress(actor.userId, page.category.id) : null,
    paged: cursor !== null,
    path: url.pathname,
    description: shorten(page.category.description || `Discussions about ${page.category.name} in ${page.forum.name}, on CME Commons.`),
    canonicalUrl: canonicalUrl(request, url.pathname, ["cursor"]),
  };
}

const newThreadButton =
  "inline-flex items-center rounded-md bg-brand-700 px-4 py-2 font-semibold text-white no-underline hover:bg-brand-800 hover:text-white";

export const handle: BreadcrumbHandle<SerializeFrom<typeof loader>> = {
  breadcrumb: ({ forum }) => [{ label: forum.association ? `${forum.name} forum` : forum.name, to: `/forums/${forum.slug}` }],
};

export default function CategoryPage() {
  const page = useLoaderData<typeof loader>();
  const { forum, category } = page;
  return (
    <div className="max-w-4xl">
      <div className="mt-1 flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-3xl font-bold">{category.name}</h1>
        <div className="flex flex-wrap items-center gap-2">
          {page.signedIn ? (
            <Form method="post" action="/watch/category">
              <input type="hidden" name="categoryId" value={category.id} />
              <input type="hidden" name="watch" value={page.watching ? "0" : "1"} />
              <input type="hidden" name="redirectTo" value={page.path} />
              <SubmitButton variant="secondary">{page.watching ? "Stop watching category" : "Watch category"}</SubmitButton>
            </Form>
          ) : null}
          {page.postingAddress ? <PostByEmail address={page.postingAddress} /> : null}
          {page.canStartThread ? (
            <Link to={`/forums/${forum.slug}/new?category=${category.id}`} className={newThreadButton}>
              New thread
            </Link>
          ) : null}
        </div>
      </div>
      {category.description ? <p className="mt-2 text-stone-700">{category.description}</p> : null}
      {page.watching ? (
        <p className="mt-1 text-sm text-stone-600">You are watching this category: you are notified of new threads.</p>
      ) : null}

      {page.pinned.length > 0 ? (
        <section aria-labelledby="pinned-title" className="mt-6">
          <h2 id="pinned-title" className="text-xl font-semibold">
            Pinned
          </h2>
          <ThreadList threads={page.pinned} />
        </section>
      ) : null}
      <section aria-labelledby="threads-title" className="mt-6">
        <h2 id="threads-title" className="text-xl font-semibold">
          {page.paged ? "Older threads" : "Latest threads"}
        </h2>
        <ThreadList threads={page.threads} emptyText={page.paged ? "No older threads." : "No threads here yet."} />
        <Pager
          label="More threads"
          previous={page.paged ? { href: page.path, label: "Latest threads" } : null}
          next={page.nextCursor ? { href: `?cursor=${encodeURIComponent(page.nextCursor)}`, label: "Older threads" } : null}
        />
      </section>
    </div>
  );
}

/** The category's menu entry for starting a thread by email: a disclosure, so it works without JavaScript. */
function PostByEmail({ address }: { address: string }) {
  return (
    <details className="relative">
      <summary className="cursor-pointer rounded-md border border-stone-300 bg-white px-4 py-2 font-semibold text-stone-800 hover:bg-stone-50">
        Post by email
      </summary>
      <div className="mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white p-4 text-sm shadow-lg sm:absolute sm:right-0 sm:z-10">
        <p>Your personal address for starting a thread in this category:</p>
        <p className="mt-2 break-all rounded bg-stone-100 p-2 font-mono text-stone-900">
          <a href={`mailto:${address}`}>{address}</a>
        </p>
        <p className="mt-2 text-stone-700">
          Email it from the address of your account: the subject becomes the title and the text the opening post.
          It is yours alone; if someone else gets hold of it, stop it in{" "}
          <Link to="/settings/email">Settings → Email</Link>.
        </p>
      </div>
    </details>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? pageMeta({ title: `${data.category.name} · ${data.forum.name} · CME Commons`, description: data.description, url: data.canonicalUrl })
    : [{ title: "Category · CME Commons" }];

export function ErrorBoundary() {
  return <ErrorPage />;
}
