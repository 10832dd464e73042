import { describe, expect, it } from "vitest";
import { seed } from "../../prisma/seed";
import { routeArgs } from "../fixtures/route-args";
import { startOrResumeDraft, getStep, saveStep, submitDraft } from "~/domain/assessments/assessments.server";
import { createShareLink, resolveShareLink } from "~/domain/assessments/share-links.server";
import type { MemberActor } from "~/domain/members/actor";
import { signUpConfirmed } from "../fixtures/members";
import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/session.server";
import { action as shareAction, loader as shareLoader } from "~/routes/competencies/me.competencies.share";
import { loader as sharedLoader } from "~/routes/competencies/shared.$token";

async function member(name: string) {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: name });
  if (!result.ok) throw new Error("sign-up failed");
  const { handle } = await prisma.profile.findUniqueOrThrow({ where: { userId: result.value.userId }, select: { handle: true } });
  const actor: MemberActor = { kind: "member", userId: result.value.userId, sessionId: "t", role: "MEMBER", handle, displayName: name, onboarded: true, confirmed: true };
  return { actor, cookie: `cme_session=${result.value.token}` };
}

async function submitAssessment(actor: MemberActor, evidence: string) {
  await startOrResumeDraft(actor);
  const { stepCount } = (await getStep(actor, 1))!;
  for (let step = 1; step <= stepCount; step++) {
    await saveStep(actor, step, { intent: "save", stage: "competent", target: "expert", evidence, links: [] }, step + 1);
  }
  await submitDraft(actor);
}

async function sharedPage(token: string) {
  return sharedLoader(routeArgs(`/shared/${token}`, { params: { token } })).catch((error: unknown) => error);
}

describe("share links", () => {
  it("shows the submitted review pack to anyone holding the link, read-only, and never a draft", async () => {
    await seed();
    const { actor } = await member("Sharer One");
    await submitAssessment(actor, "Submitted evidence");
    await startOrResumeDraft(actor);
    await saveStep(actor, 1, { intent: "save", stage: "novice", evidence: "DRAFT-SECRET", links: [] }, 2);
    const { token } = await createShareLink(actor, { days: 30, label: "Manager" });

    const page = (await sharedPage(token)) as Awaited<ReturnType<typeof sharedLoader>>;
    expect(page.member.displayName).toBe("Sharer One");
    expect(page.pack?.areas).toHaveLength(8);
    const serialized = JSON.stringify(page);
    expect(serialized).toContain("Submitted evidence");
    expect(serialized).not.toContain("DRAFT-SECRET");
    // Only the hash is stored.
    expect(await prisma.competencyShareLink.count({ where: { id: token } })).toBe(0);
    expect(await prisma.competencyShareLink.count({ where: { id: hashToken(token) } })).toBe(1);
  });

  it("shows nothing once the link is revoked or expired, and 404 for a made-up link", async () => {
    await seed();
    const { actor, cookie } = await member("Sharer Two");
    await submitAssessment(actor, "Private evidence two");
    const created = (await shareAction(routeArgs("/me/competencies/share", { cookie, form: { intent: "create", days: "30", label: "Reviewer" } }))) as {
      created: { url: string } | null;
    };
    const token = created.created!.url.split("/shared/")[1]!;
    expect((await resolveShareLink(token)).ok).toBe(true);

    const { links } = await shareLoader(routeArgs("/me/competencies/share", { cookie }));
    expect(links).toHaveLength(1);
    await shareAction(routeArgs("/me/competencies/share", { cookie, form: { intent: "revoke", linkId: links[0]!.id } }));
    const revoked = await sharedPage(token);
    expect(revoked).toBeInstanceOf(Response);
    expect((revoked as Response).status).toBe(410);
    // Its headers (noindex, no-store, no Referer) come from the server's one policy: tests/e2e/hardening.spec.ts.
    expect(await (revoked as Response).text()).not.toContain("Private evidence two");

    const old = await createShareLink(actor, { days: 7, label: "" }, new Date(Date.now() - 8 * 24 * 3600 * 1000));
    expect(((await sharedPage(old.token)) as Response).status).toBe(410);
    expect(((await sharedPage("a".repeat(32))) as Response).status).toBe(404);
  });

  it("another member cannot list or revoke someone's links", async () => {
    await seed();
    const owner = await member("Owner");
    const other = await member("Other");
    await createShareLink(owner.actor, { days: 30, label: "Mine" });
    const theirs = await shareLoader(routeArgs("/me/competencies/share", { cookie: other.cookie }));
    expect(theirs.links).toEqual([]);
    const [link] = await prisma.competencyShareLink.findMany({ where: { userId: owner.actor.userId }, select: { id: true } });
    await shareAction(routeArgs("/me/competencies/share", { cookie: other.cookie, form: { intent: "revoke", linkId: link!.id } }));
    const still = await prisma.competencyShareLink.findUniqueOrThrow({ where: { id: link!.id }, select: { revokedAt: true } });
    expect(still.revokedAt).toBeNull();
  });

  it("refuses an invalid period with a field error and keeps the note", async () => {
    await seed();
    const { cookie } = await member("Validator");
    const result = (await shareAction(
      routeArgs("/me/competencies/share", { cookie, form: { intent: "create", days: "3650", label: "Typed note" } }),
    )) as { errors: Record<string, string[]> | null; label: string };
    expect(result.errors?.days).toEqual(["Choose one of the periods offered"]);
    expect(result.label).toBe("Typed note");
  });
});
