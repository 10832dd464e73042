import { beforeAll, describe, expect, it } from "vitest";
import { prisma, countQueries } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as communityAction, loader as communityLoader } from "~/routes/admin/admin.community";
import { action as pageAction, loader as pageLoader } from "~/routes/associations/associations.$slug._index";
import { action as invitationsAction, loader as invitationsLoader } from "~/routes/associations/associations.$slug.invitations";
import { action as membersAction, loader as membersLoader } from "~/routes/associations/associations.$slug.members";
import { action as requestsAction, loader as requestsLoader } from "~/routes/associations/associations.$slug.requests";
import { action as settingsAction, loader as settingsLoader } from "~/routes/associations/associations.$slug.settings";
import { loader as directoryLoader } from "~/routes/associations/associations._index";
import { action as newAction, loader as newLoader } from "~/routes/associations/associations.new";
import { action as acceptAction, loader as invitationLoader } from "~/routes/associations/invitations.$token";
import { flashOf } from "../fixtures/flash";

const run = Math.random().toString(36).slice(2, 8);
let count = 0;

beforeAll(async () => {
  await seed();
});

async function thrown(promise: Promise<unknown>): Promise<Response> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Response);
  return error as Response;
}

/** An association created through the form, as its owner would. */
async function createThroughForm(owner: TestMember, joinPolicy = "OPEN") {
  count += 1;
  const slug = `route-${run}-${count}`;
  const response = (await newAction(
    routeArgs("/associations/new", {
      cookie: owner.cookie,
      form: {
        name: `Route Assoc ${run} ${count}`,
        slug,
        description: "Planners of *accredited* education.",
        website: "",
        joinPolicy,
      },
    }),
  )) as Response;
  expect(response.status).toBe(302);
  expect(response.headers.get("Location")).toBe(`/associations/${slug}`);
  expect(await flashOf(response)).toMatch(/^Your association is ready/);
  const association = await prisma.association.findUniqueOrThrow({ where: { slug }, select: { id: true, name: true } });
  return { slug, id: association.id, name: association.name };
}

async function join(member: TestMember, slug: string) {
  const response = (await pageAction(
    routeArgs(`/associations/${slug}`, { params: { slug }, cookie: member.cookie, form: { intent: "join" } }),
  )) as Response;
  expect(response.headers.get("Location")).toBe(`/associations/${slug}`);
  expect(await flashOf(response)).toBe("Welcome! You are now a member.");
}

const params = (slug: string) => ({ slug });

describe("creating an association", () => {
  it("sends visitors to log in, keeps the text on a mistake, and creates it for a member", async () => {
    const visitor = await thrown(newLoader(routeArgs("/associations/new")));
    expect(visitor.headers.get("Location")).toBe("/login?redirectTo=%2Fassociations%2Fnew");

    const owner = await createTestMember();
    const bad = (await newAction(
      routeArgs("/associations/new", {
        cookie: owner.cookie,
        form: {
          name: "Fine name",
          slug: "New",
          description: "Short",
          website: "http://insecure.example",
          joinPolicy: "OPEN",
        },
      }),
    )) as unknown as {
      init: { status: number };
      data: { error: Record<string, string[]>; initialValue: Record<string, string> };
    };
    expect(bad.init.status).toBe(400);
    expect(Object.keys(bad.data.error).sort()).toEqual(["description", "slug", "website"]);
    expect(bad.data.initialValue.name).toBe("Fine name");

    const { slug, id } = await createThroughForm(owner);
    const forum = await prisma.forum.findUniqueOrThrow({ where: { associationId: id }, select: { slug: true } });
    expect(forum.slug).toBe(slug);

    // The same address again is a field error, not a crash.
    const again = (await newAction(
      routeArgs("/associations/new", {
        cookie: owner.cookie,
        form: { name: "Another", slug, description: "Another description.", joinPolicy: "OPEN" },
      }),
    )) as unknown as { init: { status: number }; data: { error: Record<string, string[]> } };
    expect(again.init.status).toBe(400);
    expect(again.data.error.slug?.[0]).toMatch(/already in use/);
  });
});

