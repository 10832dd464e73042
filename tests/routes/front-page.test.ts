// `/` is the front page for visitors; a signed-in member is sent to their own home.
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/site/_index";
import { seed } from "../../prisma/seed";
import { createTestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";

describe("the front page", () => {
  it("shows a visitor what the site does", async () => {
    await seed();
    const page = await loader(routeArgs("/"));
    expect(page).toHaveProperty("framework");
  });

  it("sends a signed-in member to /home", async () => {
    const member = await createTestMember();
    const thrown = await loader(routeArgs("/", { cookie: member.cookie })).then(
      () => null,
      (response: unknown) => response,
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/home");
  });
});
