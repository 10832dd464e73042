import { describe, expect, it } from "vitest";
import { FAIL_STATUS, failureResponse, formFailure, okOrThrow, statusOf } from "./http.server";
import { fail, failFields, type FailReason } from "./result";

/** Runs `fn`, returning what it threw (a Response here), or fails the test. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

describe("the one mapping from a failure's reason to HTTP", () => {
  it.each<[FailReason, number]>([
    ["invalid", 400],
    ["forbidden", 403],
    ["not-found", 404],
    ["conflict", 409],
    ["gone", 410],
    ["rate-limited", 429],
  ])("%s → %i", async (reason, status) => {
    const failure = fail(reason, `Refused: ${reason}`);
    expect(statusOf(failure)).toBe(status);
    const response = failureResponse(failure);
    expect(response.status).toBe(status);
    expect(await response.text()).toBe(`Refused: ${reason}`);
  });

  it("covers every reason", () => {
    expect(Object.keys(FAIL_STATUS).sort()).toEqual([
      "conflict",
      "forbidden",
      "gone",
      "invalid",
      "not-found",
      "rate-limited",
    ]);
  });

  it("keeps Retry-After (in seconds) for a rate-limited failure, and the message and wait in its body", async () => {
    const retryAt = new Date(Date.now() + 90_000);
    const failure = fail("rate-limited", "You can post again in 2 minutes.", { retryAt });
    const response = failureResponse(failure);
    expect(response.status).toBe(429);
    const seconds = Number(response.headers.get("Retry-After"));
    expect(seconds).toBeGreaterThanOrEqual(89);
    expect(seconds).toBeLessThanOrEqual(90);
    expect(await response.json()).toEqual({ retryAfter: seconds, message: "You can post again in 2 minutes." });

    // Returned to a form, it keeps the header too.
    const returned = formFailure(failure, { message: failure.message });
    expect(returned.init?.status).toBe(429);
    expect(new Headers(returned.init?.headers).get("Retry-After")).toBe(String(seconds));
  });

  it("sends a failure's case (`why`) beside its message, for a page that words its cases apart", async () => {
    const response = failureResponse(fail("gone", "This link has been used.", { why: "used" }));
    expect(response.status).toBe(410);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(await response.json()).toEqual({ why: "used", message: "This link has been used." });
  });

  it("sends the message as plain text", () => {
    const response = failureResponse(fail("forbidden", "<b>Only moderators</b> can do that"));
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
  });
});

describe("formFailure", () => {
  it("returns field errors to the form with the reason's status, keeping what the page sends back", () => {
    const failure = failFields({ handle: ["Another member already uses that handle."] });
    const returned = formFailure(failure, { fieldErrors: failure.fieldErrors, typed: "ada" });
    expect(returned.data).toEqual({
      fieldErrors: { handle: ["Another member already uses that handle."] },
      typed: "ada",
    });
    expect(returned.init?.status).toBe(400);
    expect(failure.message).toBe("Another member already uses that handle.");
  });

  it("returns a conflict to the form (409)", () => {
    expect(formFailure(fail("conflict", "Changed meanwhile"), {}).init?.status).toBe(409);
  });

  it.each<[FailReason, number]>([
    ["forbidden", 403],
    ["not-found", 404],
    ["gone", 410],
  ])("throws %s (%i) to the error page with the domain's message", async (reason, status) => {
    const error = thrown(() => formFailure(fail(reason, "Only moderators can do that"), {}));
    expect(error).toBeInstanceOf(Response);
    expect((error as Response).status).toBe(status);
    expect(await (error as Response).text()).toBe("Only moderators can do that");
  });

  it("keeps a reason on the form when asked", () => {
    expect(formFailure(fail("forbidden", "This thread is locked"), {}, { keep: ["forbidden"] }).init?.status).toBe(403);
  });
});

describe("okOrThrow", () => {
  it("gives the value, or throws the failure's response", () => {
    expect(okOrThrow({ ok: true, value: 7 })).toBe(7);
    const error = thrown(() => okOrThrow(fail("not-found", "There is no such pathway.")));
    expect((error as Response).status).toBe(404);
  });
});