describe("the directory and the association page", () => {
  it("lists associations for everyone and the member's own first", async () => {
    const owner = await createTestMember();
    const { slug } = await createThroughForm(owner);
    const forVisitor = await directoryLoader(routeArgs("/associations"));
    expect(forVisitor.signedIn).toBe(false);
    expect(forVisitor.mine).toEqual([]);
    const forOwner = await directoryLoader(routeArgs("/associations", { cookie: owner.cookie }));
    expect(forOwner.mine.map((entry) => entry.slug)).toEqual([slug]);
    expect(forOwner.mine[0]?.role).toBe("OWNER");
  });

  it("lists its published pathways by title, never its drafts", async () => {
    const owner = await createTestMember();
    const { slug, id } = await createThroughForm(owner);
    const pathway = (title: string, status: "DRAFT" | "PUBLISHED") =>
      prisma.pathway.create({
        data: { slug: `${slug}-${title.toLowerCase()}`, title, summary: "", summaryHtml: "", kind: "CAREER", status, associationId: id },
      });
    await pathway("Zeta", "PUBLISHED");
    await pathway("Alpha", "PUBLISHED");
    await pathway("Draft", "DRAFT");
    const page = await pageLoader(routeArgs(`/associations/${slug}`, { params: params(slug) }));
    expect(page.pathways).toEqual([
      { slug: `${slug}-alpha`, title: "Alpha", kind: "CAREER" },
      { slug: `${slug}-zeta`, title: "Zeta", kind: "CAREER" },
    ]);
  });

  it("shows visitors the public category only, and members-only threads to members", async () => {
    const owner = await createTestMember();
    const { slug, id } = await createThroughForm(owner);
    const forum = await prisma.forum.findUniqueOrThrow({
      where: { associationId: id },
      select: { id: true, categories: { select: { id: true, slug: true } } },
    });
    const membersCategory = forum.categories.find((c) => c.slug === "members")!;
    await prisma.thread.create({
      data: {
        forumId: forum.id,
        categoryId: membersCategory.id,
        associationId: id,
        visibility: "ASSOCIATION",
        title: "Members-only planning",
        slug: "members-only-planning",
      },
    });

    const visitor = await pageLoader(routeArgs(`/associations/${slug}`, { params: params(slug) }));
    expect(visitor.categories.map((c) => c.slug)).toEqual(["announcements"]);
    expect(visitor.threads).toEqual([]);
    expect(visitor.joinOption).toBe("sign-in");
    expect(JSON.stringify(visitor)).not.toContain("Members-only planning");

    const { result: forOwner, queries } = await countQueries(() =>
      pageLoader(routeArgs(`/associations/${slug}`, { params: params(slug), cookie: owner.cookie })),
    );
    expect(forOwner.threads.map((t) => t.title)).toEqual(["Members-only planning"]);
    expect(forOwner.can.manage).toBe(true);
    // The budget is at most 8 round trips per page; this one takes 2: the session, then the page with
    // its pathways, categories, latest threads and statements.
    expect(queries).toBeLessThanOrEqual(2);

    const missing = await thrown(
      pageLoader(routeArgs("/associations/nope-nothing", { params: params("nope-nothing") })),
    );
    expect(missing.status).toBe(404);
  });

  it("joining needs a login; the owner cannot leave; a member joins and leaves", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const { slug, id } = await createThroughForm(owner);
    const visitor = await thrown(
      pageAction(routeArgs(`/associations/${slug}`, { params: params(slug), form: { intent: "join" } })),
    );
    expect(visitor.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/associations/${slug}`)}`);

    const ownerLeaves = (await pageAction(
      routeArgs(`/associations/${slug}`, { params: params(slug), cookie: owner.cookie, form: { intent: "leave" } }),
    )) as unknown as { init: { status: number }; data: { leaveError: string } };
    expect(ownerLeaves.init.status).toBe(409);
    expect(ownerLeaves.data.leaveError).toMatch(/owner/);

    await join(member, slug);
    await join(member, slug);
    expect(
      (await prisma.association.findUniqueOrThrow({ where: { id }, select: { memberCount: true } })).memberCount,
    ).toBe(2);
    const left = (await pageAction(
      routeArgs(`/associations/${slug}`, { params: params(slug), cookie: member.cookie, form: { intent: "leave" } }),
    )) as Response;
    expect(left.headers.get("Location")).toBe(`/associations/${slug}`);
    expect(await flashOf(left)).toBe("You have left the association.");
  });

  it("a join request under APPROVAL keeps the member's message and shows a pending notice", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const { slug } = await createThroughForm(owner, "APPROVAL");
    const tooLong = (await pageAction(
      routeArgs(`/associations/${slug}`, {
        params: params(slug),
        cookie: member.cookie,
        form: { intent: "request", message: "x".repeat(1001) },
      }),
    )) as unknown as { init: { status: number }; data: { message: string } };
    expect(tooLong.init.status).toBe(400);
    expect(tooLong.data.message).toHaveLength(1001);

    const sent = (await pageAction(
      routeArgs(`/associations/${slug}`, {
        params: params(slug),
        cookie: member.cookie,
        form: { intent: "request", message: "Hello!" },
      }),
    )) as Response;
    expect(sent.headers.get("Location")).toBe(`/associations/${slug}`);
    expect(await flashOf(sent)).toMatch(/^Your request was sent/);
    const page = await pageLoader(routeArgs(`/associations/${slug}`, { params: params(slug), cookie: member.cookie }));
    expect(page.pendingRequestSince).not.toBeNull();

    // The member cannot see the queue; the owner approves from it.
    const forbidden = await thrown(
      requestsLoader(routeArgs(`/associations/${slug}/requests`, { params: params(slug), cookie: member.cookie })),
    );
    expect(forbidden.status).toBe(403);
    const queue = await requestsLoader(
      routeArgs(`/associations/${slug}/requests`, { params: params(slug), cookie: owner.cookie }),
    );
    expect(queue.requests.map((r) => r.message)).toEqual(["Hello!"]);
    const approved = (await requestsAction(
      routeArgs(`/associations/${slug}/requests`, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "approve", requestId: queue.requests[0]!.id },
      }),
    )) as Response;
    expect(approved.status).toBe(302);
    const after = await pageLoader(routeArgs(`/associations/${slug}`, { params: params(slug), cookie: member.cookie }));
    expect(after.role).toBe("MEMBER");
  });
});

