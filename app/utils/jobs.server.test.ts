import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "./db.server";
import { claimJobs, enqueueJob, LEASE_SECONDS, purgeFinishedJobs, runDueJobs, runJobsUntilIdle, type JobHandlers } from "./jobs.server";

/** A job kind of this test's own, so that tests never claim each other's jobs. */
const kindFor = () => `test-${randomUUID()}`;

function jobsOf(kind: string) {
  return prisma.job.findMany({
    where: { kind },
    orderBy: { key: "asc" },
    select: { key: true, status: true, attempts: true, lastError: true, lockedBy: true, runAt: true, finishedAt: true },
  });
}

describe("enqueueJob", () => {
  it("keeps one job per key however often it is enqueued", async () => {
    const kind = kindFor();
    const results = await Promise.all([1, 2, 3].map(() => enqueueJob({ kind, key: `${kind}:a`, payload: { n: 1 } })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await enqueueJob({ kind, key: `${kind}:a` })).toBe(false);
    expect(await enqueueJob({ kind, key: `${kind}:b` })).toBe(true);
    expect((await jobsOf(kind)).map((job) => job.key)).toEqual([`${kind}:a`, `${kind}:b`]);
  });

  it("joins the caller's transaction: a rolled-back enqueue leaves no job", async () => {
    const kind = kindFor();
    await expect(
      prisma.$transaction(async (tx) => {
        await enqueueJob({ kind, key: `${kind}:x` }, tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await jobsOf(kind)).toEqual([]);
  });
});

describe("runDueJobs", () => {
  it("runs each due job once, passing its payload, and leaves future jobs alone", async () => {
    const kind = kindFor();
    const now = new Date();
    await enqueueJob({ kind, key: `${kind}:due`, payload: { greeting: "hello" }, runAt: new Date(now.getTime() - 1000) });
    await enqueueJob({ kind, key: `${kind}:later`, runAt: new Date(now.getTime() + 3600 * 1000) });
    const seen: unknown[] = [];
    const handlers: JobHandlers = { [kind]: async (job) => void seen.push(job.payload) };

    expect(await runJobsUntilIdle({ handlers, now })).toEqual({ done: 1, failed: 0 });
    expect(seen).toEqual([{ greeting: "hello" }]);
    expect(await runJobsUntilIdle({ handlers, now })).toEqual({ done: 0, failed: 0 });
    const jobs = await jobsOf(kind);
    expect(jobs.map((job) => [job.key, job.status])).toEqual([
      [`${kind}:due`, "DONE"],
      [`${kind}:later`, "PENDING"],
    ]);
  });

  it("never gives the same job to two workers running at once", async () => {
    const kind = kindFor();
    for (let i = 0; i < 12; i++) await enqueueJob({ kind, key: `${kind}:${String(i).padStart(2, "0")}` });
    const ranBy = new Map<string, string[]>();
    const handlersFor = (worker: string): JobHandlers => ({
      [kind]: async (job) => {
        ranBy.set(job.key, [...(ranBy.get(job.key) ?? []), worker]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
    });
    // On PostgreSQL the two workers claim on two connections of the pool, truly at once.
    await Promise.all(
      ["worker-a", "worker-b", "worker-c"].map((worker) =>
        runJobsUntilIdle({ handlers: handlersFor(worker), workerId: worker, limit: 2 }),
      ),
    );
    expect(ranBy.size).toBe(12);
    for (const workers of ranBy.values()) expect(workers).toHaveLength(1);
    expect((await jobsOf(kind)).every((job) => job.status === "DONE")).toBe(true);
  });

  it("retries a failing job with a growing delay, then marks it failed with the error", async () => {
    const kind = kindFor();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await prisma.job.create({ data: { kind, key: `${kind}:flaky`, maxAttempts: 3 } });
    const handlers: JobHandlers = {
      [kind]: async () => {
        throw new Error("the mail server said no");
      },
    };
    let now = new Date();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await runDueJobs({ handlers, now })).toMatchObject({ failed: 1 });
      const [job] = await jobsOf(kind);
      expect(job!.attempts).toBe(attempt);
      expect(job!.lastError).toContain("the mail server said no");
      delays.push(job!.runAt.getTime() - now.getTime());
      now = new Date(job!.runAt.getTime() + 1);
    }
    const [job] = await jobsOf(kind);
    expect(job!.status).toBe("FAILED");
    expect(job!.finishedAt).not.toBeNull();
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    // A failed job is not claimed again.
    expect(await runDueJobs({ handlers, now: new Date(now.getTime() + 86400 * 1000) })).toMatchObject({ claimed: 0 });
    // Each failure is logged for the operator.
    expect(logged).toHaveBeenCalledTimes(3);
    logged.mockRestore();
  });

  it("takes over a job whose worker died once its lease has expired, and the dead worker cannot complete it", async () => {
    const kind = kindFor();
    await enqueueJob({ kind, key: `${kind}:orphan` });
    const start = new Date();
    const [claimed] = await claimJobs("dead-worker", 1, start, [kind]);
    expect(claimed?.key).toBe(`${kind}:orphan`);

    const runs: string[] = [];
    const handlers: JobHandlers = { [kind]: async (_job) => void runs.push("survivor") };
    // Within the lease nobody else may run it.
    expect(await runDueJobs({ handlers, workerId: "survivor", now: new Date(start.getTime() + 60_000) })).toMatchObject({ claimed: 0 });
    // After it, the survivor does.
    const later = new Date(start.getTime() + (LEASE_SECONDS + 1) * 1000);
    expect(await runDueJobs({ handlers, workerId: "survivor", now: later })).toMatchObject({ done: 1 });
    expect(runs).toEqual(["survivor"]);
    const [job] = await jobsOf(kind);
    expect(job).toMatchObject({ status: "DONE", attempts: 2, lockedBy: null });
  });

  it("only claims the kinds it has handlers for (an older instance leaves newer kinds alone)", async () => {
    const known = kindFor();
    const unknown = kindFor();
    await enqueueJob({ kind: known, key: `${known}:1` });
    await enqueueJob({ kind: unknown, key: `${unknown}:1` });
    await runJobsUntilIdle({ handlers: { [known]: async () => {} } });
    expect((await jobsOf(known))[0]!.status).toBe("DONE");
    expect((await jobsOf(unknown))[0]).toMatchObject({ status: "PENDING", attempts: 0 });
  });
});

describe("purgeFinishedJobs", () => {
  it("deletes jobs finished long ago and keeps recent and pending ones", async () => {
    const kind = kindFor();
    const now = new Date();
    const old = new Date(now.getTime() - 40 * 86400 * 1000);
    await prisma.job.createMany({
      data: [
        { kind, key: `${kind}:old-done`, status: "DONE", finishedAt: old },
        { kind, key: `${kind}:old-failed`, status: "FAILED", finishedAt: old },
        { kind, key: `${kind}:recent`, status: "DONE", finishedAt: now },
        { kind, key: `${kind}:pending`, createdAt: old },
      ],
    });
    await purgeFinishedJobs(now);
    expect((await jobsOf(kind)).map((job) => job.key)).toEqual([`${kind}:pending`, `${kind}:recent`]);
  });
});
