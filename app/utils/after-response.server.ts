/**
 * Work that runs once the response has been handed over, as `waitUntil` or
 * Next's `after()` do elsewhere. For work whose cost must not show in the
 * answer: sign-up and password-reset emails, where waiting for them would make
 * "this address has an account" measurably slower (or faster) than "it has
 * not", and where the 30-second job tick would keep a person waiting.
 *
 * An action queues work on its load context (one object per request, shared
 * by the action, the loaders and the entry module). entry.server.tsx starts it
 * when Remix has produced the whole body, for documents and for single-fetch
 * data requests alike. A response that never reaches those hooks (a redirect
 * answering a document POST, a resource route) starts it after SAFETY_NET_MS,
 * so queued work always runs. Shutdown waits for it (closeDatabase in
 * entry.server.tsx).
 *
 * Not durable: work lost to a crash between the response and its end is not
 * retried (the person asks again: a new reset link, the confirmation email
 * again). Work that must survive a restart belongs in a job (jobs.server.ts).
 */

type Task = () => Promise<unknown>;

/** Long enough for any page to be rendered, short enough that an email is never noticeably late. */
const SAFETY_NET_MS = 500;

const queued = new Map<object, { tasks: Task[]; timer: ReturnType<typeof setTimeout> }>();
const running = new Set<Promise<void>>();

/** Queues `task` to run after the response to the request whose load context this is. */
export function afterResponse(context: object, task: Task): void {
  let entry = queued.get(context);
  if (!entry) {
    const timer = setTimeout(() => void runAfterResponse(context), SAFETY_NET_MS);
    timer.unref?.();
    entry = { tasks: [], timer };
    queued.set(context, entry);
  }
  entry.tasks.push(task);
}

/** Whether work waits for this response (the entry module only wraps such responses). */
export function hasAfterResponseWork(context: object): boolean {
  return queued.has(context);
}

/**
 * Starts the work queued for this response, in order; resolves when it is
 * done. A failing task is logged and does not stop the next one. Tests call it
 * after an action, where a server would have sent the response.
 */
export function runAfterResponse(context: object): Promise<void> {
  const entry = queued.get(context);
  if (!entry) return Promise.resolve();
  queued.delete(context);
  clearTimeout(entry.timer);
  const run = (async () => {
    for (const task of entry.tasks) {
      try {
        await task();
      } catch (error) {
        console.error("Work after the response failed:", error);
      }
    }
  })();
  running.add(run);
  void run.finally(() => running.delete(run));
  return run;
}

/** Starts whatever is still queued and waits for all of it (shutdown). */
export async function settleAfterResponseWork(): Promise<void> {
  for (const context of [...queued.keys()]) void runAfterResponse(context);
  await Promise.all([...running]);
}

/** The same response, whose `done` runs once its whole body has been produced (at once for no body). */
export function withBodyDone(response: Response, done: () => void): Response {
  if (!response.body) {
    setImmediate(done);
    return response;
  }
  const body = response.body.pipeThrough(new TransformStream({ flush: () => done() }));
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
