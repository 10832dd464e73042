/**
 * The one way actions read a request body.
 *
 * - Size: at most the body limit for the address (body-limits.ts), counted as
 *   the bytes arrive, so a chunked body without a length is cut off too → 413.
 *   (The server already refused a larger declared Content-Length before Remix.)
 * - Type: forms only (urlencoded or multipart) → otherwise 415.
 * - Parse errors (a truncated multipart body, a body that stopped arriving) → 400.
 * - Text: every field is cleaned once (cleanText: no NUL or other control
 *   characters, "\n" line breaks). One-line fields collapse line breaks in their
 *   schemas (singleLine).
 *
 * Failures are thrown as responses with a message for the person, shown by the
 * error page; a refused body never reaches the domain.
 */
import { bodyLimitFor, formatBytes } from "./body-limits";
import { cleanText } from "./text";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"] as const;

function refuse(status: 400 | 413 | 415, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** How much of a body over its limit is read and thrown away before the refusal, and for how long. */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 5_000;

/**
 * Reads what is left of a body that went over its limit, keeping none of it:
 * the client that is still sending then reads the refusal, and the connection
 * serves the next request. Past DISCARD_BYTES or DISCARD_MS it stops, and the
 * server closes the connection after the answer (server/request-guards.mjs).
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<void> {
  const deadline = Date.now() + DISCARD_MS;
  let read = alreadyRead;
  while (read <= DISCARD_BYTES && Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) return;
    read += value.byteLength;
  }
}

/** The body's bytes, at most `limit` of them. */
async function readBytes(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const tooLarge = () =>
    refuse(413, `That was more than this form can take (${formatBytes(limit)}). Shorten the text and try again.`);
  const declared = Number(request.headers.get("Content-Length"));
  if (declared > limit) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await discardRest(reader, size);
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof Response) throw error;
    throw refuse(400, "The form did not arrive whole. Please try again.");
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** A form's fields, read and cleaned; throws a 400, 413 or 415 response for a body it cannot take. */
export async function readForm(request: Request): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const essence = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(essence as (typeof FORM_TYPES)[number])) {
    throw refuse(415, "This address takes a form sent from its page, and what arrived was not one.");
  }
  const bytes = await readBytes(request, bodyLimitFor(new URL(request.url).pathname));
  let parsed: FormData;
  if (essence === "application/x-www-form-urlencoded") {
    parsed = new FormData();
    for (const [name, value] of new URLSearchParams(new TextDecoder().decode(bytes))) parsed.append(name, value);
  } else {
    try {
      parsed = await new Response(bytes, { headers: { "Content-Type": contentType } }).formData();
    } catch {
      throw refuse(400, "The form did not arrive whole. Please try again.");
    }
  }
  const form = new FormData();
  for (const [name, value] of parsed) {
    if (typeof value === "string") form.append(cleanText(name), cleanText(value));
    else form.append(cleanText(name), value, value.name);
  }
  return form;
}

/**
 * A body taken as it is (a raw email from a mail provider's webhook), of one
 * of `types`, at most the address's limit; throws a 413 or 415 response.
 * Nothing is cleaned: the bytes are kept exactly as they arrived.
 */
export async function readRawBody(request: Request, types: readonly string[]): Promise<Uint8Array<ArrayBuffer>> {
  const essence = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!types.includes(essence)) throw refuse(415, `This address takes ${types.join(" or ")}.`);
  return readBytes(request, bodyLimitFor(new URL(request.url).pathname));
}
