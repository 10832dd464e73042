// GET /settings/account/data.html — the same as data.json, as a readable page
// to keep (Settings → Account).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { memberDataHtml } from "~/domain/members/data-export-html";
import { collectMemberData } from "~/domain/members/data-export.server";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const data = await collectMemberData(actor.userId);
  if (!data) throw notFound();
  const day = data.exportedAt.slice(0, 10);
  return new Response(memberDataHtml(data, actor.displayName), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="cme-commons-data-${day}.html"`,
      "Cache-Control": "private, no-store",
    },
  });
}
