// POST /email/inbound: mail providers' inbound webhooks hand over a raw email
// (docs/decisions/0020). Authenticated with the shared secret
// INBOUND_WEBHOOK_SECRET (a bearer token, or the password of basic auth in the
// webhook's URL); exempt from the cross-site check (server.mjs), like the
// one-click unsubscribe, and with its own body limit (body-limits.ts). The
// message is stored and a job processes it: the answer says only whether it
// was taken.
//
// Accepted bodies: the raw message (message/rfc822, application/octet-stream
// or text/plain), with the recipient in `?recipient=` or an X-Envelope-To
// header; or a form with the raw message in `email` (SendGrid's raw mode) or
// `body-mime` (Mailgun's), the recipient in `recipient` or SendGrid's
// `envelope`. Without a recipient, the message's own To, Cc and Delivered-To
// addresses at REPLY_DOMAIN are used.
import type { ActionFunctionArgs } from "@remix-run/node";
import { receiveWebhookEmail } from "~/domain/email/webhook.server";
import { readForm, readRawBody } from "~/utils/request-body.server";

const RAW_TYPES = ["message/rfc822", "application/octet-stream", "text/plain"] as const;

export async function action({ request }: ActionFunctionArgs) {
  return receiveWebhookEmail(request, {
    readBody: async () => {
      const essence = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (essence === "multipart/form-data" || essence === "application/x-www-form-urlencoded") {
        const form = await readForm(request);
        const field = (name: string) => {
          const value = form.get(name);
          return typeof value === "string" ? value : null;
        };
        const raw = field("email") ?? field("body-mime");
        let envelope: { to?: unknown; from?: unknown } = {};
        try {
          envelope = JSON.parse(field("envelope") ?? "{}") as typeof envelope;
        } catch {
          envelope = {};
        }
        const envelopeTo = Array.isArray(envelope.to) ? envelope.to.filter((to): to is string => typeof to === "string") : [];
        return {
          raw: raw === null ? null : new TextEncoder().encode(raw),
          recipients: [...(field("recipient") ?? "").split(",").filter(Boolean), ...envelopeTo],
          envelopeFrom: field("sender") ?? (typeof envelope.from === "string" ? envelope.from : null),
        };
      }
      const raw = await readRawBody(request, RAW_TYPES);
      const url = new URL(request.url);
      const recipient = url.searchParams.get("recipient") ?? request.headers.get("X-Envelope-To");
      return { raw, recipients: recipient ? recipient.split(",") : [], envelopeFrom: request.headers.get("X-Envelope-From") };
    },
  });
}
