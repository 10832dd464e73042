import { finished, PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction, HandleDocumentRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/utils/nonce";
import { hasAfterResponseWork, runAfterResponse, settleAfterResponseWork, withBodyDone } from "~/utils/after-response.server";
import { closeDatabase as closeDb } from "~/utils/db.server";

/** Shutdown (server.mjs): work queued after responses first (it writes emails), then the database. */
export async function closeDatabase(): Promise<void> {
  await settleAfterResponseWork();
  await closeDb();
}
export { getDatabase } from "~/utils/db.server";
export { runBackgroundTick } from "~/jobs/tick.server";
// Rules the HTTP server applies before and after Remix (server/request-guards.mjs).
export { bodyLimitFor, formatBytes } from "~/utils/body-limits";
export { cacheHeaders } from "~/utils/cache-policy";
export { redactSecrets } from "~/utils/secret-addresses";
export { SESSION_COOKIE } from "~/utils/session.server";

export const streamTimeout = 5_000;

const handleRequest: HandleDocumentRequestFunction = (
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) => {
  const nonce = loadContext.cspNonce;
  // Bots and no-JS clients get the whole document at once.
  const waitForAll = isbot(request.headers.get("user-agent"));
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const respond = () => {
      shellRendered = true;
      const body = new PassThrough();
      // React ends the stream again when it closes; on a finished stream Node builds an error (stack
      // and all, about 20 µs) only to drop it. Once ended, end() does nothing.
      const end = body.end.bind(body);
      body.end = ((...args: Parameters<typeof end>) => (body.writableEnded ? body : end(...args))) as typeof body.end;
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
      // Work an action queued for after the response (after-response.server.ts) starts once the page is out.
      if (hasAfterResponseWork(loadContext)) finished(body, () => void runAfterResponse(loadContext));
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          if (!waitForAll) respond();
        },
        onAllReady() {
          // Everything is rendered: the abort timer is done with. Left running, it kept each request's
          // data and rendered tree alive for six seconds (hundreds of pages' worth under load).
          clearTimeout(timer);
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    timer = setTimeout(abort, streamTimeout + 1000);
  });
};

export default handleRequest;

/** Single-fetch data (and action) responses: queued work starts once the body is out, as for documents. */
export const handleDataRequest: HandleDataRequestFunction = (response, { context }) =>
  hasAfterResponseWork(context) ? withBodyDone(response, () => void runAfterResponse(context)) : response;

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
