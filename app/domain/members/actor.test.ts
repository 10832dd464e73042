import { describe, expect, it } from "vitest";
import { joinOption } from "~/domain/associations/policy";
import { canCreateThread, canReactToPost, canReply, canViewThread, type ThreadFacts } from "~/domain/discussions/policy";
import { canEditText, canEndorse, canProposeStatement, canSignal, canSuggest, canViewStatement } from "~/domain/statements/policy";
import { ANONYMOUS, canContribute, type Actor } from "./actor";

const member = (confirmed: boolean): Actor => ({
  kind: "member",
  userId: "me",
  sessionId: "s",
  role: "MEMBER",
  handle: "me",
  displayName: "Me",
  onboarded: true,
  confirmed,
});

const thread: ThreadFacts = { visibility: "MEMBERS", associationId: null, authorId: "other", kind: "DISCUSSION", lockedAt: null, deletedAt: null };
const post = { authorId: "other", deletedAt: null, hiddenAt: null };
const openStatement = { status: "OPEN" as const, associationId: null, authorId: "other", coauthorIds: ["me"] };

describe("canContribute: what a confirmed email address unlocks", () => {
  it.each([
    ["a visitor", ANONYMOUS, false],
    ["an unconfirmed member", member(false), false],
    ["a confirmed member", member(true), true],
  ])("%s → %s", (_label, actor, expected) => {
    expect(canContribute(actor)).toBe(expected);
  });

  // Each write the policies allow a confirmed member is refused an unconfirmed one; reading is not.
  const rules: [string, (actor: Actor) => unknown, unknown, unknown][] = [
    ["view a members' thread", (a) => canViewThread(a, thread, null), true, true],
    ["start a thread", (a) => canCreateThread(a, thread, null), true, false],
    ["reply", (a) => canReply(a, thread, null), true, false],
    ["mark a post helpful or flag it", (a) => canReactToPost(a, thread, post, null), true, false],
    ["view an open statement", (a) => canViewStatement(a, openStatement, null), true, true],
    ["propose a statement", (a) => canProposeStatement(a, null, null), true, false],
    ["signal", (a) => canSignal(a, openStatement, null), true, false],
    ["sign", (a) => canEndorse(a, openStatement, null), true, false],
    ["suggest (not a writer)", (a) => canSuggest(a, { ...openStatement, coauthorIds: [] }, null), true, false],
    ["edit as a co-author", (a) => canEditText(a, openStatement, null), true, false],
    ["join an open association", (a) => joinOption(a, null, "OPEN"), "join", "confirm-email"],
  ];
  it.each(rules)("%s", (_label, rule, confirmed, unconfirmed) => {
    expect(rule(member(true))).toBe(confirmed);
    expect(rule(member(false))).toBe(unconfirmed);
  });
});
