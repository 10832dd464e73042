import { finished, Transform, type TransformCallback } from "node:stream";
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
// The inbound SMTP listener server.mjs starts when SMTP_INBOUND_PORT is set (decision 0020).
export { startInboundSmtp } from "~/domain/email/smtp-listener.server";
// Rules the HTTP server applies before and after Remix (server/request-guards.mjs).
export { bodyLimitFor, formatBytes } from "~/utils/body-limits";
export { cacheHeaders } from "~/utils/cache-policy";
export { redactSecrets } from "~/utils/secret-addresses";
export { SESSION_COOKIE } from "~/utils/session.server";

export const streamTimeout = 5_000;

/**
 * The page's bytes on their way from React to Remix, gathered. React writes a page in pieces of
 * about 2 KB; each piece would otherwise travel alone through the web stream Remix reads, Remix's
 * write (and flush) to the response, the compressor (a zlib job each) and the socket. React calls
 * `flush()` on its destination after each batch of work it writes: the pieces gathered so far go
 * on then as one, or when 64 KB are waiting. Nothing is held back that React has finished with.
 * (docs/decisions/0015: a fifth to more than a quarter of a page's CPU with the stock compression middleware.)
 */
class GatheredBody extends Transform {
  static readonly limit = 64 * 1024;
  #pieces: Buffer[] = [];
  #size = 0;
  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.#pieces.push(piece);
    this.#size += piece.length;
    if (this.#size >= GatheredBody.limit) this.flush();
    done();
  }
  override _flush(done: TransformCallback) {
    this.flush();
    done();
  }
  /** Called by React after each batch of writes. */
  flush() {
    if (this.#size === 0) return;
    const pieces = this.#pieces;
    this.#pieces = [];
    this.#size = 0;
    this.push(pieces.length === 1 ? pieces[0] : Buffer.concat(pieces));
  }
}

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
      const body = new GatheredBody();
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