describe("management pages", () => {
  it("members: non-members get 403, visitors log in, and only the owner changes roles", async () => {
    const owner = await createTestMember();
    const member = await createTestMember();
    const outsider = await createTestMember();
    const { slug, id, name } = await createThroughForm(owner);
    await join(member, slug);
    const url = `/associations/${slug}/members`;

    expect((await thrown(membersLoader(routeArgs(url, { params: params(slug) })))).status).toBe(302);
    expect(
      (await thrown(membersLoader(routeArgs(url, { params: params(slug), cookie: outsider.cookie })))).status,
    ).toBe(403);
    const asMember = await membersLoader(routeArgs(url, { params: params(slug), cookie: member.cookie }));
    expect(asMember.members.map((m) => m.role)).toEqual(["OWNER", "MEMBER"]);
    expect(asMember.can.appoint).toBe(false);

    const denied = await thrown(
      membersAction(
        routeArgs(url, {
          params: params(slug),
          cookie: member.cookie,
          form: { intent: "make-moderator", userId: member.userId },
        }),
      ),
    );
    expect(denied.status).toBe(403);

    const made = (await membersAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "make-moderator", userId: member.userId },
      }),
    )) as Response;
    expect(await flashOf(made)).toMatch(/is now a moderator\.$/);

    // A moderator is still not the owner: the settings page is refused.
    const settings = await thrown(
      settingsLoader(routeArgs(`/associations/${slug}/settings`, { params: params(slug), cookie: member.cookie })),
    );
    expect(settings.status).toBe(403);

    // Remove: asking first is a GET that changes nothing, offered only to whoever may manage members,
    // and never for the owner.
    const ask = (who: TestMember, handle: string) =>
      membersLoader(routeArgs(`${url}?remove=${handle}`, { params: params(slug), cookie: who.cookie }));
    expect((await ask(owner, member.handle)).removeTarget?.userId).toBe(member.userId);
    expect((await ask(owner, owner.handle)).removeTarget).toBeNull();
    expect((await ask(member, owner.handle)).removeTarget).toBeNull();
    expect((await ask(owner, "nobody-by-that-name")).removeTarget).toBeNull();
    expect(await prisma.associationMembership.count({ where: { associationId: id } })).toBe(2);
    // Removing someone who is not a member says so, and changes nothing.
    const stranger = await createTestMember();
    const notMember = (await membersAction(
      routeArgs(url, { params: params(slug), cookie: owner.cookie, form: { intent: "remove-member", userId: stranger.userId } }),
    )) as Response;
    expect(notMember.headers.get("Location")).toBe(url);
    expect(await flashOf(notMember)).toBe("That person is not a member of the association any more: nothing changed.");
    expect(await prisma.associationMembership.count({ where: { associationId: id } })).toBe(2);

    // Transfer: the confirmation page is a GET that changes nothing; a wrong name keeps the text.
    const confirm = await membersLoader(
      routeArgs(`${url}?transfer=${member.handle}`, { params: params(slug), cookie: owner.cookie }),
    );
    expect(confirm.transferTo?.userId).toBe(member.userId);
    const wrong = (await membersAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "transfer", userId: member.userId, confirm: "nope" },
      }),
    )) as unknown as { init: { status: number }; data: { confirm: string } };
    expect(wrong.init.status).toBe(400);
    expect(wrong.data.confirm).toBe("nope");
    const transferred = (await membersAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "transfer", userId: member.userId, confirm: name.toUpperCase() },
      }),
    )) as Response;
    expect(await flashOf(transferred)).toMatch(/is now the owner\. You are a moderator\.$/);
    const roles = await prisma.associationMembership.findMany({
      where: { associationId: id },
      select: { userId: true, role: true },
    });
    expect(Object.fromEntries(roles.map((r) => [r.userId, r.role]))).toEqual({
      [owner.userId]: "MODERATOR",
      [member.userId]: "OWNER",
    });
  });

  it("settings: the owner edits details and a category's visibility, which its threads follow", async () => {
    const owner = await createTestMember();
    const { slug, id } = await createThroughForm(owner);
    const url = `/associations/${slug}/settings`;
    const page = await settingsLoader(routeArgs(url, { params: params(slug), cookie: owner.cookie }));
    const announcements = page.categories.find((c) => c.slug === "announcements")!;
    const forum = await prisma.forum.findUniqueOrThrow({ where: { associationId: id }, select: { id: true } });
    const thread = await prisma.thread.create({
      data: {
        forumId: forum.id,
        categoryId: announcements.id,
        associationId: id,
        visibility: "PUBLIC",
        title: "News",
        slug: "news",
      },
      select: { id: true },
    });

    const saved = (await settingsAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: {
          intent: "edit-category",
          categoryId: announcements.id,
          name: "Announcements",
          description: "",
          visibility: "MEMBERS",
        },
      }),
    )) as Response;
    expect(await flashOf(saved)).toBe("The category was saved. Its threads follow who can read it.");
    expect(
      (await prisma.thread.findUniqueOrThrow({ where: { id: thread.id }, select: { visibility: true } })).visibility,
    ).toBe("MEMBERS");

    const bad = (await settingsAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "add-category", name: "", description: "Kept", visibility: "PUBLIC" },
      }),
    )) as unknown as { init: { status: number }; data: { category: { values: { description: string } } } };
    expect(bad.init.status).toBe(400);
    expect(bad.data.category.values.description).toBe("Kept");

    const details = (await settingsAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: {
          intent: "details",
          name: "Renamed association",
          description: "A new description.",
          website: "https://example.org",
          joinPolicy: "INVITE",
        },
      }),
    )) as Response;
    expect(details.headers.get("Location")).toBe(url);
    expect(await flashOf(details)).toBe("The association’s details were saved.");
  });

  it("admin/community: administrators only", async () => {
    const member = await createTestMember();
    const admin = await createTestMember({ role: "ADMIN" });
    expect((await thrown(communityLoader(routeArgs("/admin/community", { cookie: member.cookie })))).status).toBe(403);
    const page = await communityLoader(routeArgs("/admin/community", { cookie: admin.cookie }));
    expect(page.categories.length).toBeGreaterThan(0);
    const refused = (await communityAction(
      routeArgs("/admin/community", {
        cookie: admin.cookie,
        form: { intent: "add-category", name: "Association only", description: "", visibility: "ASSOCIATION" },
      }),
    )) as unknown as { init: { status: number }; data: { fieldErrors: Record<string, string[]> } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.fieldErrors.visibility).toBeDefined();
  });
});

