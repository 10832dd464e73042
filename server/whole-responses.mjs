// The server's response layer: a response's body is gathered, compressed in
// one zlib job and sent in one socket write with its length, instead of in
// chunks.
//
// React and Remix write a page in many small pieces. Through the compression
// middleware each piece cost a zlib job, and a gzipped page went out in three
// socket writes (the headers with the 10-byte gzip header, the body, the
// closing chunk), each of which wakes the client; on the reference machine a
// socket write costs about as much as rendering a small component tree
// (docs/decisions/0013). Remix does not wait for 'drain' and pages stream no
// deferred data, so holding a body back changes nothing but the number of
// writes. A body larger than `maxBytes` (a big download) streams, compressed
// on the way.
import zlib from "node:zlib";

const COMPRESSIBLE_TYPE = /^\s*(?:text\/|application\/(?:json|javascript|x-javascript|xml|[\w.-]+\+(?:json|xml))|image\/svg\+xml)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

/** The encoding to answer with, brotli before gzip at equal weight, as Accept-Encoding allows; null for none. */
export function chooseEncoding(acceptEncoding) {
  if (!acceptEncoding) return null;
  const weights = new Map();
  for (const part of String(acceptEncoding).split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)).find(Boolean);
    weights.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const weight = (name) => weights.get(name) ?? weights.get("*") ?? 0;
  const accepted = ["br", "gzip"].filter((name) => weight(name) > 0);
  accepted.sort((a, b) => weight(b) - weight(a));
  return accepted[0] ?? null;
}

/** Whether a response may be compressed at all (its length aside); if so, caches must vary on Accept-Encoding. */
function mayCompress(res) {
  // A part of a file (206) is a range of the uncompressed bytes.
  if (res.headersSent || res.getHeader("Content-Encoding") || res.statusCode === 206) return false;
  if (!COMPRESSIBLE_TYPE.test(String(res.getHeader("Content-Type") ?? ""))) return false;
  return !NO_TRANSFORM.test(String(res.getHeader("Cache-Control") ?? ""));
}

const brotliParams = (level, sizeHint) => ({
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: level, ...(sizeHint ? { [zlib.constants.BROTLI_PARAM_SIZE_HINT]: sizeHint } : {}) },
});

/**
 * Express middleware. `level`: gzip level and brotli quality; `minBytes`: bodies
 * shorter than this go uncompressed; `maxBytes`: bodies up to this are held whole.
 */
export function wholeResponses({ level = 4, minBytes = 1024, maxBytes = 1024 * 1024 } = {}) {
  return (req, res, next) => {
    const write = res.write;
    const end = res.end;
    let pending = [];
    let size = 0;
    /** Once the body outgrew maxBytes: where the rest goes (a compressor, or the response itself). */
    let stream = null;

    /** The encoding for a body of this length, or null; a compressible response varies on Accept-Encoding. */
    const negotiate = (length) => {
      if (!mayCompress(res)) return null;
      res.vary("Accept-Encoding");
      return length >= minBytes && req.method !== "HEAD" ? chooseEncoding(req.headers["accept-encoding"]) : null;
    };

    /** The body so far is too large to hold: send the headers and stream from here on. */
    const startStreaming = () => {
      const encoding = negotiate(size);
      if (!encoding) {
        stream = { write: (piece) => write.call(res, piece), end: (callback) => end.call(res, callback) };
        return;
      }
      res.setHeader("Content-Encoding", encoding);
      res.removeHeader("Content-Length");
      const compressor = encoding === "br" ? zlib.createBrotliCompress(brotliParams(level)) : zlib.createGzip({ level });
      compressor.on("data", (piece) => write.call(res, piece));
      compressor.on("error", (error) => res.destroy(error));
      res.once("close", () => compressor.destroy());
      stream = {
        write: (piece) => compressor.write(piece),
        end: (callback) => {
          compressor.once("end", () => end.call(res, callback));
          compressor.end();
        },
      };
    };

    res.write = function (chunk, encoding, callback) {
      if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      if (chunk === undefined || chunk === null || chunk.length === 0) {
        if (callback) process.nextTick(callback);
        return true;
      }
      const piece = typeof chunk === "string" ? Buffer.from(chunk, encoding) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (callback) process.nextTick(callback);
      if (stream) return stream.write(piece);
      pending.push(piece);
      size += piece.length;
      if (size <= maxBytes) return true;
      startStreaming();
      const held = Buffer.concat(pending, size);
      pending = [];
      size = 0;
      return stream.write(held);
    };

    res.end = function (chunk, encoding, callback) {
      if (typeof chunk === "function") [callback, chunk] = [chunk, undefined];
      else if (typeof encoding === "function") [callback, encoding] = [encoding, undefined];
      if (chunk !== undefined && chunk !== null) res.write(chunk, encoding);
      if (stream) {
        stream.end(callback);
        return res;
      }
      const body = size === 0 ? undefined : pending.length === 1 ? pending[0] : Buffer.concat(pending, size);
      pending = [];
      size = 0;
      if (body === undefined) return end.call(res, callback);
      const chosen = negotiate(body.length);
      const send = (bytes) => {
        if (!res.headersSent) res.setHeader("Content-Length", bytes.length);
        end.call(res, bytes, callback);
      };
      if (!chosen) {
        send(body);
        return res;
      }
      const done = (error, compressed) => {
        if (res.destroyed) return;
        if (error) return send(body);
        res.setHeader("Content-Encoding", chosen);
        send(compressed);
      };
      if (chosen === "br") zlib.brotliCompress(body, brotliParams(level, body.length), done);
      else zlib.gzip(body, { level }, done);
      return res;
    };
    next();
  };
}
