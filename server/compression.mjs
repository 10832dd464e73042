// Compression for every response: the stock `compression` middleware, plus a
// no-op `res.flush` (docs/decisions/0015).
//
// `compression` gives each response a `flush()` that flushes its zlib stream
// (a full flush: the compressor starts afresh), and Remix calls `res.flush()`
// after every piece of a page it writes (@remix-run/node's
// writeReadableStreamToWritable). React writes a page in pieces of about 2 KB,
// so each was compressed on its own and pages went out about 4× larger (a
// 50-post thread page 103 KB instead of 24 KB gzip). No page streams deferred
// data, so nothing has to reach the browser before the response ends:
// flushing does nothing, and the compressor sends what it has when its buffer
// fills and at the end. tests/compression.test.ts fails if this stops working.
import compression from "compression";

/** Never compress a part of a file (206): its range is of the uncompressed bytes. */
function shouldCompress(req, res) {
  return res.statusCode !== 206 && compression.filter(req, res);
}

function noFlush() {}

/**
 * The two middleware functions, in order. gzip at level 4 instead of the default 6: on a 50-post
 * thread page it takes about a third of the CPU for about 10% more bytes (docs/decisions/0010,
 * measured again in 0015); brotli, for browsers that prefer it, at the middleware's default quality 4.
 */
export function compressResponses({ level = 4 } = {}) {
  return [
    compression({ level, filter: shouldCompress }),
    (_req, res, next) => {
      res.flush = noFlush;
      next();
    },
  ];
}