describe("invitation links", () => {
  it("shown once, opened without a state change, accepted once, then 410", async () => {
    const owner = await createTestMember();
    const guest = await createTestMember();
    const other = await createTestMember();
    const { slug, id } = await createThroughForm(owner, "INVITE");
    const url = `/associations/${slug}/invitations`;

    expect(
      (await thrown(invitationsLoader(routeArgs(url, { params: params(slug), cookie: guest.cookie })))).status,
    ).toBe(403);
    const made = (await invitationsAction(
      routeArgs(url, {
        params: params(slug),
        cookie: owner.cookie,
        form: { intent: "create", email: "", label: "Guest", days: "7" },
      }),
    )) as { created: { url: string } | null };
    const token = made.created!.url.split("/").pop()!;
    const list = await invitationsLoader(routeArgs(url, { params: params(slug), cookie: owner.cookie }));
    expect(list.invitations.map((i) => i.state)).toEqual(["active"]);
    expect(JSON.stringify(list)).not.toContain(token);

    const tokenParams = { token };
    const visitor = await invitationLoader(routeArgs(`/invitations/${token}`, { params: tokenParams }));
    expect(visitor.signedIn).toBe(false);
    expect(visitor.loginUrl).toBe(`/login?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    const view = await invitationLoader(
      routeArgs(`/invitations/${token}`, { params: tokenParams, cookie: guest.cookie }),
    );
    expect(view.alreadyMember).toBe(false);
    expect(await prisma.associationMembership.count({ where: { associationId: id } })).toBe(1);

    const accepted = (await acceptAction(
      routeArgs(`/invitations/${token}`, { params: tokenParams, cookie: guest.cookie, method: "POST", form: {} }),
    )) as Response;
    expect(accepted.headers.get("Location")).toBe(`/associations/${slug}`);
    expect(await flashOf(accepted)).toBe("Welcome! You are now a member.");

    const used = await thrown(
      acceptAction(
        routeArgs(`/invitations/${token}`, { params: tokenParams, cookie: other.cookie, method: "POST", form: {} }),
      ),
    );
    expect(used.status).toBe(410);
    expect(await used.json()).toMatchObject({ why: "used" });
    const usedView = await thrown(
      invitationLoader(routeArgs(`/invitations/${token}`, { params: tokenParams, cookie: other.cookie })),
    );
    expect(usedView.status).toBe(410);

    const bogus = await thrown(invitationLoader(routeArgs("/invitations/abc", { params: { token: "abc" } })));
    expect(bogus.status).toBe(410);
  });
  it("emails several addresses at once, each its own link; names the addresses that are not, keeping the text; caps the number", async () => {
    const owner = await createTestMember();
    const { slug, id } = await createThroughForm(owner, "INVITE");
    const url = `/associations/${slug}/invitations`;
    const post = (emails: string) =>
      invitationsAction(
        routeArgs(url, { params: params(slug), cookie: owner.cookie, form: { intent: "create", emails, label: "", days: "14" } }),
      ) as Promise<unknown>;
    const invitationsMade = () => prisma.associationInvitation.count({ where: { associationId: id } });
    const addresses = [1, 2, 3].map((n) => `guest-${run}-${n}@example.org`);

    // Some are not addresses: nothing is made, the bad ones are named, and what was typed comes back.
    const typed = `${addresses[0]}, not-an-address; ${addresses[1]}\nalso@bad`;
    const refused = (await post(typed)) as { data: { submission: { error: Record<string, string[]>; initialValue: Record<string, string> } }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.submission.error.emails?.[0]).toBe(
      "These are not email addresses: not-an-address, also@bad. Fix or remove them (for example name@example.org)",
    );
    expect(refused.data.submission.initialValue.emails).toBe(typed);
    expect(await invitationsMade()).toBe(0);

    // Too many at once.
    const many = Array.from({ length: 51 }, (_, n) => `many-${run}-${n}@example.org`).join("\n");
    const tooMany = (await post(many)) as { data: { submission: { error: Record<string, string[]> } }; init: { status: number } };
    expect(tooMany.init.status).toBe(400);
    expect(tooMany.data.submission.error.emails).toEqual([
      "Enter at most 50 addresses at once (you entered 51); send the rest in another round",
    ]);
    expect(await invitationsMade()).toBe(0);

    // Commas, semicolons and new lines, a repeat and capitals: three links, one email each.
    const sent = (await post(`${addresses[0]}; ${addresses[1]}\n${addresses[2]!.toUpperCase()}, ${addresses[0]}`)) as {
      sent: { count: number; addresses: string[] } | null;
      created: unknown;
    };
    expect(sent.created).toBeNull();
    expect(sent.sent).toMatchObject({ count: 3, addresses });
    expect(await invitationsMade()).toBe(3);
    const emails = await prisma.outboxEmail.findMany({ where: { to: { in: addresses } }, select: { to: true, text: true } });
    expect(emails.map((email) => email.to).sort()).toEqual([...addresses].sort());
    const links = new Set(emails.map((email) => /\/invitations\/([a-z2-7]{32})/.exec(email.text)?.[1]));
    expect(links.size).toBe(3);
    const list = await invitationsLoader(routeArgs(url, { params: params(slug), cookie: owner.cookie }));
    expect(list.invitations.map((i) => i.email).sort()).toEqual([...addresses].sort());
  });
});
