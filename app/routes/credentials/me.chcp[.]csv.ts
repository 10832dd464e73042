// GET /me/chcp.csv — the member's own CHCP log as a CSV download, grouped by section.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getChcpLog } from "~/domain/credentials/chcp.server";
import { chcpCsv } from "~/domain/credentials/export";
import { requireMember } from "~/utils/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireMember(request);
  const log = await getChcpLog(actor);
  return new Response(chcpCsv(log, actor.displayName), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="chcp-log.csv"',
      "Cache-Control": "private, no-store",
    },
  });
}
