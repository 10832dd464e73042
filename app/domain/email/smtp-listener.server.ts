/**
 * The inbound SMTP listener (the maintained `smtp-server` package), started
 * by server.mjs when SMTP_INBOUND_PORT is set (docs/decisions/0020).
 *
 * - It takes mail only for addresses at REPLY_DOMAIN (other recipients: 550).
 * - SIZE is announced at INBOUND_MESSAGE_LIMIT; a sender that declares more is
 *   refused at MAIL FROM (552). A message that turns out larger without having
 *   declared its size is read to its end, dropped as it streams, and refused
 *   after DATA (552): nothing is stored, and the sending server bounces it to
 *   its sender, as it would for any mailbox over its limit.
 * - Per client address: at most SMTP_CONNECTIONS_PER_ADDRESS connections at
 *   once (421) and SMTP_MESSAGES_PER_ADDRESS_PER_HOUR messages (450, try
 *   later); per recipient, RECIPIENT_MESSAGES_PER_HOUR (450). The hourly
 *   counts are the database's rate limits, shared by every instance.
 * - STARTTLS is offered when SMTP_TLS_KEY and SMTP_TLS_CERT name a key and a
 *   certificate (PEM files); otherwise it is not advertised. No AUTH: this is
 *   a receiving server, not a relay.
 * - A message is acknowledged (250) only once stored; a failure to store it
 *   answers 451, and the sending server tries again later.
 */
import { readFileSync } from "node:fs";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";
import { hitRateLimits } from "~/utils/rate-limit.server";
import { INBOUND_MESSAGE_LIMIT, storeInboundEmail } from "./inbound.server";
import { isReplyDomainAddress, replyDomain } from "./reply-addresses.server";

export const SMTP_CONNECTIONS_PER_ADDRESS = 10;
export const SMTP_MESSAGES_PER_ADDRESS_PER_HOUR = 600;
export const RECIPIENT_MESSAGES_PER_HOUR = 60;

type SmtpError = Error & { responseCode?: number };
function smtpError(code: number, message: string): SmtpError {
  const error: SmtpError = new Error(message);
  error.responseCode = code;
  return error;
}

export interface InboundSmtpOptions {
  port: number;
  host?: string;
  /** PEM key and certificate files: STARTTLS is offered with them. */
  tlsKeyFile?: string;
  tlsCertFile?: string;
  /** Overrides for tests and the benchmark. */
  limits?: { connectionsPerAddress?: number; messagesPerAddressPerHour?: number; messagesPerRecipientPerHour?: number };
}

/** Starts listening; resolves once it listens, with a function that stops it. */
export async function startInboundSmtp(options: InboundSmtpOptions): Promise<{ port: number; close: () => Promise<void> }> {
  const domain = replyDomain();
  if (!domain) throw new Error("SMTP_INBOUND_PORT is set but REPLY_DOMAIN is not: the listener would have no address to take mail for.");
  const connectionsPerAddress = options.limits?.connectionsPerAddress ?? SMTP_CONNECTIONS_PER_ADDRESS;
  const messagesPerAddress = options.limits?.messagesPerAddressPerHour ?? SMTP_MESSAGES_PER_ADDRESS_PER_HOUR;
  const messagesPerRecipient = options.limits?.messagesPerRecipientPerHour ?? RECIPIENT_MESSAGES_PER_HOUR;
  const tls =
    options.tlsKeyFile && options.tlsCertFile
      ? { key: readFileSync(options.tlsKeyFile), cert: readFileSync(options.tlsCertFile) }
      : null;
  const open = new Map<string, number>();

  const server = new SMTPServer({
    name: domain,
    banner: "CME Commons inbound mail",
    size: INBOUND_MESSAGE_LIMIT,
    // A message over the limit is answered 552 (5.3.4) after its data, whatever onData says (it stores nothing either).
    rejectOversized: true,
    authOptional: true,
    disabledCommands: tls ? ["AUTH"] : ["AUTH", "STARTTLS"],
    hideSTARTTLS: !tls,
    ...(tls ?? {}),
    logger: false,
    // Shutting down waits at most this long for a conversation in progress (its sender retries).
    closeTimeout: 5_000,
    onConnect(session, callback) {
      const address = session.remoteAddress;
      const count = (open.get(address) ?? 0) + 1;
      if (count > connectionsPerAddress) return callback(smtpError(421, "Too many connections from your address; try again later"));
      open.set(address, count);
      callback();
    },
    onClose(session) {
      const address = session.remoteAddress;
      const count = (open.get(address) ?? 1) - 1;
      if (count <= 0) open.delete(address);
      else open.set(address, count);
    },
    onRcptTo(address, session, callback) {
      const recipient = address.address.trim().toLowerCase();
      if (!isReplyDomainAddress(recipient)) return callback(smtpError(550, "No such mailbox here"));
      hitRateLimits([{ key: `smtp-in:to:${recipient}`, max: messagesPerRecipient, windowSeconds: 3600 }]).then(
        (wait) => callback(wait === null ? undefined : smtpError(450, "Too many messages for this address; try again later")),
        () => callback(smtpError(451, "Temporary failure; try again later")),
      );
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        // Past the limit nothing more is kept: the rest is read (the client sends it all before DATA's answer) and dropped.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("error", (error) => callback(error));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          chunks.length = 0;
          return callback(smtpError(552, `Error: message exceeds fixed maximum message size ${INBOUND_MESSAGE_LIMIT}`));
        }
        store(Buffer.concat(chunks), session).then(
          () => callback(),
          (error: unknown) => {
            if ((error as SmtpError).responseCode) return callback(error as SmtpError);
            console.error("Could not store an inbound email", error);
            callback(smtpError(451, "Temporary failure; try again later"));
          },
        );
      });
    },
  });

  async function store(raw: Buffer, session: SMTPServerSession) {
    const wait = await hitRateLimits([{ key: `smtp-in:ip:${session.remoteAddress}`, max: messagesPerAddress, windowSeconds: 3600 }]);
    if (wait !== null) throw smtpError(450, "Too many messages from your address; try again later");
    const from = session.envelope.mailFrom;
    const envelopeFrom = from === false ? "" : from.address;
    for (const recipient of session.envelope.rcptTo) {
      await storeInboundEmail({
        raw: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength),
        recipient: recipient.address,
        envelopeFrom,
        source: "smtp",
      });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => {
      server.off("error", reject);
      resolve();
    });
  });
  server.on("error", (error) => console.error("Inbound SMTP:", error instanceof Error ? error.message : error));
  const listening = server.server.address();
  return {
    port: typeof listening === "object" && listening ? listening.port : options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
