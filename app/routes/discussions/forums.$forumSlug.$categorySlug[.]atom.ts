// /forums/:forumSlug/:categorySlug.atom: the Atom feed of a public category.
// Feed readers are anonymous: any other category is "not found", whoever asks.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { categoryFeed } from "~/domain/discussions/feeds.server";
import { notFound, siteUrl } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const xml = await categoryFeed(siteUrl(request), params.forumSlug ?? "", params.categorySlug ?? "");
  if (xml === null) throw notFound();
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
