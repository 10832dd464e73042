/**
 * The provider webhook's rules (the route, /email/inbound, only reads the
 * body): the shared secret, the recipients at REPLY_DOMAIN, storing.
 */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import PostalMime from "postal-mime";
import { INBOUND_MESSAGE_LIMIT, storeInboundEmail } from "./inbound.server";
import { isReplyDomainAddress, replyDomain } from "./reply-addresses.server";

const encoder = new TextEncoder();

const answer = (status: number, message: string, headers: Record<string, string> = {}) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });

/** The secret from `Authorization: Bearer …` or the password of `Authorization: Basic …`. */
function presentedSecret(request: Request): string | null {
  const authorization = request.headers.get("Authorization") ?? "";
  const bearer = /^Bearer\s+(.+)$/i.exec(authorization);
  if (bearer) return bearer[1]!.trim();
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization);
  if (!basic) return null;
  const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon === -1 ? null : decoded.slice(colon + 1);
}

function secretMatches(request: Request): boolean {
  const expected = process.env.INBOUND_WEBHOOK_SECRET;
  const presented = presentedSecret(request);
  if (!expected || !presented) return false;
  const a = encoder.encode(presented);
  const b = encoder.encode(expected);
  return a.byteLength === b.byteLength && constantTimeEqual(a, b);
}

/** The message's own addresses at REPLY_DOMAIN (To, Cc, Delivered-To), when the provider named no recipient. */
async function addressesInMessage(raw: Uint8Array): Promise<string[]> {
  const parsed = await PostalMime.parse(raw);
  const mailboxes = [...(parsed.to ?? []), ...(parsed.cc ?? [])].flatMap((address) => (address.group ? address.group : [address]));
  return [...mailboxes.map((mailbox) => mailbox.address), parsed.deliveredTo ?? ""];
}

export async function receiveWebhookEmail(
  request: Request,
  options: {
    readBody: () => Promise<{ raw: Uint8Array | null; recipients: string[]; envelopeFrom: string | null }>;
    /** Stores one copy per recipient; tests replace it to play a database that is down. */
    store?: typeof storeInboundEmail;
  },
): Promise<Response> {
  const store = options.store ?? storeInboundEmail;
  // Not set up: the address does not exist.
  if (!process.env.INBOUND_WEBHOOK_SECRET || !replyDomain()) return answer(404, "Inbound mail is not set up on this site.");
  if (!secretMatches(request)) return answer(401, "The shared secret is missing or wrong.", { "WWW-Authenticate": 'Basic realm="inbound mail"' });
  const body = await options.readBody();
  if (!body.raw || body.raw.byteLength === 0) return answer(400, "No message arrived: send the raw message.");
  const named = body.recipients.map((to) => to.trim().replace(/^<|>$/g, "").toLowerCase()).filter(isReplyDomainAddress);
  const recipients = [...new Set(named.length > 0 ? named : (await addressesInMessage(body.raw)).map((to) => to.toLowerCase()).filter(isReplyDomainAddress))];
  // Mail for nobody here is taken and forgotten: a provider retrying it would change nothing.
  if (recipients.length === 0) return answer(202, "No recipient at the reply domain: nothing to do.");
  const tooLarge = body.raw.byteLength > INBOUND_MESSAGE_LIMIT;
  try {
    for (const recipient of recipients) {
      await store({ raw: body.raw, recipient, envelopeFrom: body.envelopeFrom, source: "webhook", tooLarge });
    }
  } catch (error) {
    // Not stored means not taken: a temporary failure, so the provider retries
    // (a 5xx other than 503 makes some providers give up). A copy stored for
    // one recipient before the failure is not stored twice on the retry: the
    // (Message-ID, recipient) pair is unique.
    console.error("An inbound webhook message could not be stored:", error);
    return answer(503, "The message could not be stored just now; send it again later.", { "Retry-After": "60" });
  }
  return answer(202, "Taken.");
}
