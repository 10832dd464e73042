import { describe, expect, it, vi } from "vitest";
import { afterResponse, hasAfterResponseWork, runAfterResponse, settleAfterResponseWork, withBodyDone } from "./after-response.server";

describe("work after the response", () => {
  it("waits until the response is out, then runs the request's tasks in order, once", async () => {
    const context = {};
    const done: string[] = [];
    afterResponse(context, async () => void done.push("first"));
    afterResponse(context, async () => void done.push("second"));
    expect(hasAfterResponseWork(context)).toBe(true);
    expect(hasAfterResponseWork({})).toBe(false);
    expect(done).toEqual([]);

    await runAfterResponse(context);
    expect(done).toEqual(["first", "second"]);
    expect(hasAfterResponseWork(context)).toBe(false);
    await runAfterResponse(context);
    expect(done).toEqual(["first", "second"]);
  });

  it("a failing task is logged and does not stop the next", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const context = {};
    const done: string[] = [];
    afterResponse(context, async () => {
      throw new Error("mail server down");
    });
    afterResponse(context, async () => void done.push("next"));
    await runAfterResponse(context);
    expect(done).toEqual(["next"]);
    expect(logged).toHaveBeenCalledTimes(1);
    logged.mockRestore();
  });

  it("work whose response never reached the entry module still runs (the safety net), and shutdown waits for it", async () => {
    vi.useFakeTimers();
    try {
      const context = {};
      let ran = false;
      afterResponse(context, async () => void (ran = true));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(ran).toBe(true);
      expect(hasAfterResponseWork(context)).toBe(false);
    } finally {
      vi.useRealTimers();
    }
    const context = {};
    let finished = false;
    afterResponse(context, () => new Promise<void>((resolve) => setTimeout(() => resolve(void (finished = true)), 20)));
    await settleAfterResponseWork();
    expect(finished).toBe(true);
  });

  it("a response's body is handed over whole before its work starts", async () => {
    const started: string[] = [];
    const response = withBodyDone(new Response("the whole body", { status: 201, headers: { "X-Kept": "yes" } }), () =>
      started.push("work"),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get("X-Kept")).toBe("yes");
    expect(started).toEqual([]);
    expect(await response.text()).toBe("the whole body");
    expect(started).toEqual(["work"]);
  });
});
