// GET /settings/account/data.json — everything the site holds about the
// signed-in member, as one JSON file (Settings → Account).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { collectMemberData } from "~/domain/members/data-export.server";
import { requireMember } from "~/utils/auth.server";
import { notFound } from "~/utils/http.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const data = await collectMemberData(actor.userId);
  if (!data) throw notFound();
  const day = data.exportedAt.slice(0, 10);
  return new Response(`${JSON.stringify(data, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="cme-commons-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
