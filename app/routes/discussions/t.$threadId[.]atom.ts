// /t/:threadId.atom: the Atom feed of a public thread (its newest posts).
// Feed readers are anonymous: any other thread is "not found", whoever asks.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { threadFeed } from "~/domain/discussions/feeds.server";
import { notFound, siteUrl } from "~/utils/http.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const xml = await threadFeed(siteUrl(request), params.threadId ?? "");
  if (xml === null) throw notFound();
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
