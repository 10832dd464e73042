/**
 * Error pages say what the domain said: a refusal thrown as a 403 or 404
 * (`failureResponse` in http.server.ts) is shown on the route's error page
 * in the domain's words, as text, under a title for the status.
 *
 * The thread page is rendered as Remix serves it: its real loader, action and
 * error boundary behind Remix's own request handler, under a bare root.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createThread } from "~/domain/discussions/threads.server";
import { createAssociation, createCategory } from "../fixtures/forum";
import { createTestMember, type TestMember } from "../fixtures/members";
import { handleThreadPage } from "../fixtures/thread-page";

const run = `ep${Math.random().toString(36).slice(2, 8)}`;
const load = (request: Request) => handleThreadPage(request, { cspNonce: "test", clientIp: "192.0.2.1" });

let member: TestMember;
let threadPath: string;

beforeAll(async () => {
  const author = await createTestMember({ createdAt: new Date(Date.now() - 30 * 86400_000) });
  member = await createTestMember();
  const association = await createAssociation([{ userId: author.userId, role: "OWNER" }]);
  const category = await createCategory(association, "PUBLIC");
  const thread = await createThread(author.actor, {
    categoryId: category.id,
    title: `Error pages ${run}`,
    body: "Which outcomes do you measure?",
    kind: "DISCUSSION",
    tags: [],
    areaSlugs: [],
  });
  if (!thread.ok) throw new Error(thread.message);
  threadPath = `/t/${thread.value.id}/${thread.value.slug}`;
});

/** The error page's heading and message, as text. */
function errorPage(html: string) {
  const title = /<h1 id="error-title"[^>]*>([^<]*)<\/h1>/.exec(html)?.[1];
  const message = /<h1 id="error-title"[^>]*>[^<]*<\/h1><p[^>]*>([^<]*)<\/p>/.exec(html)?.[1];
  return { title, message };
}

describe("error pages", () => {
  it("show the domain's message for a 404", async () => {
    const response = await load(
      new Request(`http://localhost/t/no-such-thread-${run}/x`, { headers: { Cookie: member.cookie } })
    );
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('aria-labelledby="error-title"');
    expect(errorPage(html)).toEqual({ title: "Page not found", message: "No such thread" });
  });

  it("show the domain's message for a 403, as text", async () => {
    const response = await load(
      new Request(`http://localhost${threadPath}`, {
        method: "POST",
        headers: { Cookie: member.cookie, "Content-Type": "application/x-www-form-urlencoded", Host: "localhost" },
        body: new URLSearchParams({ intent: "pin" }),
      })
    );
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(errorPage(html)).toEqual({ title: "Not allowed", message: "Only moderators can do that" });
    // Not the generic sentence every 403 used to read.
    expect(html).not.toContain("You don&#x27;t have permission to do that.");
  });
});
