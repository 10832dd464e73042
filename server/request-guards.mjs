// What the server checks and sets around every request before and after Remix:
// body sizes (refused before they are read), addresses Remix could not serve
// (a NUL character), connections left with an unread body, and the caching
// policy of every response. The rules themselves live in the app
// (app/utils/body-limits.ts, app/utils/cache-policy.ts), exported by its
// server entry, so the routes and the server read the same table.
import onHeaders from "on-headers";

const METHODS_WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

/** A short page for a refusal made before Remix (no layout: nothing was read). */
function refusalPage(res, status, title, message) {
  const escape = (text) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  res.status(status).type("html").send(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escape(title)} · CME Commons</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;line-height:1.5">` +
      `<p>Error ${status}</p><h1>${escape(title)}</h1><p>${escape(message)}</p><p><a href="/">Go to the home page</a></p></body></html>`,
  );
}

/** Whether a request says it has a body (a length above zero, or chunks). */
function hasBody(req) {
  return Number(req.headers["content-length"]) > 0 || req.headers["transfer-encoding"] !== undefined;
}

/** An oversized body up to this size is read and thrown away before the refusal, for at most DRAIN_MS. */
const DRAIN_BYTES = 64 * 1024 * 1024;
const DRAIN_MS = 5_000;

/**
 * Refuses a body whose declared length is over the limit for its address,
 * before Remix or any route sees it: 413 with a short page. Nothing of it is
 * kept. Up to DRAIN_BYTES, the bytes already on their way are read and thrown
 * away first, so the answer reaches a client that is still sending and the
 * connection serves the next request; a larger body (or one still arriving
 * after DRAIN_MS) is answered at once and its connection closed. Bodies
 * without a length (chunked) are counted as they arrive by the app's body
 * reader, which stops at the same limit.
 */
export function refuseOversizedBodies(limitFor, formatBytes) {
  return (req, res, next) => {
    if (METHODS_WITHOUT_BODY.has(req.method)) return next();
    const limit = limitFor(req.path);
    const declared = Number(req.headers["content-length"]);
    if (!(declared > limit)) return next();
    const refuse = () => {
      if (res.headersSent) return;
      if (!req.complete) res.setHeader("Connection", "close");
      refusalPage(res, 413, "That was too much to send", `This page takes at most ${formatBytes(limit)}. Shorten what you sent and try again.`);
    };
    if (declared > DRAIN_BYTES) return refuse();
    const timer = setTimeout(refuse, DRAIN_MS);
    req.on("data", () => {});
    req.once("end", () => {
      clearTimeout(timer);
      refuse();
    });
    req.once("error", () => clearTimeout(timer));
  };
}

/**
 * A body that was not read to its end (a route that does not take one, a 404,
 * a chunked body cut off at its limit) would hold its keep-alive connection:
 * the next request would wait behind the unread bytes until the connection
 * timed out (6 s). Such a response closes its connection instead.
 */
export function closeWhenBodyUnread() {
  return (req, res, next) => {
    if (hasBody(req)) {
      onHeaders(res, () => {
        if (!req.complete) res.setHeader("Connection", "close");
      });
    }
    next();
  };
}

/**
 * PostgreSQL cannot store a NUL character, and no address of the site needs
 * one: an address with %00 (in its path or query) is refused with 400 instead
 * of reaching a query.
 */
export function refuseNulInAddress() {
  return (req, res, next) => {
    if (/%00/.test(req.originalUrl) || req.originalUrl.includes("\u0000")) {
      return refusalPage(res, 400, "That address cannot be used", "It contains a character no page of this site takes. Check the link and try again.");
    }
    next();
  };
}

/** Sets the caching headers of every response from the app's one policy (cacheHeaders). */
export function applyCachePolicy(cacheHeaders, sessionCookie) {
  const sessionPattern = new RegExp(`(?:^|;\\s*)${sessionCookie}=[^;]`);
  return (req, res, next) => {
    onHeaders(res, () => {
      const headers = cacheHeaders({
        path: req.path,
        signedIn: sessionPattern.test(req.headers.cookie ?? ""),
        setsCookie: res.hasHeader("Set-Cookie"),
        routeCacheControl: res.getHeader("Cache-Control")?.toString(),
      });
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    });
    next();
  };
}
