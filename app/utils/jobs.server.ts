/**
 * Background jobs in the database, claimed by any app instance with
 * FOR UPDATE SKIP LOCKED (docs/decisions/0008-jobs-in-the-database.md).
 *
 * - Enqueueing is idempotent: every job has a key, and a second job with the
 *   same key is not created. Schedulers on every instance may enqueue the same
 *   work at once.
 * - A claim takes a lease (`lockedUntil`). Two workers never hold the same job:
 *   the claim's row locks skip rows another worker is claiming, and a claimed
 *   job is RUNNING until done. A worker that dies loses its lease, and the job
 *   is claimed again after it expires, so work survives restarts. Handlers
 *   must therefore be idempotent (digests write their email with a unique
 *   dedupe key).
 * - A handler that throws is retried with exponential backoff, up to
 *   `maxAttempts`, then left FAILED with its last error.
 *
 * Works on PGlite (one connection, so claims simply run one after the other)
 * and on PostgreSQL with any number of instances.
 */
import { randomUUID } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "./db.server";

export interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  payload: unknown;
  /** Including this one. */
  attempts: number;
}

/** Does the job's work; throwing schedules a retry. */
export type JobHandler = (job: ClaimedJob, now: Date) => Promise<void>;
export type JobHandlers = Record<string, JobHandler>;

type Db = Prisma.TransactionClient | typeof prisma;

export interface NewJob {
  kind: string;
  /** Identifies the work: the same key is enqueued once. */
  key: string;
  payload?: object;
  runAt?: Date;
  maxAttempts?: number;
}

/** How long a claim lasts before another worker may take the job over. */
export const LEASE_SECONDS = 5 * 60;
const MAX_ERROR_LENGTH = 2000;

/** A stable name for this process, recorded on the jobs it claims. */
export const PROCESS_WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

/** Enqueues a job unless one with the same key exists; true when it was new. */
export async function enqueueJob(job: NewJob, db: Db = prisma): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt", "maxAttempts")
    VALUES (${randomUUID()}, ${job.kind}, ${job.key}, ${JSON.stringify(job.payload ?? {})}::jsonb,
            ${job.runAt ?? new Date()}, ${job.maxAttempts ?? 5})
    ON CONFLICT ("key") DO NOTHING`;
  return inserted === 1;
}

/**
 * Enqueueing many jobs inside a statement of the caller's, so that the jobs
 * and the rows they are about are written together or not at all, in no
 * round trip of its own: an INSERT … SELECT to put in the caller's WITH
 * query (or run as it is). One job of `kind` per row of `from` (SQL naming
 * rows the caller's statement has, e.g. a WITH query aliased `n`) that
 * passes `where`, keyed and with a payload as the caller's SQL says. As
 * enqueueJob, a key already taken is skipped.
 */
export function enqueueJobsSql(job: {
  kind: string;
  from: Prisma.Sql;
  key: Prisma.Sql;
  payload: Prisma.Sql;
  where?: Prisma.Sql;
  runAt?: Date;
}): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Job" ("id", "kind", "key", "payload", "runAt")
    SELECT gen_random_uuid()::text, ${job.kind}, ${job.key}, ${job.payload}, ${job.runAt ?? new Date()}
    FROM ${job.from}
    ${job.where ? Prisma.sql`WHERE ${job.where}` : Prisma.empty}
    ON CONFLICT ("key") DO NOTHING`;
}

/**
 * Claims up to `limit` due jobs for `workerId`: pending jobs whose time has
 * come, and running jobs whose lease expired (their worker died).
 */
export async function claimJobs(workerId: string, limit: number, now: Date, kinds?: string[]): Promise<ClaimedJob[]> {
  const leaseEnd = new Date(now.getTime() + LEASE_SECONDS * 1000);
  const kindFilter = kinds?.length ? Prisma.sql`AND "kind" IN (${Prisma.join(kinds)})` : Prisma.empty;
  return prisma.$queryRaw<ClaimedJob[]>`
    UPDATE "Job" SET "status" = 'RUNNING', "lockedBy" = ${workerId}, "lockedUntil" = ${leaseEnd},
                     "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT "id" FROM "Job"
      WHERE (("status" = 'PENDING' AND "runAt" <= ${now}) OR ("status" = 'RUNNING' AND "lockedUntil" < ${now}))
        ${kindFilter}
      ORDER BY "runAt", "id"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "kind", "key", "payload", "attempts"`;
}

/** Marks a claimed job done, if this worker still holds it. */
async function completeJob(job: ClaimedJob, workerId: string, now: Date) {
  await prisma.job.updateMany({
    where: { id: job.id, status: "RUNNING", lockedBy: workerId },
    data: { status: "DONE", finishedAt: now, lockedBy: null, lockedUntil: null, lastError: null },
  });
}

/** Records a failure: back to PENDING after a backoff, or FAILED after the last attempt. */
async function failJob(job: ClaimedJob, workerId: string, now: Date, error: unknown) {
  const message = (error instanceof Error ? (error.stack ?? error.message) : String(error)).slice(0, MAX_ERROR_LENGTH);
  const backoffSeconds = Math.min(30 * 2 ** (job.attempts - 1), 6 * 3600);
  await prisma.$executeRaw`
    UPDATE "Job" SET
      "status" = CASE WHEN "attempts" >= "maxAttempts" THEN 'FAILED'::"JobStatus" ELSE 'PENDING'::"JobStatus" END,
      "finishedAt" = CASE WHEN "attempts" >= "maxAttempts" THEN ${now}::timestamp(3) ELSE NULL END,
      "runAt" = ${new Date(now.getTime() + backoffSeconds * 1000)},
      "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${message}
    WHERE "id" = ${job.id} AND "status" = 'RUNNING' AND "lockedBy" = ${workerId}`;
}

export interface RunOptions {
  handlers: JobHandlers;
  workerId?: string;
  /** Jobs claimed per batch. */
  limit?: number;
  now?: Date;
}

/** Claims one batch of due jobs and runs them one after the other. */
export async function runDueJobs({ handlers, workerId = PROCESS_WORKER_ID, limit = 20, now = new Date() }: RunOptions) {
  const jobs = await claimJobs(workerId, limit, now, Object.keys(handlers));
  let done = 0;
  let failed = 0;
  for (const job of jobs) {
    const handler = handlers[job.kind];
    try {
      if (!handler) throw new Error(`No handler for jobs of kind "${job.kind}"`);
      await handler(job, now);
      await completeJob(job, workerId, now);
      done += 1;
    } catch (error) {
      console.error(`Job ${job.kind} ${job.key} failed (attempt ${job.attempts}):`, error);
      await failJob(job, workerId, now, error);
      failed += 1;
    }
  }
  return { done, failed, claimed: jobs.length };
}

/** Runs batches until nothing is due (tests, and catching up after downtime). */
export async function runJobsUntilIdle(options: RunOptions & { maxBatches?: number }) {
  let done = 0;
  let failed = 0;
  for (let batch = 0; batch < (options.maxBatches ?? 1000); batch++) {
    const result = await runDueJobs(options);
    done += result.done;
    failed += result.failed;
    if (result.claimed === 0) break;
  }
  return { done, failed };
}

/** Deletes jobs that finished (done or failed) more than `days` ago. */
export async function purgeFinishedJobs(now = new Date(), days = 30) {
  const { count } = await prisma.job.deleteMany({
    where: { status: { in: ["DONE", "FAILED"] }, finishedAt: { lt: new Date(now.getTime() - days * 86400 * 1000) } },
  });
  return count;
}
